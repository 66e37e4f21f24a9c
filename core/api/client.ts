// The renderer side of the API boundary, whatever carries the bytes: requests get ids, replies
// and pushed events are checked against the contract before anyone sees them.

import type { AuctioneerApi, EventName, EventPayload, RequestName, RequestParams, RequestResult } from './contract';
import { events, isEventName, requests } from './contract';
import type { EventEnvelope, ReplyEnvelope, RequestEnvelope } from './wire';
import { EventEnvelopeSchema, ReplyEnvelopeSchema } from './wire';

/** Moves envelopes: a WebSocket in web mode, Electron IPC in the desktop app. */
export interface ApiTransport {
  request(envelope: RequestEnvelope): Promise<unknown>;
  onEvent(listener: (envelope: unknown) => void): () => void;
}

export class ApiRequestError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'ApiRequestError';
  }
}

export function createApiClient(
  transport: ApiTransport,
  onInvalidEvent: (problem: string) => void = () => {},
): AuctioneerApi {
  let nextId = 1;
  const listeners = new Map<EventName, Set<(payload: unknown) => void>>();

  transport.onEvent((raw) => {
    const envelope = EventEnvelopeSchema.safeParse(raw);
    if (!envelope.success) return onInvalidEvent('malformed event envelope');
    const { event, payload } = envelope.data as EventEnvelope;
    if (!isEventName(event)) return onInvalidEvent(`unknown event "${event}"`);
    const checked = events[event].safeParse(payload);
    if (!checked.success) return onInvalidEvent(`${event}: ${checked.error.message}`);
    for (const listener of listeners.get(event) ?? []) listener(checked.data);
  });

  return {
    async request<K extends RequestName>(name: K, params: RequestParams<K>): Promise<RequestResult<K>> {
      const id = nextId++;
      const raw = await transport.request({ id, method: name, params });
      const reply = ReplyEnvelopeSchema.safeParse(raw);
      if (!reply.success) throw new ApiRequestError('bad_reply', `${name}: malformed reply`);
      const envelope = reply.data as ReplyEnvelope;
      if (!envelope.ok) throw new ApiRequestError(envelope.error.code, envelope.error.message);
      const result = requests[name].result.safeParse(envelope.result);
      if (!result.success) throw new ApiRequestError('bad_reply', `${name}: ${result.error.message}`);
      return result.data as RequestResult<K>;
    },
    on<K extends EventName>(name: K, listener: (payload: EventPayload<K>) => void): () => void {
      let set = listeners.get(name);
      if (!set) {
        set = new Set();
        listeners.set(name, set);
      }
      const wrapped = listener as (payload: unknown) => void;
      set.add(wrapped);
      return () => set.delete(wrapped);
    },
  };
}
