// The lower-bound kernel of the market core benchmark does the single pass's per-trade work: its
// sums per minute are the single pass's bars, footprint and flow, bit for bit, on the simulated
// benchmark tape, and it refuses what the pass refuses. (A kernel that skipped part of the work
// would be a lower bound of nothing.)

import { describe, expect, it } from 'vitest';
import { marketCoreKernel, priceRange } from '../../../build/bench/market-core-kernel';
import { computeMarketCore } from '../../../core/features/market-core';
import { BTCUSDT_PERP } from '../../../core/market/instrument';
import { simulateColumns } from '../../../native/feeds/sim/sim-columns';

const { trades, quotes } = simulateColumns(BTCUSDT_PERP, 60_000, { keepQuotes: true, overrides: { seed: 3 } });

describe('marketCoreKernel', () => {
  it('computes per minute the single pass bars, footprint cells and delta path, and flow sums', () => {
    const q = quotes!;
    const { minutes, totals } = marketCoreKernel(trades, q, priceRange(trades), 250);
    const core = computeMarketCore(trades, q);
    expect(totals.refused).toBe(0);
    expect(minutes.length).toBe(core.bars.length);
    expect(minutes.length).toBeGreaterThan(20);
    for (let m = 0; m < minutes.length; m++) {
      const bar = core.footprint[m]!;
      const delta = bar.buyVolume - bar.sellVolume;
      expect(minutes.ts[m]).toBe(core.bars.ts[m]);
      expect(minutes.trades[m]).toBe(core.bars.trades[m]);
      expect(minutes.volume[m]).toBe(core.bars.volume[m]);
      expect(minutes.notional[m]! / minutes.volume[m]!).toBe(core.bars.vwap[m]);
      expect(minutes.buy[m]).toBe(bar.buyVolume);
      expect(minutes.sell[m]).toBe(bar.sellVolume);
      expect(minutes.maxDelta[m]).toBe(bar.maxDelta);
      expect(minutes.minDelta[m]).toBe(bar.minDelta);
      expect(delta - minutes.deltaAtHigh[m]!).toBe(bar.deltaSinceHigh);
      expect(delta - minutes.deltaAtLow[m]!).toBe(bar.deltaSinceLow);
      expect(minutes.maxLevelVolume[m]).toBe(Math.max(...bar.volume));
      expect(minutes.maxLevelSell[m]).toBe(Math.max(...bar.bid));
      expect(minutes.maxLevelBuy[m]).toBe(Math.max(...bar.ask));
      expect(minutes.levelTrades[m]).toBe(bar.trades);
      expect(minutes.signedBuy[m]).toBe(core.flow.buyVolume[m]);
      expect(minutes.signedSell[m]).toBe(core.flow.sellVolume[m]);
      expect(minutes.unsigned[m]).toBe(core.flow.ambiguousVolume[m]);
    }
    const stats = core.flowStats;
    expect(totals.fresh).toBe(stats.trades - stats.staleOrMissingQuote);
    expect(totals.quoteSigned).toBe(stats.quoteSigned);
    expect(totals.reportedWithQuote).toBe(stats.reportedWithQuote);
    expect(totals.agreeing).toBe(stats.agreeing);
    expect(totals.volume).toBe(stats.volume);
  });

  it('flags trades or quotes out of time order and prices off the grid', () => {
    const q = quotes!;
    const range = priceRange(trades);
    // Element k + 1 made a millisecond earlier than element k.
    const backwards = (a: Float64Array, k: number): Float64Array => {
      const b = a.slice();
      b[k + 1] = b[k]! - 1;
      return b;
    };
    expect(marketCoreKernel({ ...trades, ts: backwards(trades.ts, 500) }, q, range, 250).totals.refused).toBe(1);
    expect(marketCoreKernel(trades, { ...q, ts: backwards(q.ts, 800) }, range, 250).totals.refused).toBe(1);
    const offGrid = trades.price.slice();
    offGrid[700] = offGrid[700]! + 0.5;
    expect(marketCoreKernel({ ...trades, price: offGrid }, q, range, 250).totals.refused).toBe(1);
  });
});
