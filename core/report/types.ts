// Input of the performance report (seed 003 §9.3, jesse's metric set): closed trades, an equity
// series, the starting balance and the run's span, in the shape a backtest/paper broker hands over.

import { z } from 'zod';

/** zod 4's z.number() already rejects NaN and ±Infinity, so every amount below is finite. */
export const ClosedTradeSchema = z
  .object({
    id: z.string(),
    side: z.enum(['long', 'short']),
    /** Position size; only shown in the per-trade table, PnL comes from the broker. */
    qty: z.number().positive(),
    /** Epoch milliseconds, UTC. */
    entryTs: z.number(),
    /** Quote currency, not ticks. */
    entryPrice: z.number(),
    exitTs: z.number(),
    exitPrice: z.number(),
    /** PnL from prices alone, before fees and funding (quote currency). */
    grossPnl: z.number(),
    /** Positive is a cost; a maker rebate is negative. */
    fees: z.number(),
    /** Positive is paid, negative received. */
    funding: z.number(),
    /** What the trade left in the account: grossPnl − fees − funding as the broker booked it. */
    netPnl: z.number(),
    /** Quote currency lost if the initial stop had been hit; enables R multiples. */
    initialRisk: z.number().positive().optional(),
    /** Half-spread crossed (quote currency) on each fill, when the fill model knows it. */
    spreadPaidEntry: z.number().optional(),
    spreadPaidExit: z.number().optional(),
    strategyTag: z.string(),
  })
  .refine((t) => t.exitTs >= t.entryTs, { message: 'exitTs must not precede entryTs', path: ['exitTs'] });
export type ClosedTrade = z.infer<typeof ClosedTradeSchema>;

export const EquityPointSchema = z.object({ ts: z.number(), equity: z.number() });
export type EquityPoint = z.infer<typeof EquityPointSchema>;

export const ReportInputSchema = z
  .object({
    trades: z.array(ClosedTradeSchema),
    /** Account value marks, any cadence (per minute, per trade), gaps allowed; sorted here. */
    equity: z.array(EquityPointSchema),
    startingBalance: z.number().positive(),
    /** Run span [startTs, endTs] in epoch ms; CAGR, exposure and trades/day are measured on it. */
    startTs: z.number(),
    endTs: z.number(),
    /**
     * Per-minute ambiguous_trade_frac (seed 003 §5.5.2); NaN marks a minute without trades,
     * which is counted as missing rather than as 0.
     */
    ambiguousTradeFrac: z.array(z.union([z.number(), z.nan()])).optional(),
  })
  .refine((r) => r.endTs >= r.startTs, { message: 'endTs must not precede startTs', path: ['endTs'] });
export type ReportInput = z.infer<typeof ReportInputSchema>;

export const ReportOptionsSchema = z.object({
  /**
   * Fixed edges of the spread-paid histogram (quote currency per trade), ascending. Fixed so that
   * histograms of different runs line up; values outside go to underflow/overflow.
   */
  spreadHistogramEdges: z
    .array(z.number())
    .min(2)
    .refine((e) => e.every((v, i) => i === 0 || v > (e[i - 1] as number)), { message: 'edges must be strictly ascending' })
    .default([0, 0.5, 1, 2, 5, 10, 20, 50, 100]),
  /** Seed 003 §10 ambiguous_trade_frac_max: minutes strictly above it count as degraded. */
  ambiguousThreshold: z.number().min(0).max(1).default(0.35),
  /**
   * Whether series.equity (a point per equity mark, with its drawdown) is made. A sweep reads only
   * the metrics: for each of its runs the series was tens of thousands of objects thrown away.
   */
  equitySeries: z.boolean().default(true),
});
export type ReportOptions = z.infer<typeof ReportOptionsSchema>;

/** Validates untrusted input (a broker adapter, a file) before computeReport. */
export function parseReportInput(raw: unknown): ReportInput {
  return ReportInputSchema.parse(raw);
}

export const DAY_MS = 86_400_000;
