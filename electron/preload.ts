// Preload (sandboxed, context-isolated): exposes exactly the API contract to the page as
// `window.auctioneer`, over Electron IPC, with every reply and event checked by the same
// client the web mode uses.

import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import { createApiClient, type ApiTransport } from '../core/api/client';
import type { AuctioneerApi } from '../core/api/contract';
import { IPC_EVENT_CHANNEL, IPC_REQUEST_CHANNEL } from '../core/api/wire';

const transport: ApiTransport = {
  request: (envelope) => ipcRenderer.invoke(IPC_REQUEST_CHANNEL, envelope),
  onEvent(listener) {
    const handler = (_event: IpcRendererEvent, envelope: unknown): void => listener(envelope);
    ipcRenderer.on(IPC_EVENT_CHANNEL, handler);
    return () => ipcRenderer.removeListener(IPC_EVENT_CHANNEL, handler);
  },
};

const client = createApiClient(transport, (problem) => console.error(`auctioneer: dropped event: ${problem}`));

const api = {
  request: (name, params) => client.request(name, params),
  on: (name, listener) => client.on(name, listener),
} satisfies AuctioneerApi;

contextBridge.exposeInMainWorld('auctioneer', api);
