import { describe, expect, it } from 'vitest';
import type { MarketEvent, Quote, Trade } from '../../../../core/market/events';
import { BTCUSDT_PERP } from '../../../../core/market/instrument';
import { simulateColumns } from '../../../../native/feeds/sim/sim-columns';
import { defaultSimConfig, SimulatedMarket } from '../../../../native/feeds/sim/simulated-market';

function run(seed: number, minutes: number, overrides = {}): { events: MarketEvent[]; trades: Trade[]; quotes: Quote[] } {
  const config = defaultSimConfig(BTCUSDT_PERP, { seed, ...overrides });
  const market = new SimulatedMarket(config);
  const events: MarketEvent[] = [];
  market.emitUntil(config.startTs + minutes * 60_000, (e) => events.push(e));
  return {
    events,
    trades: events.flatMap((e) => (e.kind === 'trade' ? [e.trade] : [])),
    quotes: events.flatMap((e) => (e.kind === 'quote' ? [e.quote] : [])),
  };
}

describe('SimulatedMarket', () => {
  it('is deterministic for a seed and differs between seeds', () => {
    const a = run(42, 10).events;
    const b = run(42, 10).events;
    const c = run(43, 10).events;
    expect(a.length).toBeGreaterThan(1000);
    expect(b).toEqual(a);
    expect(c.slice(0, 200)).not.toEqual(a.slice(0, 200));
  });

  it('emits events in time order, never a crossed quote, sizes on the contract step', () => {
    const { events, trades, quotes } = run(7, 30);
    let backwards = 0;
    let prev = -Infinity;
    for (const e of events) {
      const ts = e.kind === 'trade' ? e.trade.ts : e.quote.ts;
      if (ts < prev) backwards++;
      prev = ts;
    }
    expect(backwards).toBe(0);
    expect(quotes.filter((q) => !(q.bidPrice < q.askPrice) || q.bidSize <= 0 || q.askSize <= 0)).toEqual([]);
    const offStep = trades.filter(
      (t) => !Number.isInteger(t.price) || Math.abs(t.size * 1000 - Math.round(t.size * 1000)) > 1e-6 || t.size < 0.001 || (t.side !== 1 && t.side !== -1),
    );
    expect(offStep).toEqual([]);
  });

  it('prints buys at or through the ask and sells at or through the bid of the quote in force', () => {
    const { events } = run(11, 20);
    let quote: Quote | null = null;
    let atTouch = 0;
    let total = 0;
    const wrongSide: Trade[] = [];
    for (const e of events) {
      if (e.kind === 'quote') {
        quote = e.quote;
        continue;
      }
      if (!quote) continue;
      total++;
      const t = e.trade;
      // Fills of one sweep share the quote that was in force before it: each level emptied
      // moves the next fill one tick through the touch, never back inside the spread.
      if (t.side === 1 ? t.price < quote.askPrice : t.price > quote.bidPrice) wrongSide.push(t);
      if (t.price === (t.side === 1 ? quote.askPrice : quote.bidPrice)) atTouch++;
    }
    expect(total).toBeGreaterThan(1000);
    expect(wrongSide).toEqual([]);
    expect(atTouch / total).toBeGreaterThan(0.6);
  });

  it('trends in an imbalance regime and rotates around value in balance', () => {
    // Forced regimes: a long balance with no trends, and a long trend.
    const balance = run(5, 120, { balanceMeanMinutes: 1e9 }).trades;
    const trend = run(5, 60, { balanceMeanMinutes: 1, trendMeanMinutes: 1e9, trendDriftTicksPerSecond: [2, 2] }).trades;
    const first = (xs: Trade[]) => (xs[0] as Trade).price;
    const last = (xs: Trade[]) => (xs[xs.length - 1] as Trade).price;
    // Balance: the mean-reverting fair value keeps price within a few hundred ticks of its start
    // (stationary sd = 14 / sqrt(2 ln2 / 1200) ~ 580 ticks) after two hours.
    expect(Math.abs(last(balance) - first(balance))).toBeLessThan(2_500);
    // Trend at 2 ticks/s for ~59 min: ~7,000 ticks of displacement in the drawn direction.
    expect(Math.abs(last(trend) - first(trend))).toBeGreaterThan(4_000);
  });
});

describe('SimulatedMarket pauses', () => {
  it('never pauses long enough for the feed to look stale (5 s), like a liquid perpetual', () => {
    for (const seed of [1, 3, 11, 23]) {
      const { trades } = simulateColumns(BTCUSDT_PERP, 150_000, { overrides: { seed } });
      let longest = 0;
      for (let i = 1; i < trades.length; i++) longest = Math.max(longest, (trades.ts[i] as number) - (trades.ts[i - 1] as number));
      expect(longest, `seed ${seed}`).toBeLessThan(5_000);
    }
  });
});
