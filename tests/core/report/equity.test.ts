// Drawdown, underwater time and the equity curve itself, on hand-made series with a recovered
// episode, an unrecovered one, gaps and points outside the run.

import { describe, expect, it } from 'vitest';
import { analyseEquity, equityCurve } from '../../../core/report/equity';
import { H, M, SIX_TRADES, T0 } from './fixtures';

describe('analyseEquity', () => {
  // Minutes: 0 1000, 10 1200 (peak), 20 900, 30 1000, 40 1300 (recovered), 50 2000 (peak), 60 1560,
  // 70 1800; the run ends at minute 100 still under the 2000 peak.
  const curve = [
    [0, 1000],
    [10, 1200],
    [20, 900],
    [30, 1000],
    [40, 1300],
    [50, 2000],
    [60, 1560],
    [70, 1800],
  ].map(([m, e]) => ({ ts: T0 + (m as number) * M, equity: e as number }));
  const a = analyseEquity(curve, T0 + 100 * M);

  it('drawdown series: running peak − equity, in quote and in % of the peak', () => {
    // 20: 1200 − 900 = 300 = 25 %; 30: 200 = 16.67 %; 60: 2000 − 1560 = 440 = 22 %; 70: 200 = 10 %.
    expect(a.series.map((p) => p.drawdownAbs)).toEqual([0, 0, 300, 200, 0, 0, 440, 200]);
    const pct = a.series.map((p) => p.drawdownPct);
    expect(pct[2]).toBeCloseTo(25, 12);
    expect(pct[3]).toBeCloseTo(200 / 12, 12);
    expect(pct[6]).toBeCloseTo(22, 12);
    expect(pct[7]).toBeCloseTo(10, 12);
  });

  it('max drawdown is the deepest in %, with its own abs, times and recovery', () => {
    // 25 % (300 from 1200) beats 22 % (440 from 2000) although 440 is the larger amount.
    expect(a.maxDrawdown).toEqual({
      pct: 25,
      abs: 300,
      peakTs: T0 + 10 * M,
      peakEquity: 1200,
      troughTs: T0 + 20 * M,
      troughEquity: 900,
      recoveryTs: T0 + 40 * M,
    });
    expect(a.maxDrawdownAbs).toBe(440);
  });

  it('longest underwater: first mark below the peak → first mark back; unrecovered 60 → 100 min beats 20 → 40 min', () => {
    expect(a.maxUnderwater).toEqual({ durationMs: 40 * M, startTs: T0 + 60 * M, endTs: T0 + 100 * M, recovered: false });
    expect(a.finalEquity).toBe(1800);
  });

  it('a return to exactly the peak counts as recovery', () => {
    const b = analyseEquity(
      [
        { ts: 0, equity: 100 },
        { ts: 1, equity: 90 },
        { ts: 5, equity: 100 },
      ],
      10,
    );
    expect(b.maxDrawdown?.recoveryTs).toBe(5);
    expect(b.maxUnderwater).toEqual({ durationMs: 4, startTs: 1, endTs: 5, recovered: true });
  });

  it('a curve that never falls has no drawdown and no underwater period', () => {
    const b = analyseEquity(
      [
        { ts: 0, equity: 100 },
        { ts: 1, equity: 100 },
        { ts: 2, equity: 105 },
      ],
      3,
    );
    expect(b.maxDrawdown).toBeNull();
    expect(b.maxUnderwater).toBeNull();
    expect(b.maxDrawdownAbs).toBe(0);
  });
});

describe('equityCurve', () => {
  it('sorts, drops points outside the span and puts the starting balance at startTs', () => {
    const c = equityCurve(
      [
        { ts: T0 + 3 * H, equity: 1030 },
        { ts: T0 - H, equity: 5 }, // before the run
        { ts: T0 + H, equity: 990 },
        { ts: T0 + 9 * H, equity: 7 }, // after the run
      ],
      [],
      1000,
      T0,
      T0 + 5 * H,
    );
    expect(c).toEqual([
      { ts: T0, equity: 1000 },
      { ts: T0 + H, equity: 990 },
      { ts: T0 + 3 * H, equity: 1030 },
    ]);
  });

  it('keeps a first mark at startTs instead of inventing one', () => {
    expect(equityCurve([{ ts: T0, equity: 999 }], [], 1000, T0, T0 + H)).toEqual([{ ts: T0, equity: 999 }]);
  });

  it('without equity marks, rebuilds the curve from trades: balance + cumulative net PnL at each exit', () => {
    // Closing order T1 +100 @2h, T2 +200 @5h, T3 −50 @6h, T4 −25 @11h, T5 0 @30h, T6 +50 @41h.
    const c = equityCurve([], SIX_TRADES, 10_000, T0, T0 + 48 * H);
    expect(c.map((p) => [(p.ts - T0) / H, p.equity])).toEqual([
      [0, 10_000],
      [2, 10_100],
      [5, 10_300],
      [6, 10_250],
      [11, 10_225],
      [30, 10_225],
      [41, 10_275],
    ]);
    // Peak 10 300 at 5 h, trough 10 225 at 11 h: 75 = 75/10 300 = 0.728 %; below from 6 h, never
    // recovered by 48 h → 42 h under water.
    const a = analyseEquity(c, T0 + 48 * H);
    expect(a.maxDrawdown?.abs).toBe(75);
    expect(a.maxDrawdown?.pct).toBeCloseTo((75 / 10_300) * 100, 12);
    expect(a.maxUnderwater).toEqual({ durationMs: 42 * H, startTs: T0 + 6 * H, endTs: T0 + 48 * H, recovered: false });
  });
});
