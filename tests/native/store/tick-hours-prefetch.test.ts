// prefetchTickHours: the hours read and decoded on a loader thread ahead of the backtest are the
// hours Store.tickHours reads on the backtest's own thread, column for column (a merged hour and
// the range's trimmed ends included), with more hours than the loader's ring has slots, so every
// slot is written again while the backtest reads the one before it.

import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Worker } from 'node:worker_threads';
import { afterAll, describe, expect, it } from 'vitest';
import type { TickData } from '../../../core/engine/tick-backtest';
import { BTCUSDT_PERP } from '../../../core/market/instrument';
import { HOUR_MS, Store } from '../../../native/store/store';
import { prefetchTickHours } from '../../../native/store/tick-hours-prefetch';
import { storeSimulatedTicks, writeLiveTrade } from '../../support/sim-store';

const start = Date.UTC(2026, 0, 5, 10);
const store = Store.open(join(mkdtempSync(join(tmpdir(), 'auctioneer-prefetch-')), 'ticks.db'));
storeSimulatedTicks(store, 200_000, 5, start);
const id = store.ensureInstrument(BTCUSDT_PERP);
// A live-captured trade in the second hour: that hour is merged from two origins.
const liveTs = start + HOUR_MS + 4321;
writeLiveTrade(store, { ts: liveTs, price: 650_000, size: 0.25, side: -1, id: 7 });
afterAll(() => store.close());

/** Each hour's columns as plain arrays, copied before the next hour is asked for. */
function copied(hours: Iterable<TickData>): number[][][] {
  const out: number[][][] = [];
  for (const { trades: t, quotes: q } of hours) {
    out.push([
      Array.from(t.ts.subarray(0, t.length)),
      Array.from(t.price.subarray(0, t.length)),
      Array.from(t.size.subarray(0, t.length)),
      Array.from(t.side.subarray(0, t.length)),
      Array.from(q.ts.subarray(0, q.length)),
      Array.from(q.bidPrice.subarray(0, q.length)),
      Array.from(q.bidSize.subarray(0, q.length)),
      Array.from(q.askPrice.subarray(0, q.length)),
      Array.from(q.askSize.subarray(0, q.length)),
    ]);
  }
  return out;
}

describe('prefetchTickHours', () => {
  it('yields exactly the hours Store.tickHours yields, read on a loader thread', () => {
    const from = start + 20 * 60_000;
    const to = start + 6 * HOUR_MS + 7 * 60_000;
    const expected = copied(store.tickHours(id, from, to));
    expect(expected.length).toBe(7);
    expect(expected.flatMap((h) => h[0]!)).toContain(liveTs);
    expect(copied(prefetchTickHours(store, id, from, to))).toEqual(expected);
    // The first hour is read here while the loader starts; the rest come from the loader's
    // shared-memory slots (not from this thread reading them after all).
    const shared = Array.from(prefetchTickHours(store, id, from, to), (h) => h.quotes.ts.buffer instanceof SharedArrayBuffer);
    expect(shared).toEqual([false, true, true, true, true, true, true]);
  });

  it('stops its loader when the backtest stops early, and starts afresh the next time', () => {
    let hours = 0;
    for (const h of prefetchTickHours(store, id, start, start + 5 * HOUR_MS)) {
      expect(h.trades.length).toBeGreaterThan(0);
      if (++hours === 2) break;
    }
    expect(hours).toBe(2);
    expect(copied(prefetchTickHours(store, id, start, start + 2 * HOUR_MS))).toEqual(copied(store.tickHours(id, start, start + 2 * HOUR_MS)));
  });

  it('reads the rest on this thread when its loader dies without a word, losing no hour', () => {
    const from = start + 20 * 60_000;
    const to = start + 6 * HOUR_MS + 7 * 60_000;
    const expected = copied(store.tickHours(id, from, to));
    let loader: Worker | null = null;
    const out: number[][][] = [];
    const fromLoader: boolean[] = [];
    for (const h of prefetchTickHours(store, id, from, to, { stallMs: 300, onLoader: (w) => (loader = w) })) {
      out.push(...copied([h]));
      fromLoader.push(h.quotes.ts.buffer instanceof SharedArrayBuffer);
      // A crash after the first hour it delivered: it can post nothing more, nor say why.
      if (fromLoader.filter(Boolean).length === 1) void loader!.terminate();
    }
    expect(out).toEqual(expected);
    // The first hour read here, then the loader's (one, or the ones it had queued ahead before
    // it died), then the rest read here again.
    expect(fromLoader[0]).toBe(false);
    expect(fromLoader[1]).toBe(true);
    expect(fromLoader.at(-1)).toBe(false);
    expect(fromLoader.filter(Boolean).length).toBeLessThanOrEqual(3);
  });

  it('reads an in-memory store on its own thread, which no loader can open', () => {
    const memory = Store.open(':memory:');
    storeSimulatedTicks(memory, 20_000, 6, start);
    const mid = memory.ensureInstrument(BTCUSDT_PERP);
    const hours = copied(prefetchTickHours(memory, mid, start, start + 3 * HOUR_MS));
    expect(hours.flatMap((h) => h[0]!).length).toBe(20_000);
    expect(hours).toEqual(copied(memory.tickHours(mid, start, start + 3 * HOUR_MS)));
    memory.close();
  });
});
