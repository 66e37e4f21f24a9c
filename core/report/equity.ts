// Equity curve analysis at the series' own resolution: the curve used for every equity metric,
// its drawdown series for plotting, the deepest drawdown and the longest time under water.

import type { ClosedTrade, EquityPoint } from './types';

export interface EquitySeriesPoint {
  ts: number;
  equity: number;
  /** Running peak − equity, quote currency, ≥ 0. */
  drawdownAbs: number;
  /** (running peak − equity) / running peak × 100, ≥ 0. */
  drawdownPct: number;
}

export interface DrawdownEpisode {
  /** Depth in percent of the peak, positive. */
  pct: number;
  /** Depth in quote currency at the same trough. */
  abs: number;
  peakTs: number;
  peakEquity: number;
  troughTs: number;
  troughEquity: number;
  /** First time equity was back at or above the peak; null if the run ended under water. */
  recoveryTs: number | null;
}

/**
 * Time spent below a previous peak: from the first mark under the peak (before it, the last mark
 * still said "at the peak") to the first mark back at or above it.
 */
export interface UnderwaterPeriod {
  durationMs: number;
  /** First mark below the peak. */
  startTs: number;
  /** Recovery time, or the run's end when it never recovered. */
  endTs: number;
  recovered: boolean;
}

export interface EquityAnalysis {
  series: EquitySeriesPoint[];
  /** The episode with the deepest percentage drop; null if equity never fell below a peak. */
  maxDrawdown: DrawdownEpisode | null;
  /** Deepest drop in quote currency anywhere (may belong to another episode than maxDrawdown). */
  maxDrawdownAbs: number;
  maxUnderwater: UnderwaterPeriod | null;
  finalEquity: number;
}

/**
 * The curve every equity metric uses: points inside [startTs, endTs], sorted, with the starting
 * balance at startTs in front so a loss in the first mark counts as a drawdown. Without any
 * equity point the curve is rebuilt from trades (balance + cumulative net PnL at each exit), so
 * a trade list alone still yields drawdowns.
 */
export function equityCurve(
  points: readonly EquityPoint[],
  trades: readonly ClosedTrade[],
  startingBalance: number,
  startTs: number,
  endTs: number,
): EquityPoint[] {
  // The points themselves (they are read-only), sorted only if they are not in order already:
  // an engine's marks are, and a year of them is half a million points.
  let curve: EquityPoint[] = [];
  let inOrder = true;
  for (const p of points) {
    if (!(p.ts >= startTs && p.ts <= endTs)) continue;
    if (curve.length > 0 && p.ts < curve[curve.length - 1]!.ts) inOrder = false;
    curve.push(p);
  }
  if (!inOrder) curve.sort((a, b) => a.ts - b.ts);
  if (curve.length === 0 && points.length === 0) {
    let balance = startingBalance;
    curve = [...trades]
      .sort((a, b) => a.exitTs - b.exitTs)
      .filter((t) => t.exitTs >= startTs && t.exitTs <= endTs)
      .map((t) => ({ ts: t.exitTs, equity: (balance += t.netPnl) }));
  }
  const first = curve[0];
  if (first === undefined || first.ts > startTs) curve.unshift({ ts: startTs, equity: startingBalance });
  return curve;
}

/** `withSeries` false leaves `series` empty (the metrics alone). */
export function analyseEquity(curve: readonly EquityPoint[], endTs: number, withSeries = true): EquityAnalysis {
  const series: EquitySeriesPoint[] = [];
  let maxDrawdown: DrawdownEpisode | null = null;
  let maxDrawdownAbs = 0;
  let maxUnderwater: UnderwaterPeriod | null = null;
  let peak = Number.NEGATIVE_INFINITY;
  let peakTs = 0;
  // The episode in progress: deepest point since the last peak, and when equity first fell under it.
  let episode: DrawdownEpisode | null = null;
  let underSince = 0;

  const closeEpisode = (recoveryTs: number | null): void => {
    if (episode === null) return;
    episode.recoveryTs = recoveryTs;
    if (maxDrawdown === null || episode.pct > maxDrawdown.pct) maxDrawdown = episode;
    const end = recoveryTs ?? endTs;
    const under = { durationMs: end - underSince, startTs: underSince, endTs: end, recovered: recoveryTs !== null };
    if (maxUnderwater === null || under.durationMs > maxUnderwater.durationMs) maxUnderwater = under;
    episode = null;
  };

  for (const p of curve) {
    if (p.equity >= peak) {
      closeEpisode(p.ts);
      peak = p.equity;
      peakTs = p.ts;
      if (withSeries) series.push({ ts: p.ts, equity: p.equity, drawdownAbs: 0, drawdownPct: 0 });
      continue;
    }
    const abs = peak - p.equity;
    // A non-positive peak has no meaningful percentage; a fall from it is counted as total loss.
    const pct = peak > 0 ? (abs / peak) * 100 : 100;
    if (withSeries) series.push({ ts: p.ts, equity: p.equity, drawdownAbs: abs, drawdownPct: pct });
    maxDrawdownAbs = Math.max(maxDrawdownAbs, abs);
    if (episode === null) {
      underSince = p.ts;
      episode = { pct, abs, peakTs, peakEquity: peak, troughTs: p.ts, troughEquity: p.equity, recoveryTs: null };
    } else if (pct > episode.pct) {
      Object.assign(episode, { pct, abs, troughTs: p.ts, troughEquity: p.equity });
    }
  }
  closeEpisode(null);

  const last = curve[curve.length - 1];
  return { series, maxDrawdown, maxDrawdownAbs, maxUnderwater, finalEquity: last === undefined ? Number.NaN : last.equity };
}
