// Messages between the host and the profile worker, checked on arrival on both sides.

import { z } from 'zod';
import { FootprintConfigSchema, RollingProfileConfigSchema } from '../../core/profile/config';

export const ToWorkerSchema = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('init'),
    buffer: z.instanceof(SharedArrayBuffer),
    rolling: RollingProfileConfigSchema.partial(),
    footprint: FootprintConfigSchema.partial(),
  }),
  z.object({
    type: z.literal('trades'),
    ts: z.instanceof(Float64Array),
    price: z.instanceof(Float64Array),
    size: z.instanceof(Float64Array),
    side: z.instanceof(Int8Array),
  }),
  z.object({ type: z.literal('advance'), ts: z.number() }),
  z.object({ type: z.literal('flush'), id: z.number().int() }),
]);

export const FromWorkerSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('ready') }),
  z.object({ type: z.literal('flushed'), id: z.number().int(), tradesProcessed: z.number() }),
  z.object({ type: z.literal('error'), message: z.string() }),
]);

export type ToWorker = z.infer<typeof ToWorkerSchema>;
export type FromWorker = z.infer<typeof FromWorkerSchema>;
