import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { MarketEvent } from '../../../core/market/events';
import { BTCUSDT_PERP } from '../../../core/market/instrument';
import { LiveCapture } from '../../../native/host/live-capture';
import { Store } from '../../../native/store/store';

const T0 = Date.UTC(2026, 0, 5, 10, 0, 0);

describe('LiveCapture', () => {
  it('writes received ticks and closed bars as live data, and loses nothing buffered at stop', () => {
    const store = Store.open(join(mkdtempSync(join(tmpdir(), 'auctioneer-capture-')), 's.db'));
    const capture = new LiveCapture(store, BTCUSDT_PERP, { now: () => T0 + 60_000 });
    capture.start();
    const events: MarketEvent[] = [
      { kind: 'quote', quote: { ts: T0, bidPrice: 1000, bidSize: 1, askPrice: 1001, askSize: 2 } },
      { kind: 'trade', trade: { ts: T0 + 5, price: 1001, size: 0.5, side: 1, id: 1 } },
      { kind: 'trade', trade: { ts: T0 + 9, price: 1000, size: 0.25, side: -1, id: 2 } },
    ];
    capture.record(events);
    capture.recordClosedBar({ ts: T0, open: 1001, high: 1001, low: 1000, close: 1000, volume: 0.75, vwap: 1000.67, trades: 2, buyVolume: 0.5, sellVolume: 0.25, delta: 0.25, closeQuote: null });
    capture.stop();
    const id = store.ensureInstrument(BTCUSDT_PERP);
    expect([...store.loadTrades(id, T0, T0 + 60_000).id]).toEqual([1, 2]);
    expect(store.loadQuotes(id, T0, T0 + 60_000).length).toBe(1);
    expect(store.loadBars(id, 60, T0, T0 + 60_000)).toMatchObject([{ ts: T0, volume: 0.75, buyVolume: 0.5 }]);
    expect(store.coverage(id)).toMatchObject([{ kind: 'quote', origin: 'live' }, { kind: 'trade', origin: 'live' }]);
    store.close();
  });

  it('purges live ticks past the retention on start, keeping recent ones', () => {
    const store = Store.open(join(mkdtempSync(join(tmpdir(), 'auctioneer-capture-')), 's.db'));
    const old = new LiveCapture(store, BTCUSDT_PERP, { now: () => T0 });
    old.record([{ kind: 'trade', trade: { ts: T0, price: 1000, size: 1, side: 1, id: 1 } }]);
    old.stop();
    const recent = new LiveCapture(store, BTCUSDT_PERP, { now: () => T0 + 50 * 3_600_000 });
    recent.record([{ kind: 'trade', trade: { ts: T0 + 49 * 3_600_000, price: 1000, size: 1, side: 1, id: 2 } }]);
    recent.flush();
    const later = new LiveCapture(store, BTCUSDT_PERP, { now: () => T0 + 50 * 3_600_000 });
    later.start();
    later.stop();
    const id = store.ensureInstrument(BTCUSDT_PERP);
    expect([...store.loadTrades(id, 0, T0 + 100 * 3_600_000).id]).toEqual([2]);
    store.close();
  });
});
