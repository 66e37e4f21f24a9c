// Websocket control messages clients send (SUBSCRIBE / UNSUBSCRIBE / LIST_SUBSCRIPTIONS,
// Binance's JSON-RPC style), validated with zod, and the stream names the simulator serves.

import { z } from 'zod';

export const controlMessageSchema = z.object({
  method: z.enum(['SUBSCRIBE', 'UNSUBSCRIBE', 'LIST_SUBSCRIPTIONS']),
  params: z.array(z.string()).optional(),
  id: z.union([z.number().int().nonnegative(), z.string().max(64), z.null()]),
});

export type ControlMessage = z.infer<typeof controlMessageSchema>;

export type StreamKind = 'trade' | 'aggTrade' | 'bookTicker';

/** Which live data a stream name asks for, or null for names this simulator does not serve. */
export function streamKind(name: string, symbolLower: string): StreamKind | null {
  if (name === '!bookTicker' || name === `${symbolLower}@bookTicker`) return 'bookTicker';
  if (name === `${symbolLower}@trade`) return 'trade';
  if (name === `${symbolLower}@aggTrade`) return 'aggTrade';
  return null;
}

/** Binance's error frame: code 2 invalid request, 3 invalid JSON. */
export function errorFrame(code: number, msg: string, id: ControlMessage['id'] | undefined): string {
  return JSON.stringify(id === undefined ? { error: { code, msg } } : { error: { code, msg }, id });
}
