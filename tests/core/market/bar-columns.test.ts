import { describe, expect, it } from 'vitest';
import { minuteBarsFromTrades } from '../../../core/market/bar-columns';
import { MinuteBarBuilder, type Bar } from '../../../core/market/bars';
import { tradeColumnsFrom } from '../../../core/market/columns';
import type { Trade } from '../../../core/market/events';

describe('minuteBarsFromTrades', () => {
  it('matches MinuteBarBuilder bar for bar on a random stream with gaps', () => {
    let seed = 99;
    const rand = (): number => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed / 2 ** 31;
    };
    const trades: Trade[] = [];
    let ts = Date.UTC(2025, 0, 1);
    for (let i = 0; i < 20_000; i++) {
      // Occasional multi-minute gaps: minutes without trades must produce no bar.
      ts += rand() < 0.001 ? 300_000 : Math.floor(rand() * 100);
      trades.push({ ts, price: 500_000 + Math.floor(rand() * 300), size: Math.ceil(rand() * 500) / 1000, side: rand() < 0.1 ? 0 : rand() < 0.5 ? 1 : -1 });
    }
    const builder = new MinuteBarBuilder();
    const expected: Bar[] = [];
    for (const t of trades) {
      const closed = builder.onTrade(t);
      if (closed) expected.push(closed);
    }
    expected.push(builder.openBar() as Bar);

    const bars = minuteBarsFromTrades(tradeColumnsFrom(trades));
    expect(bars.length).toBe(expected.length);
    expected.forEach((e, i) => {
      expect([bars.ts[i], bars.open[i], bars.high[i], bars.low[i], bars.close[i], bars.trades[i]]).toEqual([e.ts, e.open, e.high, e.low, e.close, e.trades]);
      expect(bars.volume[i]).toBeCloseTo(e.volume, 9);
      expect(bars.vwap[i]).toBeCloseTo(e.vwap, 6);
      expect(bars.buyVolume[i]).toBeCloseTo(e.buyVolume, 9);
      expect(bars.sellVolume[i]).toBeCloseTo(e.sellVolume, 9);
    });
  });

  it('returns no bars for no trades', () => {
    expect(minuteBarsFromTrades(tradeColumnsFrom([])).length).toBe(0);
  });
});
