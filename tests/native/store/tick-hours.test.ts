// Store.tickHours: a range streamed hour by hour holds exactly the trades and quotes the whole-range
// loaders return, in order, trimmed to the range, including an hour held by two origins.

import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BTCUSDT_PERP } from '../../../core/market/instrument';
import { HOUR_MS, Store } from '../../../native/store/store';
import { storeSimulatedTicks, writeLiveTrade } from '../../support/sim-store';

describe('Store.tickHours', () => {
  it('streams the same ticks as loadTrades / loadQuotes, hour by hour', () => {
    const store = Store.open(join(mkdtempSync(join(tmpdir(), 'auctioneer-tick-hours-')), 'ticks.db'));
    const start = Date.UTC(2026, 0, 5, 10);
    storeSimulatedTicks(store, 150_000, 4, start);
    const id = store.ensureInstrument(BTCUSDT_PERP);
    // A live-captured trade in the second hour: that hour is merged from two origins.
    const liveTs = start + HOUR_MS + 1234;
    writeLiveTrade(store, { ts: liveTs, price: 650_000, size: 0.5, side: 1, id: 42 });
    // From the middle of the first hour to the middle of the fourth.
    const from = start + 20 * 60_000;
    const to = start + 3 * HOUR_MS + 7 * 60_000;
    const whole = { trades: store.loadTrades(id, from, to), quotes: store.loadQuotes(id, from, to) };
    const ts: number[] = [];
    const prices: number[] = [];
    const bids: number[] = [];
    let hours = 0;
    for (const h of store.tickHours(id, from, to)) {
      hours++;
      // Every hour's ticks lie in its own hour and in the range.
      const hour = Math.floor(h.trades.ts[0]! / HOUR_MS);
      const outside = [h.trades.ts, h.quotes.ts].flatMap((col) => Array.from(col).filter((t) => !(t >= from && t < to && Math.floor(t / HOUR_MS) === hour)));
      expect(outside).toEqual([]);
      for (let i = 0; i < h.trades.length; i++) {
        ts.push(h.trades.ts[i]!);
        prices.push(h.trades.price[i]!);
      }
      for (let j = 0; j < h.quotes.length; j++) bids.push(h.quotes.bidPrice[j]!);
    }
    expect(hours).toBe(4);
    expect(whole.trades.length).toBeGreaterThan(10_000);
    expect(whole.trades.ts.includes(liveTs)).toBe(true);
    expect(ts).toEqual(Array.from(whole.trades.ts));
    expect(prices).toEqual(Array.from(whole.trades.price));
    expect(bids).toEqual(Array.from(whole.quotes.bidPrice));
    store.close();
  });
});
