// Risk-adjusted ratios from DAILY returns: the equity curve resampled to UTC days, annualised
// with 365 periods because crypto trades every day, risk-free rate 0 and Omega threshold 0.

import { mean, ratio, sampleStd, sum } from './stats';
import { DAY_MS, type EquityPoint } from './types';

export const PERIODS_PER_YEAR = 365;

export interface DailyPoint {
  /** 00:00 UTC of the day. */
  dayTs: number;
  /** Last equity mark at or before the day's end (next 00:00); carried forward over gaps. */
  close: number;
  /** close / previous close − 1; the first day is measured from the starting balance. */
  return: number;
}

export interface DailyRatios {
  /** Number of daily returns the ratios were computed from. */
  days: number;
  /** mean / sample stdev × √365; null below 2 days. */
  sharpe: number | null;
  /** mean / downside deviation × √365, downside = √(Σ min(r, 0)² / n) as jesse; null below 2 days. */
  sortino: number | null;
  /** Σ positive returns / |Σ negative returns|; null below 2 days. */
  omega: number | null;
}

/**
 * UTC days touched by [startTs, endTs): a run ending exactly at midnight does not open a new day.
 * A day's close is the last mark with ts ≤ the next midnight, since a mark is the account's value
 * at that instant. A day without marks repeats the previous close (a 0 return), so gaps in the
 * series neither vanish nor create a jump. Days after the account reaches ≤ 0 are dropped: a
 * return from a non-positive base has no meaning.
 */
export function resampleDaily(curve: readonly EquityPoint[], startingBalance: number, startTs: number, endTs: number): DailyPoint[] {
  if (endTs <= startTs) return [];
  const firstDay = Math.floor(startTs / DAY_MS);
  const endDay = Math.ceil(endTs / DAY_MS);
  const out: DailyPoint[] = [];
  let prev = startingBalance;
  let i = 0;
  for (let d = firstDay; d < endDay; d++) {
    const dayEnd = (d + 1) * DAY_MS;
    let close = prev;
    while (i < curve.length && (curve[i] as EquityPoint).ts <= dayEnd) {
      close = (curve[i] as EquityPoint).equity;
      i++;
    }
    if (prev <= 0) break;
    out.push({ dayTs: d * DAY_MS, close, return: close / prev - 1 });
    prev = close;
  }
  return out;
}

export function dailyRatios(returns: readonly number[]): DailyRatios {
  const n = returns.length;
  if (n < 2) return { days: n, sharpe: null, sortino: null, omega: null };
  const m = mean(returns) as number;
  const annual = Math.sqrt(PERIODS_PER_YEAR);
  const sharpe = ratio(m, sampleStd(returns) as number);
  const downside = Math.sqrt(sum(returns.map((r) => (r < 0 ? r * r : 0))) / n);
  const sortino = ratio(m, downside);
  const up = sum(returns.filter((r) => r > 0));
  const down = -sum(returns.filter((r) => r < 0));
  return {
    days: n,
    sharpe: sharpe === null ? null : sharpe * annual,
    sortino: sortino === null ? null : sortino * annual,
    omega: ratio(up, down),
  };
}

/**
 * Compound annual growth over the run's exact span (not whole days): (final / start)^(1/years) − 1
 * in percent, years = span / 365 days. A short run extrapolates hard (that is what CAGR means);
 * a final equity ≤ 0 is −100 %. null for a zero-length run.
 */
export function cagrPct(startingBalance: number, finalEquity: number, spanMs: number): number | null {
  if (spanMs <= 0) return null;
  if (finalEquity <= 0) return -100;
  const years = spanMs / (PERIODS_PER_YEAR * DAY_MS);
  return (Math.pow(finalEquity / startingBalance, 1 / years) - 1) * 100;
}
