// Data-quality stats of the per-minute ambiguous_trade_frac (seed 003 §5.5.2, §9.3): a run whose
// side inference was mostly guessing should not be trusted as much as its PnL suggests.

import { quantileSorted } from './stats';

export interface AmbiguousStats {
  /** Minutes with a value. */
  minutes: number;
  /** Minutes given as NaN (no trades, so no fraction): left out of every statistic. */
  missing: number;
  /** Unweighted mean over minutes, as the seed defines the fraction per minute. */
  mean: number | null;
  p90: number | null;
  max: number | null;
  threshold: number;
  /** Share 0..1 of minutes strictly above the threshold; null without minutes. */
  shareAboveThreshold: number | null;
}

export function ambiguousStats(fractions: readonly number[], threshold: number): AmbiguousStats {
  const xs = fractions.filter((f) => Number.isFinite(f)).sort((a, b) => a - b);
  const n = xs.length;
  let total = 0;
  let above = 0;
  for (const x of xs) {
    total += x;
    if (x > threshold) above++;
  }
  return {
    minutes: n,
    missing: fractions.length - n,
    mean: n === 0 ? null : total / n,
    p90: quantileSorted(xs, 0.9),
    max: n === 0 ? null : (xs[n - 1] as number),
    threshold,
    shareAboveThreshold: n === 0 ? null : above / n,
  };
}
