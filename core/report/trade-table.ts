// Per-trade table for the report: the broker's trades in closing order with the derived columns
// (holding time, R multiple, spread paid, cumulative net PnL) the metrics are built from.

import { tradeSpread } from './spread';
import { sortByExit } from './trade-metrics';
import type { ClosedTrade } from './types';

export interface TradeRow {
  id: string;
  strategyTag: string;
  side: 'long' | 'short';
  qty: number;
  entryTs: number;
  entryPrice: number;
  exitTs: number;
  exitPrice: number;
  holdingMs: number;
  grossPnl: number;
  fees: number;
  funding: number;
  netPnl: number;
  /** netPnl / initialRisk; null without a risk. */
  rMultiple: number | null;
  /** Entry + exit spread paid; null when neither fill reports one. */
  spreadPaid: number | null;
  /** Running Σ netPnl up to and including this trade. */
  cumulativeNetPnl: number;
}

export function tradeTable(trades: readonly ClosedTrade[]): TradeRow[] {
  let cumulative = 0;
  return sortByExit(trades).map((t) => {
    cumulative += t.netPnl;
    return {
      id: t.id,
      strategyTag: t.strategyTag,
      side: t.side,
      qty: t.qty,
      entryTs: t.entryTs,
      entryPrice: t.entryPrice,
      exitTs: t.exitTs,
      exitPrice: t.exitPrice,
      holdingMs: t.exitTs - t.entryTs,
      grossPnl: t.grossPnl,
      fees: t.fees,
      funding: t.funding,
      netPnl: t.netPnl,
      rMultiple: t.initialRisk !== undefined && t.initialRisk > 0 ? t.netPnl / t.initialRisk : null,
      spreadPaid: tradeSpread(t),
      cumulativeNetPnl: cumulative,
    };
  });
}
