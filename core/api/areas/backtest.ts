// Backtests run from the app: strategies and their parameter schemas, the stored ranges, runs,
// progress, results (metrics, equity, trades with their stop and targets) and earlier runs.

import { z } from 'zod';
import { TIMEFRAMES } from '../../market/timeframes';
import type { EventMap, RequestMap } from './area';
import { JsonSchemaSchema, StrategyListingSchema, StrategyLoadErrorSchema } from './strategy-listing';

const DayRangeSchema = z.object({ dayTs: z.number(), firstTs: z.number(), lastTs: z.number(), count: z.number().int() });

/** The bars a bar-mode run steps through: 1m (stored or built from ticks), or klines imported at their own timeframe. */
export const BarTimeframeSchema = z.enum(TIMEFRAMES);

export const BacktestRangesSchema = z.object({
  instruments: z.array(
    z.object({
      /** "venue:SYMBOL". */
      instrument: z.string(),
      tickSize: z.number().positive(),
      /** Stored bars per timeframe (only those held), each with its bars per UTC day: bar mode's data. */
      bars: z.array(z.object({ timeframe: BarTimeframeSchema, days: z.array(DayRangeSchema) })),
      /** Trades per UTC day (tick mode needs trades and quotes). */
      tickDays: z.array(DayRangeSchema.extend({ quotes: z.number().int() })),
    }),
  ),
});
export type BacktestRanges = z.output<typeof BacktestRangesSchema>;

export const BacktestModeSchema = z.enum(['bars', 'ticks']);

export const BacktestStartSchema = z
  .object({
    strategy: z.string().min(1),
    /** Flat settings in the CLI's keys (`--set key=value`): strategy parameters, fees, slippage... */
    settings: z.record(z.string(), z.unknown()).default({}),
    instrument: z.string().min(1).default('binanceusdm:BTCUSDT'),
    fromTs: z.number().int(),
    /** Exclusive, as the CLI's --to. */
    toTs: z.number().int(),
    mode: BacktestModeSchema.default('bars'),
    /** Bar mode: the stored bars to run on. Tick mode builds 1m bars from the ticks. */
    timeframe: BarTimeframeSchema.default('1m'),
  })
  .strict()
  .refine((s) => s.toTs > s.fromTs, { message: 'the range must end after it starts', path: ['toTs'] })
  .refine((s) => s.mode === 'bars' || s.timeframe === '1m', { message: 'tick mode builds 1m bars from the ticks: a timeframe is for bar mode', path: ['timeframe'] });

export const BacktestStateSchema = z.enum(['queued', 'loading', 'running', 'saving', 'done', 'failed', 'cancelled']);

export const BacktestProgressSchema = z.object({
  jobId: z.string().min(1),
  strategy: z.string(),
  mode: BacktestModeSchema,
  state: BacktestStateSchema,
  /** Share of the run done, 0..1. */
  fraction: z.number().min(0).max(1),
  /** The saved run, once done. */
  runId: z.number().int().optional(),
  /** Why it failed. */
  message: z.string().optional(),
});
export type BacktestProgress = z.output<typeof BacktestProgressSchema>;

/**
 * Report metrics in the CLI's JSON-safe form: `value` holds `trades`, `risk`, `spread` and `run`
 * as core/report computes them, non-finite numbers nulled and listed in `nonFinite` by path.
 */
export const RunMetricsSchema = z.object({
  value: z.record(z.string(), z.unknown()),
  nonFinite: z.record(z.string(), z.enum(['Infinity', '-Infinity', 'NaN'])),
});

export const BacktestRunSummarySchema = z.object({
  id: z.number().int(),
  createdAt: z.number(),
  strategy: z.string(),
  mode: BacktestModeSchema,
  /** The bars the run stepped through (1m for tick mode). */
  timeframe: BarTimeframeSchema,
  instrument: z.string(),
  tickSize: z.number().positive(),
  fromTs: z.number(),
  toTs: z.number(),
  params: z.record(z.string(), z.unknown()),
  /** The settings as given (absent for runs saved before they were kept). */
  settings: z.record(z.string(), z.unknown()).nullable(),
  metrics: RunMetricsSchema,
});
export type BacktestRunSummary = z.output<typeof BacktestRunSummarySchema>;

export const BacktestTradeSchema = z.object({
  seq: z.number().int(),
  side: z.enum(['long', 'short']),
  qty: z.number(),
  entryTs: z.number(),
  entryPrice: z.number(),
  exitTs: z.number(),
  exitPrice: z.number(),
  /** The stop when the position opened; null when unknown (runs saved before stops were kept). */
  stop: z.number().nullable(),
  /** The stop when it closed (after moves). */
  finalStop: z.number().nullable(),
  targets: z.array(z.number()),
  fees: z.number(),
  funding: z.number(),
  netPnl: z.number(),
  tag: z.string(),
});
export type BacktestTrade = z.output<typeof BacktestTradeSchema>;

export const BacktestRunDetailSchema = z.object({
  summary: BacktestRunSummarySchema,
  /** The saved equity marks and the drawdown under their running peak (percent, >= 0). */
  equity: z.object({ ts: z.array(z.number()), equity: z.array(z.number()), drawdownPct: z.array(z.number()) }),
  trades: z.array(BacktestTradeSchema),
});
export type BacktestRunDetail = z.output<typeof BacktestRunDetailSchema>;

/** Stored bars as columns, prices in price units: the chart of a run and its trades. */
export const BacktestBarsSchema = z.object({
  ts: z.array(z.number()),
  open: z.array(z.number()),
  high: z.array(z.number()),
  low: z.array(z.number()),
  close: z.array(z.number()),
  volume: z.array(z.number()),
});

/** At most this many bars per chart request (about two days of 1m bars). */
export const MAX_CHART_BARS = 3_000;

export const backtestRequests = {
  'backtest.strategies': {
    params: z.object({}).strict(),
    result: z.object({
      strategies: z.array(StrategyListingSchema),
      errors: z.array(StrategyLoadErrorSchema),
      /** Fees, slippage and balance in the CLI's keys, with defaults: the execution part of the form. */
      executionSchema: JsonSchemaSchema,
    }),
  },
  'backtest.ranges': { params: z.object({}).strict(), result: BacktestRangesSchema },
  'backtest.start': { params: BacktestStartSchema, result: z.object({ jobId: z.string() }) },
  'backtest.cancel': { params: z.object({ jobId: z.string().min(1) }).strict(), result: z.object({ cancelled: z.boolean() }) },
  /** Runs in progress (a window opened mid-run picks them up). */
  'backtest.jobs': { params: z.object({}).strict(), result: z.object({ jobs: z.array(BacktestProgressSchema) }) },
  'backtest.runs': {
    params: z.object({ limit: z.number().int().positive().max(500).default(100) }).strict(),
    result: z.object({ runs: z.array(BacktestRunSummarySchema) }),
  },
  'backtest.run': { params: z.object({ id: z.number().int() }).strict(), result: BacktestRunDetailSchema },
  'backtest.bars': {
    params: z
      .object({ instrument: z.string().min(1), fromTs: z.number().int(), toTs: z.number().int(), timeframe: BarTimeframeSchema.default('1m') })
      .strict()
      .refine((p) => p.toTs > p.fromTs, { message: 'the range must end after it starts', path: ['toTs'] }),
    result: BacktestBarsSchema,
  },
} as const satisfies RequestMap;

export const backtestEvents = {
  /** A run's state: a few dozen times per run, and once when it ends. */
  'backtest.progress': BacktestProgressSchema,
} as const satisfies EventMap;
