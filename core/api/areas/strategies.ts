// Strategies trading on paper from the app: start, stop, their state, signals and monitoring logs.

import { z } from 'zod';
import type { EventMap, RequestMap } from './area';
import { StrategyListingSchema, StrategyLoadErrorSchema } from './strategy-listing';

/**
 * A strategy's candidate entry and its fate in the defense pipeline (the signals table of seed
 * 003 §3.3): drawn on the chart with its reason, whether it was taken or refused.
 */
export const StrategySignalSchema = z.object({
  /** The strategy run that produced it. */
  runId: z.string().min(1),
  strategyId: z.string().min(1),
  /** Decision time (ms): the close of the minute the strategy saw. */
  ts: z.number().int(),
  /** The setup's tag, e.g. "A", "B_retest". */
  tag: z.string(),
  side: z.enum(['long', 'short']),
  /** Price at the decision (the entry reference), in price units. */
  price: z.number().finite(),
  accepted: z.boolean(),
  /** "OK" when accepted, else the refusing guard's reason code. */
  reasonCode: z.string(),
});
export type StrategySignal = z.output<typeof StrategySignalSchema>;

/**
 * One line of a run's monitoring log (seed 003 §11): the feature snapshot at a signal, a step of
 * an order's life (submit, fill with price, fee and slippage), a risk event (kill switch, stale
 * data halt), or an alert raised. `data` holds the numbers, flat, prices in price units.
 */
export const RunLogEntrySchema = z.object({
  seq: z.number().int().nonnegative(),
  ts: z.number().int(),
  kind: z.enum(['signal', 'order', 'risk', 'alert']),
  text: z.string(),
  data: z.record(z.string(), z.union([z.number(), z.string(), z.boolean(), z.null()])),
});
export type RunLogEntry = z.output<typeof RunLogEntrySchema>;

export const RunFeedSchema = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('sim'),
    seed: z.number().int().nonnegative(),
    /** realtime: the market's clock is the wall clock; max: as fast as the machine goes. */
    speed: z.enum(['realtime', 'max']),
  }),
  /** A local exchange simulator started for the run, read through the real ccxt client (real time). */
  z.object({ kind: z.literal('exchange-sim'), seed: z.number().int().nonnegative() }),
  /** A real exchange through ccxt.pro (needs the internet). */
  z.object({ kind: z.literal('exchange'), exchange: z.string().min(1), symbol: z.string().min(1) }),
]);

export const RunAccountSchema = z.object({
  balance: z.number(),
  equity: z.number(),
  realizedPnl: z.number(),
  unrealizedPnl: z.number(),
  fees: z.number(),
  /** Contracts, signed (negative short). */
  positionQty: z.number(),
  /** Price units; null when flat. */
  avgEntry: z.number().nullable(),
  fills: z.number().int(),
});

export const StrategyRunSchema = z.object({
  runId: z.string(),
  strategyId: z.string(),
  strategyName: z.string(),
  state: z.enum(['running', 'stopped', 'error']),
  /** Why it stopped on an error, or which process holds it when another one runs it. */
  message: z.string(),
  feed: z.string(),
  speed: z.enum(['realtime', 'max']),
  /** The market time the run has reached (ms); null before its first event. */
  marketTs: z.number().nullable(),
  eventsProcessed: z.number().int(),
  account: RunAccountSchema,
});
export type StrategyRun = z.output<typeof StrategyRunSchema>;

export const RunFillSchema = z.object({
  seq: z.number().int(),
  ts: z.number(),
  role: z.string(),
  side: z.enum(['buy', 'sell']),
  qty: z.number(),
  price: z.number(),
  fee: z.number(),
  realizedPnl: z.number(),
});

export const strategiesRequests = {
  'strategies.list': {
    params: z.object({}).strict(),
    result: z.object({ strategies: z.array(StrategyListingSchema), errors: z.array(StrategyLoadErrorSchema) }),
  },
  'strategies.runs': { params: z.object({}).strict(), result: z.object({ runs: z.array(StrategyRunSchema) }) },
  'strategies.start': {
    params: z
      .object({
        strategyId: z.string().min(1),
        /** Seed 003 §10 keys and the strategy's parameters, as in a settings file. */
        settings: z.record(z.string(), z.unknown()).default({}),
        feed: RunFeedSchema,
        /** Resume this run (its settings are fixed); default: a new run. */
        runId: z.string().min(1).optional(),
      })
      .strict(),
    result: StrategyRunSchema,
  },
  'strategies.stop': { params: z.object({ runId: z.string().min(1) }).strict(), result: StrategyRunSchema },
  'strategies.detail': {
    params: z.object({ runId: z.string().min(1), logLimit: z.number().int().positive().max(5_000).default(300) }).strict(),
    result: z.object({
      run: StrategyRunSchema,
      fills: z.array(RunFillSchema),
      signals: z.array(StrategySignalSchema),
      log: z.array(RunLogEntrySchema),
    }),
  },
} as const satisfies RequestMap;

export const strategiesEvents = {
  'strategies.signal': StrategySignalSchema,
  /** A run's state after a batch that changed it (fills, position, start, stop). */
  'strategies.run': StrategyRunSchema,
  /** New monitoring log lines of a run, committed. */
  'strategies.log': z.object({ runId: z.string(), entries: z.array(RunLogEntrySchema) }),
} as const satisfies EventMap;
