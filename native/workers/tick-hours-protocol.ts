// Between a tick backtest and the loader thread reading its hour blocks ahead of it
// (native/store/tick-hours-prefetch.ts, native/workers/tick-hours-worker.ts). Each hour is decoded
// into one of a ring of slots of shared memory (no copy, no fresh arrays an hour); a shared
// counter of messages posted and taken lets the backtest, which runs synchronously, wait for the
// next hour, and the loader wait while it is `ahead` hours ahead. The messages are checked on
// arrival by the backtest's side (tick-hours-prefetch.ts); the job is checked here by hand, as zod
// would be 750 KB of the loader's 800 KB bundle to parse at every start.

import type { QuoteBlock, TradeBlock } from '../store/tick-codec';

/** Int32 slots of the shared state. */
export const POSTED = 0;
export const TAKEN = 1;
export const STARTED = 2;
export const STATE_SLOTS = 3;

export interface TickHoursJob {
  readonly dbPath: string;
  readonly instrumentId: number;
  readonly fromTs: number;
  readonly toTs: number;
  /** Hours decoded ahead of the one being used, at most (bounds the memory held: ahead + 1 slots). */
  readonly ahead: number;
  readonly state: SharedArrayBuffer;
}

export type TickHoursMessage =
  | { readonly type: 'hour'; readonly trades: TradeBlock; readonly quotes: QuoteBlock }
  | { readonly type: 'done' }
  | { readonly type: 'error'; readonly message: string };

export function parseTickHoursJob(data: unknown): TickHoursJob {
  const job = data as Partial<Record<keyof TickHoursJob, unknown>> | null;
  if (
    typeof job !== 'object' ||
    job === null ||
    typeof job.dbPath !== 'string' ||
    job.dbPath === '' ||
    !Number.isInteger(job.instrumentId) ||
    typeof job.fromTs !== 'number' ||
    typeof job.toTs !== 'number' ||
    !Number.isInteger(job.ahead) ||
    (job.ahead as number) < 1 ||
    !(job.state instanceof SharedArrayBuffer) ||
    job.state.byteLength < STATE_SLOTS * Int32Array.BYTES_PER_ELEMENT
  ) {
    throw new Error('tick-hours-worker: bad job');
  }
  return job as TickHoursJob;
}
