// Property-style check: on random runs (seeded), computeReport agrees with a plain, deliberately
// naive recomputation written here (brute-force drawdown, minute-grid exposure, per-day filters).

import { describe, expect, it } from 'vitest';
import { computeReport } from '../../../core/report/report';
import type { ClosedTrade, EquityPoint } from '../../../core/report/types';
import { DAY, M, T0 } from './fixtures';

function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

interface RandomRun {
  trades: ClosedTrade[];
  equity: EquityPoint[];
  startTs: number;
  endTs: number;
  balance: number;
  ambiguous: number[];
}

function randomRun(seed: number): RandomRun {
  const rnd = mulberry32(seed);
  const int = (lo: number, hi: number): number => lo + Math.floor(rnd() * (hi - lo + 1));
  // Start off midnight so the first UTC day is partial; span 1-5 days in whole minutes.
  const startTs = T0 + int(0, 1439) * M;
  const spanMin = int(1, 5) * 1440 + int(0, 1439);
  const endTs = startTs + spanMin * M;
  const trades: ClosedTrade[] = Array.from({ length: int(0, 40) }, (_, i) => {
    const entry = int(-30, spanMin);
    const exit = entry + int(0, 600);
    const gross = int(-5, 5) * 10;
    const fees = int(0, 3);
    const funding = int(-2, 2);
    const hasRisk = rnd() < 0.7;
    const spreadMode = int(0, 3); // none, entry, exit, both
    return {
      id: `t${i}`,
      side: rnd() < 0.5 ? 'long' : 'short',
      qty: 1,
      entryTs: startTs + entry * M,
      entryPrice: 100,
      exitTs: startTs + exit * M,
      exitPrice: 100,
      grossPnl: gross,
      fees,
      funding,
      // Every fourth trade lands exactly on breakeven.
      netPnl: i % 4 === 3 ? 0 : gross - fees - funding,
      strategyTag: 'p',
      ...(hasRisk ? { initialRisk: int(1, 50) } : {}),
      ...(spreadMode === 1 || spreadMode === 3 ? { spreadPaidEntry: int(0, 30) / 10 } : {}),
      ...(spreadMode === 2 || spreadMode === 3 ? { spreadPaidExit: int(0, 30) / 10 } : {}),
    };
  });
  let e = 10_000;
  // Sparse marks strictly after the start with gaps, some outside the span, shuffled order.
  const equity: EquityPoint[] = Array.from({ length: int(0, 200) }, () => {
    e += int(-300, 300);
    return { ts: startTs + int(1, spanMin + 200) * M, equity: e };
  });
  const ambiguous = Array.from({ length: int(0, 100) }, () => (rnd() < 0.1 ? Number.NaN : rnd()));
  return { trades, equity, startTs, endTs, balance: 10_000, ambiguous };
}

/** The curve built naively: in-span marks by time (last one wins on equal ts), start prepended. */
function naiveCurve(run: RandomRun): EquityPoint[] {
  if (run.equity.length === 0) {
    const byExit = [...run.trades].sort((a, b) => a.exitTs - b.exitTs);
    let bal = run.balance;
    const pts = [{ ts: run.startTs, equity: run.balance }];
    for (const t of byExit) {
      bal += t.netPnl;
      if (t.exitTs >= run.startTs && t.exitTs <= run.endTs) pts.push({ ts: t.exitTs, equity: bal });
    }
    return pts;
  }
  const inSpan = run.equity.filter((p) => p.ts >= run.startTs && p.ts <= run.endTs);
  const sorted = inSpan.map((p, i) => ({ ...p, i })).sort((a, b) => a.ts - b.ts || a.i - b.i);
  return [{ ts: run.startTs, equity: run.balance }, ...sorted.map(({ ts, equity }) => ({ ts, equity }))];
}

const avg = (xs: number[]): number | null => (xs.length === 0 ? null : xs.reduce((a, b) => a + b, 0) / xs.length);

function expectClose(actual: number | null, expected: number | null, label: string): void {
  if (expected === null || !Number.isFinite(expected)) {
    expect(actual, label).toBe(expected);
  } else {
    expect(actual, label).not.toBeNull();
    expect(Math.abs((actual as number) - expected), label).toBeLessThanOrEqual(1e-9 * Math.max(1, Math.abs(expected)));
  }
}

