// Web-mode transport: the API over a WebSocket to the local host, with the page's token.
// Reconnects with backoff and tells the UI whether it is connected.

import type { ApiTransport } from '../../../core/api/client';
import type { RequestEnvelope } from '../../../core/api/wire';

export type ConnectionState = 'connecting' | 'open' | 'closed';

export interface ReconnectingTransport extends ApiTransport {
  onConnection(listener: (state: ConnectionState) => void): () => void;
}

const REQUEST_TIMEOUT_MS = 15_000;

export function createWebSocketTransport(url: string): ReconnectingTransport {
  let socket: WebSocket | null = null;
  let backoffMs = 250;
  const pending = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();
  const eventListeners = new Set<(envelope: unknown) => void>();
  const connectionListeners = new Set<(state: ConnectionState) => void>();
  let waiters: Array<() => void> = [];

  let current: ConnectionState = 'connecting';
  const setState = (state: ConnectionState): void => {
    current = state;
    for (const listener of connectionListeners) listener(state);
  };

  const connect = (): void => {
    setState('connecting');
    const ws = new WebSocket(url);
    socket = ws;
    ws.onopen = () => {
      backoffMs = 250;
      setState('open');
      const ready = waiters;
      waiters = [];
      for (const wake of ready) wake();
    };
    ws.onmessage = (message) => {
      let data: unknown;
      try {
        data = JSON.parse(String(message.data));
      } catch {
        return;
      }
      if (typeof data === 'object' && data !== null && 'id' in data && typeof data.id === 'number') {
        const entry = pending.get(data.id);
        if (entry) {
          pending.delete(data.id);
          entry.resolve(data);
        }
        return;
      }
      for (const listener of eventListeners) listener(data);
    };
    ws.onclose = () => {
      socket = null;
      for (const entry of pending.values()) entry.reject(new Error('connection to the host closed'));
      pending.clear();
      setState('closed');
      setTimeout(connect, backoffMs);
      backoffMs = Math.min(backoffMs * 2, 5_000);
    };
  };

  const whenOpen = (): Promise<void> =>
    socket?.readyState === WebSocket.OPEN ? Promise.resolve() : new Promise((wake) => waiters.push(wake));

  connect();

  return {
    async request(envelope: RequestEnvelope): Promise<unknown> {
      await whenOpen();
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => {
          pending.delete(envelope.id);
          reject(new Error(`${envelope.method}: no reply within ${REQUEST_TIMEOUT_MS / 1000} s`));
        }, REQUEST_TIMEOUT_MS);
        pending.set(envelope.id, {
          resolve: (v) => {
            clearTimeout(timer);
            resolve(v);
          },
          reject: (e) => {
            clearTimeout(timer);
            reject(e);
          },
        });
        socket?.send(JSON.stringify(envelope));
      });
    },
    onEvent(listener) {
      eventListeners.add(listener);
      return () => eventListeners.delete(listener);
    },
    onConnection(listener) {
      // A listener added after the socket opened must still learn that it is open.
      connectionListeners.add(listener);
      listener(current);
      return () => connectionListeners.delete(listener);
    },
  };
}
