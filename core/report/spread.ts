// Spread paid (seed 003 §9.3): what crossing the bid/ask cost per trade, as an average and as a
// distribution, so a strategy living off a few ticks can see its edge eaten by the spread.

import { histogram, quantiles, type Histogram, type Quantiles } from './distribution';
import { mean, sum } from './stats';
import type { ClosedTrade } from './types';

export interface SpreadStats {
  /** Trades reporting a spread on at least one fill; the others are left out, not counted as 0. */
  trades: number;
  /** Σ per-trade spread paid, quote currency. */
  total: number;
  /** Mean per-trade spread paid (entry + exit); null when no trade reports one. */
  average: number | null;
  averageEntry: number | null;
  averageExit: number | null;
  quantiles: Quantiles | null;
  histogram: Histogram;
}

/** A trade's spread paid: entry + exit, a missing side adding 0; null when neither is known. */
export function tradeSpread(t: ClosedTrade): number | null {
  if (t.spreadPaidEntry === undefined && t.spreadPaidExit === undefined) return null;
  return (t.spreadPaidEntry ?? 0) + (t.spreadPaidExit ?? 0);
}

export function spreadStats(trades: readonly ClosedTrade[], edges: readonly number[]): SpreadStats {
  const perTrade = trades.map(tradeSpread).filter((s): s is number => s !== null);
  return {
    trades: perTrade.length,
    total: sum(perTrade),
    average: mean(perTrade),
    averageEntry: mean(trades.flatMap((t) => (t.spreadPaidEntry === undefined ? [] : [t.spreadPaidEntry]))),
    averageExit: mean(trades.flatMap((t) => (t.spreadPaidExit === undefined ? [] : [t.spreadPaidExit]))),
    quantiles: quantiles(perTrade),
    histogram: histogram(perTrade, edges),
  };
}
