// The local exchange simulator: one node:http server on 127.0.0.1 serving Binance USD-M REST
// and websocket streams from an injected MarketDataSource, with a fault-injection API.

import { createServer, type Server } from 'node:http';
import type { Socket } from 'node:net';
import { binanceUsdmUrls, type CcxtUrlOverrides } from './ccxt-urls';
import type { MarketDataSource } from './data-source';
import { FaultController, type FaultSpec } from './faults';
import { createRestHandler } from './rest-api';
import { StreamHub } from './stream-hub';
import { WireFormat } from './wire-format';

export interface ExchangeSimOptions {
  readonly source: MarketDataSource;
  /** Loopback only by default; the simulator has no authentication. */
  readonly host?: string;
  /** 0 (default) picks a free port. */
  readonly port?: number;
  /** Faults to switch on at start (same fields as the /_sim/faults query). */
  readonly faults?: FaultSpec;
  /** Close the source when the server closes (default true). */
  readonly ownsSource?: boolean;
}

export interface ExchangeSim {
  readonly port: number;
  /** http://host:port — REST base. */
  readonly httpUrl: string;
  /** ws://host:port/ws — what ccxt's urls.api.ws.future takes. */
  readonly wsUrl: string;
  readonly faults: FaultController;
  readonly source: MarketDataSource;
  /** Open websocket connections (for tests and status output). */
  connectionCount(): number;
  /** The `urls` to pass to a ccxt binanceusdm / pro.binanceusdm constructor. */
  ccxtUrls(): CcxtUrlOverrides;
  close(): Promise<void>;
}

export async function startExchangeSim(options: ExchangeSimOptions): Promise<ExchangeSim> {
  const host = options.host ?? '127.0.0.1';
  const { source } = options;
  const wire = new WireFormat(source.instrument);
  const faults = new FaultController();
  const hub = new StreamHub(source, wire, faults);
  const server = createServer(createRestHandler({ source, wire, faults, bookUpdateId: () => hub.lastBookUpdateId }));
  // Node closes idle keep-alive sockets after 5 s on both sides; with equal timeouts a client may
  // reuse a socket at the instant the server closes it (ECONNRESET on a loaded machine). The
  // server's keep-alive must outlast its clients'; close() destroys the sockets anyway.
  server.keepAliveTimeout = 65_000;
  const sockets = new Set<Socket>();
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  server.on('upgrade', (req, socket, head) => hub.handleUpgrade(req, socket, head));
  if (options.faults) faults.apply(options.faults);

  const port = await listen(server, host, options.port ?? 0);
  const httpUrl = `http://${host}:${port}`;
  const wsUrl = `ws://${host}:${port}/ws`;
  let closed: Promise<void> | null = null;
  return {
    port,
    httpUrl,
    wsUrl,
    faults,
    source,
    connectionCount: () => hub.connectionCount,
    ccxtUrls: () => binanceUsdmUrls(httpUrl, wsUrl),
    close: () => {
      closed ??= (async () => {
        await hub.close();
        // Keep-alive REST sockets would hold server.close() open until they time out.
        for (const socket of sockets) socket.destroy();
        await new Promise<void>((resolve, reject) => server.close((e) => (e ? reject(e) : resolve())));
        if (options.ownsSource !== false) source.close();
      })();
      return closed;
    },
  };
}

function listen(server: Server, host: string, port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      const address = server.address();
      if (address === null || typeof address === 'string') reject(new Error('exchange simulator: no TCP address'));
      else resolve(address.port);
    });
  });
}
