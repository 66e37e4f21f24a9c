// computeReport end to end: the six-trade run assembled into one report, and the edge cases the
// brief names (no trades, all winners, one trade, zero-length run, equity with gaps).

import { describe, expect, it } from 'vitest';
import { computeReport } from '../../../core/report/report';
import { parseReportInput, type ReportInput } from '../../../core/report/types';
import { DAY, H, M, SIX_TRADES, T0, trade } from './fixtures';

const run = (p: Partial<ReportInput>): ReportInput => ({ trades: [], equity: [], startingBalance: 10_000, startTs: T0, endTs: T0 + 2 * DAY, ...p });

describe('computeReport on the six-trade run (equity rebuilt from trades)', () => {
  const r = computeReport(run({ trades: SIX_TRADES, ambiguousTradeFrac: [0.1, 0.5, Number.NaN] }));

  it('run info and trade metrics', () => {
    expect(r.run).toEqual({ startTs: T0, endTs: T0 + 2 * DAY, spanMs: 2 * DAY, startingBalance: 10_000, finishingBalance: 10_275 });
    expect(r.trades.netProfit).toBe(275);
    expect(r.tradeTable).toHaveLength(6);
  });

  it('daily series: Jan 1 closes at 10 225 (last exit 11 h), Jan 2 at 10 275', () => {
    expect(r.series.daily.map((d) => d.close)).toEqual([10_225, 10_275]);
    const r1 = 10_225 / 10_000 - 1; // 0.0225
    const r2 = 10_275 / 10_225 - 1; // 0.00489
    const m = (r1 + r2) / 2;
    const sd = Math.abs(r1 - r2) / Math.SQRT2; // sample stdev of two values
    expect(r.risk.sharpe).toBeCloseTo((m / sd) * Math.sqrt(365), 8); // ≈ 21.01
    // No losing day: Sortino and Omega are x / 0 = +Infinity.
    expect(r.risk.sortino).toBe(Infinity);
    expect(r.risk.omega).toBe(Infinity);
    expect(r.risk.dailyReturns).toBe(2);
  });

  it('CAGR over 2 days and Calmar against the 0.728 % drawdown', () => {
    const cagr = (Math.pow(1.0275, 365 / 2) - 1) * 100; // ≈ 14 000 %: two days extrapolated
    expect(r.risk.annualReturnPct).toBeCloseTo(cagr, 6);
    expect(r.risk.calmar).toBeCloseTo(cagr / ((75 / 10_300) * 100), 6);
    expect(r.risk.maxDrawdown?.abs).toBe(75);
    expect(r.risk.exposure).toBeCloseTo(1 / 3, 14);
  });

  it('spread and ambiguous stats are attached; ambiguous is null when no series is given', () => {
    expect(r.spread.average).toBe(2);
    expect(r.ambiguous).toMatchObject({ minutes: 2, missing: 1, mean: 0.3, max: 0.5, shareAboveThreshold: 0.5 });
    expect(computeReport(run({})).ambiguous).toBeNull();
  });

  it('options: custom spread edges and ambiguous threshold', () => {
    const o = computeReport(run({ trades: SIX_TRADES, ambiguousTradeFrac: [0.1, 0.5] }), { spreadHistogramEdges: [0, 2, 4], ambiguousThreshold: 0.05 });
    expect(o.spread.histogram.counts).toEqual([1, 3]); // 1 in [0,2); 2, 2, 3 in [2,4)
    expect(o.ambiguous?.shareAboveThreshold).toBe(1);
    expect(() => computeReport(run({}), { spreadHistogramEdges: [1, 1] })).toThrow();
  });
});

describe('computeReport without the equity series (what a sweep asks for)', () => {
  it('gives the same metrics and daily series, and no per-mark series', () => {
    const equity = [
      { ts: T0 + H, equity: 10_050 },
      { ts: T0 + 5 * H, equity: 9_900 },
      { ts: T0 + DAY + H, equity: 10_120 },
      { ts: T0 + DAY + 3 * H, equity: 10_080 },
    ];
    const full = computeReport(run({ trades: SIX_TRADES, equity }));
    const lean = computeReport(run({ trades: SIX_TRADES, equity }), { equitySeries: false });
    expect(full.series.equity).toHaveLength(5);
    expect(lean.series.equity).toEqual([]);
    expect({ ...lean, series: { ...lean.series, equity: full.series.equity } }).toEqual(full);
    // 10 050 -> 9 900 is the deepest fall: 150 / 10 050
    expect(lean.risk.maxDrawdown?.pct).toBeCloseTo((150 / 10_050) * 100, 12);
  });
});

