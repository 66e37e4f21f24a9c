// Messages between `auctioneer sweep` and its worker threads, checked on arrival.

import { z } from 'zod';

// Views over SharedArrayBuffers; typed as such so the schema does not narrow them to ArrayBuffer.
const shared = z.custom<Float64Array<ArrayBufferLike>>((v) => v instanceof Float64Array, { message: "expected a Float64Array" });

export const SweepJobSchema = z.object({
  type: z.literal('job'),
  strategyId: z.string(),
  /**
   * A trader's strategy: its file (for messages) and the bundle the CLI compiled and checked, so
   * every worker runs that very version without esbuild, even if the file is edited mid-sweep.
   */
  userStrategy: z.object({ file: z.string(), code: z.string(), map: z.string().optional() }).optional(),
  instrumentKey: z.string(),
  tickSize: z.number().positive(),
  /** Bar columns over SharedArrayBuffers: every worker reads the same memory. */
  bars: z.object({
    length: z.number().int().nonnegative(),
    ts: shared,
    open: shared,
    high: shared,
    low: shared,
    close: shared,
    volume: shared,
    buyVolume: shared,
    sellVolume: shared,
  }),
  startTs: z.number(),
  endTs: z.number(),
  /** One flat settings object per run. */
  runs: z.array(z.object({ index: z.number().int(), settings: z.record(z.string(), z.unknown()) })),
});

export const SweepResultSchema = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('result'),
    index: z.number().int(),
    trades: z.number().int(),
    netProfit: z.number(),
    winRate: z.number().nullable(),
    profitFactor: z.number().nullable(),
    maxDrawdownPct: z.number(),
    sharpe: z.number().nullable(),
    fees: z.number(),
    ms: z.number(),
  }),
  z.object({ type: z.literal('error'), index: z.number().int(), message: z.string() }),
  z.object({ type: z.literal('done') }),
]);

export type SweepJob = z.infer<typeof SweepJobSchema>;
export type SweepResult = z.infer<typeof SweepResultSchema>;
