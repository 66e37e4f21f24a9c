// Each product area (backtests, strategy runs, settings...) declares its own requests and events
// in a file of its own; contract.ts joins them into the one contract. Keeping the areas apart
// lets them grow without touching each other.

import type { z } from 'zod';

export interface RequestSpec {
  readonly params: z.ZodType;
  readonly result: z.ZodType;
}

export type RequestMap = Readonly<Record<string, RequestSpec>>;
export type EventMap = Readonly<Record<string, z.ZodType>>;

/** The async handlers one area's host service implements. */
export type AreaHandlers<R extends RequestMap> = {
  [K in keyof R]: (params: z.output<R[K]['params']>) => Promise<z.output<R[K]['result']>>;
};