describe('computeReport against a naive recomputation on random runs', () => {
  for (let seed = 1; seed <= 60; seed++) {
    it(`seed ${seed}`, () => {
      const run = randomRun(seed);
      // Half the seeds give no equity marks, exercising the curve rebuilt from trades.
      const equity = seed % 2 === 0 ? [] : run.equity;
      const r = computeReport({
        trades: run.trades,
        equity,
        startingBalance: run.balance,
        startTs: run.startTs,
        endTs: run.endTs,
        ambiguousTradeFrac: run.ambiguous,
      });
      const net = run.trades.map((t) => t.netPnl);
      const wins = net.filter((x) => x > 0);
      const losses = net.filter((x) => x < 0);

      // Trade statistics.
      expect(r.trades.totalTrades).toBe(run.trades.length);
      expect(r.trades.winningTrades).toBe(wins.length);
      expect(r.trades.losingTrades).toBe(losses.length);
      expectClose(r.trades.winRate, wins.length + losses.length === 0 ? null : wins.length / (wins.length + losses.length), 'winRate');
      expectClose(r.trades.averageWin, avg(wins), 'averageWin');
      expectClose(r.trades.averageLoss, avg(losses), 'averageLoss');
      expectClose(r.trades.netProfit, net.reduce((a, b) => a + b, 0), 'netProfit');
      expectClose(r.trades.expectancy, avg(net), 'expectancy');
      const gp = wins.reduce((a, b) => a + b, 0);
      const gl = -losses.reduce((a, b) => a + b, 0);
      const pf = run.trades.length === 0 ? null : gl > 0 ? gp / gl : gp > 0 ? Infinity : null;
      expectClose(r.trades.profitFactor, pf, 'profitFactor');
      expectClose(r.trades.totalFees, run.trades.reduce((a, t) => a + t.fees, 0), 'fees');
      expectClose(r.trades.totalFunding, run.trades.reduce((a, t) => a + t.funding, 0), 'funding');
      expectClose(r.trades.largestWin, wins.length ? Math.max(...wins) : null, 'largestWin');
      expectClose(r.trades.largestLoss, losses.length ? Math.min(...losses) : null, 'largestLoss');
      const closing = [...run.trades].sort((a, b) => a.exitTs - b.exitTs || a.entryTs - b.entryTs || a.id.localeCompare(b.id));
      const letters = closing.map((t) => (t.netPnl > 0 ? 'W' : t.netPnl < 0 ? 'L' : 'B')).join('');
      const longest = (c: string): number => Math.max(0, ...(letters.match(new RegExp(`${c}+`, 'g')) ?? []).map((s) => s.length));
      expect(r.trades.longestWinningStreak).toBe(longest('W'));
      expect(r.trades.longestLosingStreak).toBe(longest('L'));
      expectClose(r.trades.averageHoldingMs, avg(run.trades.map((t) => t.exitTs - t.entryTs)), 'holding');
      const rs = run.trades.filter((t) => t.initialRisk !== undefined).map((t) => t.netPnl / (t.initialRisk as number));
      expectClose(r.trades.averageR, avg(rs), 'averageR');

      // Exposure on a one-minute grid (all times are whole minutes).
      const spanMin = (run.endTs - run.startTs) / M;
      let covered = 0;
      for (let m = 0; m < spanMin; m++) {
        const a = run.startTs + m * M;
        if (run.trades.some((t) => t.entryTs <= a && t.exitTs >= a + M)) covered++;
      }
      expectClose(r.risk.exposure, covered / spanMin, 'exposure');

      // Drawdown: brute force over all peak/trough pairs.
      const curve = naiveCurve({ ...run, equity });
      let bestPct = 0;
      let bestAbs = 0;
      for (let i = 0; i < curve.length; i++) {
        for (let j = i + 1; j < curve.length; j++) {
          const drop = (curve[i] as EquityPoint).equity - (curve[j] as EquityPoint).equity;
          bestAbs = Math.max(bestAbs, drop);
          bestPct = Math.max(bestPct, (drop / (curve[i] as EquityPoint).equity) * 100);
        }
      }
      expectClose(r.risk.maxDrawdown?.pct ?? 0, bestPct, 'maxDrawdown.pct');
      expectClose(r.risk.maxDrawdownAbs, bestAbs, 'maxDrawdownAbs');
      expect(r.series.equity.map((p) => p.equity)).toEqual(curve.map((p) => p.equity));

      // Longest underwater: runs of marks below the max of all earlier marks.
      let longestUnder = 0;
      let runStart: number | null = null;
      for (let j = 0; j < curve.length; j++) {
        const prevMax = Math.max(...curve.slice(0, j).map((p) => p.equity));
        const p = curve[j] as EquityPoint;
        if (j > 0 && p.equity < prevMax) runStart ??= p.ts;
        else if (runStart !== null) {
          longestUnder = Math.max(longestUnder, p.ts - runStart);
          runStart = null;
        }
      }
      if (runStart !== null) longestUnder = Math.max(longestUnder, run.endTs - runStart);
      expect(r.risk.maxUnderwater?.durationMs ?? 0).toBe(longestUnder);

      // Daily returns: each UTC day's close is the last curve mark ≤ next midnight.
      const closes: number[] = [];
      for (let d = Math.floor(run.startTs / DAY); d * DAY < run.endTs; d++) {
        const upTo = curve.filter((p) => p.ts <= (d + 1) * DAY);
        closes.push(upTo.length ? (upTo[upTo.length - 1] as EquityPoint).equity : run.balance);
      }
      const rets = closes.map((c, i) => c / (i === 0 ? run.balance : (closes[i - 1] as number)) - 1);
      expect(r.series.daily.map((d) => d.close)).toEqual(closes);
      const mu = avg(rets) as number;
      const sd = Math.sqrt(rets.reduce((a, x) => a + (x - mu) ** 2, 0) / (rets.length - 1));
      const dd = Math.sqrt(rets.reduce((a, x) => a + Math.min(x, 0) ** 2, 0) / rets.length);
      const up = rets.filter((x) => x > 0).reduce((a, b) => a + b, 0);
      const down = -rets.filter((x) => x < 0).reduce((a, b) => a + b, 0);
      if (rets.length >= 2 && sd > 0 && dd > 0 && down > 0) {
        expectClose(r.risk.sharpe, (mu / sd) * Math.sqrt(365), 'sharpe');
        expectClose(r.risk.sortino, (mu / dd) * Math.sqrt(365), 'sortino');
        expectClose(r.risk.omega, up / down, 'omega');
      }
      const final = (curve[curve.length - 1] as EquityPoint).equity;
      const cagr = (Math.pow(final / run.balance, (365 * DAY) / (run.endTs - run.startTs)) - 1) * 100;
      expectClose(r.risk.annualReturnPct, cagr, 'cagr');

      // Spread paid and ambiguous fractions.
      const spreads = run.trades
        .filter((t) => t.spreadPaidEntry !== undefined || t.spreadPaidExit !== undefined)
        .map((t) => (t.spreadPaidEntry ?? 0) + (t.spreadPaidExit ?? 0))
        .sort((a, b) => a - b);
      expectClose(r.spread.average, avg(spreads), 'spread avg');
      if (spreads.length > 0) {
        const n = spreads.length;
        const median = n % 2 ? (spreads[(n - 1) / 2] as number) : ((spreads[n / 2 - 1] as number) + (spreads[n / 2] as number)) / 2;
        expectClose(r.spread.quantiles?.p50 ?? null, median, 'spread p50');
      }
      expect(r.spread.histogram.counts.reduce((a, b) => a + b, 0) + r.spread.histogram.underflow + r.spread.histogram.overflow).toBe(spreads.length);
      const fr = run.ambiguous.filter((x) => !Number.isNaN(x));
      expectClose(r.ambiguous?.mean ?? null, avg(fr), 'ambiguous mean');
      expectClose(r.ambiguous?.max ?? null, fr.length ? Math.max(...fr) : null, 'ambiguous max');
      expectClose(r.ambiguous?.shareAboveThreshold ?? null, fr.length ? fr.filter((x) => x > 0.35).length / fr.length : null, 'ambiguous share');
    });
  }
});
