// Public surface of core/report: backtest/paper performance metrics (seed 003 §9.3, jesse's set).

export * from './types';
export * from './report';
export type { TradeMetrics } from './trade-metrics';
export type { DailyPoint } from './daily';
export type { DrawdownEpisode, EquitySeriesPoint, UnderwaterPeriod } from './equity';
export type { SpreadStats } from './spread';
export type { AmbiguousStats } from './ambiguous';
export type { Histogram, Quantiles } from './distribution';
export type { TradeRow } from './trade-table';
export { formatMetricsTable, formatTradeTable, formatTable } from './format';
export { restoreNonFinite, stringifyJsonSafe, toJsonSafe, type JsonSafe, type JsonValue, type NonFiniteTag } from './json-safe';
