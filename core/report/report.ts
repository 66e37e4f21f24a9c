// Entry point: one backtest or paper run (trades + equity + span) in, every performance metric,
// the plot series and the per-trade table out. Pure; the CLI and UI only format the result.

import { ambiguousStats, type AmbiguousStats } from './ambiguous';
import { cagrPct, dailyRatios, resampleDaily, type DailyPoint } from './daily';
import { analyseEquity, equityCurve, type DrawdownEpisode, type EquitySeriesPoint, type UnderwaterPeriod } from './equity';
import { exposure } from './exposure';
import { spreadStats, type SpreadStats } from './spread';
import { ratio } from './stats';
import { computeTradeMetrics, type TradeMetrics } from './trade-metrics';
import { tradeTable, type TradeRow } from './trade-table';
import { ReportOptionsSchema, type ReportInput, type ReportOptions } from './types';

export interface RunInfo {
  startTs: number;
  endTs: number;
  spanMs: number;
  startingBalance: number;
  /** Last equity mark in the span (or balance + Σ net PnL when only trades were given). */
  finishingBalance: number;
}

export interface RiskMetrics {
  maxDrawdown: DrawdownEpisode | null;
  maxDrawdownAbs: number;
  maxUnderwater: UnderwaterPeriod | null;
  /** CAGR over the run's span, percent. */
  annualReturnPct: number | null;
  /** Daily, 365-day annualised, rf = 0. */
  sharpe: number | null;
  sortino: number | null;
  /** annualReturnPct / maxDrawdown.pct on the full-resolution curve; Infinity with no drawdown. */
  calmar: number | null;
  /** Daily returns, threshold 0. */
  omega: number | null;
  /** Daily returns behind sharpe/sortino/omega. */
  dailyReturns: number;
  /** Fraction 0..1 of the span with a position open. */
  exposure: number | null;
}

export interface Report {
  run: RunInfo;
  trades: TradeMetrics;
  risk: RiskMetrics;
  spread: SpreadStats;
  /** null when no ambiguous_trade_frac series was given. */
  ambiguous: AmbiguousStats | null;
  series: { equity: EquitySeriesPoint[]; daily: DailyPoint[] };
  tradeTable: TradeRow[];
}

export function computeReport(input: ReportInput, options: Partial<ReportOptions> = {}): Report {
  const opts = ReportOptionsSchema.parse(options);
  const { trades, startingBalance, startTs, endTs } = input;
  const spanMs = endTs - startTs;

  const curve = equityCurve(input.equity, trades, startingBalance, startTs, endTs);
  const eq = analyseEquity(curve, endTs, opts.equitySeries);
  const daily = resampleDaily(curve, startingBalance, startTs, endTs);
  const ratios = dailyRatios(daily.map((d) => d.return));
  const annualReturnPct = cagrPct(startingBalance, eq.finalEquity, spanMs);

  return {
    run: { startTs, endTs, spanMs, startingBalance, finishingBalance: eq.finalEquity },
    trades: computeTradeMetrics(trades, startingBalance, spanMs),
    risk: {
      maxDrawdown: eq.maxDrawdown,
      maxDrawdownAbs: eq.maxDrawdownAbs,
      maxUnderwater: eq.maxUnderwater,
      annualReturnPct,
      sharpe: ratios.sharpe,
      sortino: ratios.sortino,
      calmar: annualReturnPct === null ? null : ratio(annualReturnPct, eq.maxDrawdown?.pct ?? 0),
      omega: ratios.omega,
      dailyReturns: ratios.days,
      exposure: exposure(trades, startTs, endTs),
    },
    spread: spreadStats(trades, opts.spreadHistogramEdges),
    ambiguous: input.ambiguousTradeFrac === undefined ? null : ambiguousStats(input.ambiguousTradeFrac, opts.ambiguousThreshold),
    series: { equity: eq.series, daily },
    tradeTable: tradeTable(trades),
  };
}