describe('computeReport edge cases', () => {
  it('no trades and no equity: a flat run, nothing divided by zero', () => {
    const r = computeReport(run({}));
    expect(r.run.finishingBalance).toBe(10_000);
    expect(r.trades.totalTrades).toBe(0);
    expect(r.trades.profitFactor).toBeNull();
    expect(r.risk).toMatchObject({
      maxDrawdown: null,
      maxDrawdownAbs: 0,
      maxUnderwater: null,
      annualReturnPct: 0,
      sharpe: null, // std 0, mean 0
      sortino: null,
      omega: null,
      calmar: null, // 0 % / 0 %
      exposure: 0,
    });
    expect(r.series.equity).toEqual([{ ts: T0, equity: 10_000, drawdownAbs: 0, drawdownPct: 0 }]);
    expect(r.spread.average).toBeNull();
  });

  it('all winners: profit factor, Calmar, Sortino, Omega are +Infinity', () => {
    const r = computeReport(
      run({
        trades: [
          trade({ id: 'a', entryTs: T0 + H, exitTs: T0 + 2 * H, netPnl: 100 }),
          trade({ id: 'b', entryTs: T0 + DAY + H, exitTs: T0 + DAY + 2 * H, netPnl: 50 }),
        ],
      }),
    );
    expect(r.trades.profitFactor).toBe(Infinity);
    expect(r.risk.maxDrawdown).toBeNull();
    expect(r.risk.calmar).toBe(Infinity);
    expect(r.risk.sortino).toBe(Infinity);
    expect(r.risk.omega).toBe(Infinity);
  });

  it('one trade', () => {
    const r = computeReport(run({ trades: [trade({ id: 'a', entryTs: T0 + H, exitTs: T0 + 3 * H, netPnl: -200 })] }));
    // Equity 10 000 → 9 800 at 3 h and stays: 2 % drawdown from the T0 peak, never recovered,
    // under water from 3 h to the 48 h end = 45 h.
    expect(r.risk.maxDrawdown).toMatchObject({ pct: 2, abs: 200, peakTs: T0, troughTs: T0 + 3 * H, recoveryTs: null });
    expect(r.risk.maxUnderwater).toEqual({ durationMs: 45 * H, startTs: T0 + 3 * H, endTs: T0 + 2 * DAY, recovered: false });
    expect(r.trades.longestLosingStreak).toBe(1);
    expect(r.risk.exposure).toBeCloseTo(2 / 48, 14);
    // Daily: −0.02 then 0. Omega 0 / 0.02 = 0; Sortino: mean −0.01 / √(0.0004/2) · √365.
    expect(r.risk.omega).toBe(0);
    expect(r.risk.sortino).toBeCloseTo((-0.01 / Math.sqrt(0.0004 / 2)) * Math.sqrt(365), 8);
  });

  it('zero-length run: span-based metrics are null, trade metrics still computed', () => {
    const r = computeReport(run({ endTs: T0, trades: [trade({ id: 'a', entryTs: T0, exitTs: T0, netPnl: 5 })] }));
    expect(r.risk).toMatchObject({ annualReturnPct: null, sharpe: null, calmar: null, exposure: null, dailyReturns: 0 });
    expect(r.trades.tradesPerDay).toBeNull();
    expect(r.trades.netProfit).toBe(5);
    expect(r.series.daily).toEqual([]);
  });

  it('equity series with gaps: drawdown spans the gap, daily closes carry over it', () => {
    // Marks at 0 min, 10 min, then nothing until day 3; the 10 min dip lasts through the gap.
    const r = computeReport(
      run({
        endTs: T0 + 3 * DAY,
        equity: [
          { ts: T0, equity: 10_000 },
          { ts: T0 + 10 * M, equity: 9_000 },
          { ts: T0 + 2 * DAY + H, equity: 10_500 },
        ],
      }),
    );
    expect(r.series.daily.map((d) => d.close)).toEqual([9_000, 9_000, 10_500]);
    expect(r.risk.maxDrawdown).toMatchObject({ pct: 10, peakTs: T0, troughTs: T0 + 10 * M, recoveryTs: T0 + 2 * DAY + H });
    expect(r.risk.maxUnderwater?.durationMs).toBe(2 * DAY + H - 10 * M); // 10 min → day 3 01:00
    expect(r.run.finishingBalance).toBe(10_500);
  });
});

describe('parseReportInput', () => {
  it('accepts a valid input and NaN ambiguous minutes', () => {
    const input = run({ trades: SIX_TRADES, ambiguousTradeFrac: [0.2, Number.NaN] });
    expect(parseReportInput(input).trades).toHaveLength(6);
  });

  it('rejects non-finite amounts, exit before entry and end before start', () => {
    expect(() => parseReportInput(run({ trades: [trade({ id: 'a', netPnl: Infinity })] }))).toThrow();
    expect(() => parseReportInput(run({ trades: [trade({ id: 'a', netPnl: 1, entryTs: 5, exitTs: 4 })] }))).toThrow();
    expect(() => parseReportInput(run({ endTs: T0 - 1 }))).toThrow();
    expect(() => parseReportInput(run({ startingBalance: 0 }))).toThrow();
  });
});
