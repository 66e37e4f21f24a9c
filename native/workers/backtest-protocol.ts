// Messages between the app's host and its backtest worker thread, checked on arrival.

import { z } from 'zod';
import { BacktestModeSchema, BarTimeframeSchema } from '../../core/api/areas/backtest';
import { InstrumentSchema } from '../../core/api/schemas';

export const BacktestJobSchema = z.object({
  type: z.literal('job'),
  /** The store file: the worker opens its own connection (SQLite in WAL mode allows it). */
  dbPath: z.string().min(1),
  strategyId: z.string().min(1),
  /** A trader's strategy as the host compiled and checked it (as for the sweep). */
  userStrategy: z.object({ file: z.string(), code: z.string(), map: z.string().optional() }).optional(),
  instrument: InstrumentSchema,
  settings: z.record(z.string(), z.unknown()),
  mode: BacktestModeSchema,
  timeframe: BarTimeframeSchema,
  fromTs: z.number().int(),
  toTs: z.number().int(),
});

export const BacktestWorkerMessageSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('progress'), phase: z.enum(['loading', 'running', 'saving']), fraction: z.number().min(0).max(1) }),
  z.object({ type: z.literal('done'), runId: z.number().int(), trades: z.number().int() }),
  z.object({ type: z.literal('error'), message: z.string() }),
]);

export type BacktestJob = z.infer<typeof BacktestJobSchema>;
export type BacktestWorkerMessage = z.infer<typeof BacktestWorkerMessageSchema>;
