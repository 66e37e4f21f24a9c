// Envelopes of the web-mode WebSocket protocol and of Electron IPC: a request carries an id,
// its reply carries the same id; events carry no id. Payloads are checked separately against
// the contract once the envelope is known to be well formed.

import { z } from 'zod';
import { ApiErrorSchema } from './schemas';

export const RequestEnvelopeSchema = z.object({
  id: z.number().int().nonnegative(),
  method: z.string().min(1).max(100),
  params: z.unknown(),
});

export const ReplyEnvelopeSchema = z.union([
  z.object({ id: z.number().int(), ok: z.literal(true), result: z.unknown() }),
  z.object({ id: z.number().int(), ok: z.literal(false), error: ApiErrorSchema }),
]);

export const EventEnvelopeSchema = z.object({
  event: z.string().min(1),
  payload: z.unknown(),
});

export const ServerMessageSchema = z.union([ReplyEnvelopeSchema, EventEnvelopeSchema]);

export type RequestEnvelope = z.infer<typeof RequestEnvelopeSchema>;
export type ReplyEnvelope = z.infer<typeof ReplyEnvelopeSchema>;
export type EventEnvelope = z.infer<typeof EventEnvelopeSchema>;
export type ApiError = z.infer<typeof ApiErrorSchema>;

/** Name of the Electron IPC channel for requests and of the one for pushed events. */
export const IPC_REQUEST_CHANNEL = 'auctioneer:request';
export const IPC_EVENT_CHANNEL = 'auctioneer:event';
