// Finds the host: the preload's `window.auctioneer` in the desktop app, otherwise the local
// WebSocket of web mode (address and token taken from the page's own URL).

import { createApiClient } from '../../../core/api/client';
import type { AuctioneerApi } from '../../../core/api/contract';
import { createWebSocketTransport, type ConnectionState } from './ws-transport';

declare global {
  interface Window {
    auctioneer?: AuctioneerApi;
  }
}

export interface HostConnection {
  readonly api: AuctioneerApi;
  readonly shell: 'electron' | 'web';
  onConnection(listener: (state: ConnectionState) => void): () => void;
}

export function connectToHost(): HostConnection {
  if (window.auctioneer) {
    const api = window.auctioneer;
    return {
      api,
      shell: 'electron',
      onConnection(listener) {
        listener('open');
        return () => {};
      },
    };
  }
  const token = new URLSearchParams(window.location.search).get('token') ?? '';
  const url = `ws://${window.location.host}/api?token=${encodeURIComponent(token)}`;
  const transport = createWebSocketTransport(url);
  const api = createApiClient(transport, (problem) => console.error(`dropped event from host: ${problem}`));
  return { api, shell: 'web', onConnection: (listener) => transport.onConnection(listener) };
}
