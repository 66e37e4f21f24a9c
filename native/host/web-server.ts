// Web mode: serves the renderer on 127.0.0.1 and carries the API over a WebSocket. Only a
// client holding the per-launch token, from a page of this server (Origin and Host checked),
// may connect; everything else is refused before any API message is read.

import { randomBytes, timingSafeEqual } from 'node:crypto';
import { readFile, stat } from 'node:fs/promises';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize, resolve, sep } from 'node:path';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type WebSocket } from 'ws';
import type { EventEnvelope } from '../../core/api/wire';
import { dispatchRequest } from './dispatch';
import type { Host } from './host';
import { CONTENT_TYPES, SECURITY_HEADERS } from './security-headers';

export const API_PATH = '/api';
/** A client this far behind on pushed data gets no more market updates until it drains. */
const MAX_BUFFERED_BYTES = 8 * 1024 * 1024;

export interface WebServerOptions {
  readonly host: Host;
  /** Folder holding the built renderer (index.html and assets). */
  readonly staticDir: string;
  /** 0 picks a free port. */
  readonly port?: number;
  /** Fixed token for tests; a random one is made per launch otherwise. */
  readonly token?: string;
}

export interface RunningWebServer {
  readonly port: number;
  readonly token: string;
  /** The address to open, token included. */
  readonly url: string;
  close(): Promise<void>;
}

function tokenMatches(expected: string, given: string | null): boolean {
  if (given === null) return false;
  const a = Buffer.from(expected);
  const b = Buffer.from(given);
  return a.length === b.length && timingSafeEqual(a, b);
}

export async function startWebServer(options: WebServerOptions): Promise<RunningWebServer> {
  const token = options.token ?? randomBytes(24).toString('base64url');
  const staticDir = resolve(options.staticDir);
  let port = 0;
  const allowedHosts = (): string[] => [`127.0.0.1:${port}`, `localhost:${port}`];
  const allowedOrigins = (): string[] => allowedHosts().map((h) => `http://${h}`);

  const server: Server = createServer((req, res) => {
    void serveStatic(req, res).catch((error: unknown) => {
      if (!res.headersSent) res.writeHead(500, { 'Content-Type': 'text/plain; charset=utf-8' });
      res.end(`internal error: ${error instanceof Error ? error.message : String(error)}`);
    });
  });

  async function serveStatic(req: IncomingMessage, res: ServerResponse): Promise<void> {
    if (!allowedHosts().includes(req.headers.host ?? '')) {
      return refuseHttp(res, 421, 'unexpected Host header');
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') return refuseHttp(res, 405, 'method not allowed');
    const url = new URL(req.url ?? '/', `http://${req.headers.host}`);
    let path = decodeURIComponent(url.pathname);
    if (path === '/' || path === '/index.html') {
      if (!tokenMatches(token, url.searchParams.get('token'))) {
        return refuseHttp(res, 401, 'Open the address Auctioneer printed when it started: it carries the access token.');
      }
      path = '/index.html';
    }
    const file = normalize(join(staticDir, path));
    if (!file.startsWith(staticDir + sep)) return refuseHttp(res, 404, 'not found');
    const info = await stat(file).catch(() => null);
    if (!info?.isFile()) return refuseHttp(res, 404, 'not found');
    const body = await readFile(file);
    res.writeHead(200, {
      ...SECURITY_HEADERS,
      'Content-Type': CONTENT_TYPES[extname(file)] ?? 'application/octet-stream',
      'Cache-Control': path === '/index.html' ? 'no-store' : 'max-age=3600',
    });
    res.end(req.method === 'HEAD' ? undefined : body);
  }

  const wss = new WebSocketServer({ noServer: true, maxPayload: 1024 * 1024 });

  server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    const url = new URL(req.url ?? '/', 'http://placeholder');
    const refusal =
      url.pathname !== API_PATH
        ? [404, 'not found']
        : !allowedHosts().includes(req.headers.host ?? '')
          ? [421, 'unexpected Host header']
          : !allowedOrigins().includes(req.headers.origin ?? '')
            ? [403, 'origin not allowed']
            : !tokenMatches(token, url.searchParams.get('token'))
              ? [401, 'missing or wrong token']
              : null;
    if (refusal) {
      socket.end(`HTTP/1.1 ${refusal[0]} ${refusal[1]}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => attachClient(ws));
  });

  function attachClient(ws: WebSocket): void {
    const unsubscribe = options.host.subscribe((name, payload) => {
      if (name === 'market.update' && ws.bufferedAmount > MAX_BUFFERED_BYTES) return;
      const envelope: EventEnvelope = { event: name, payload };
      ws.send(JSON.stringify(envelope));
    });
    ws.on('message', (data) => {
      let parsed: unknown;
      try {
        parsed = JSON.parse(data.toString());
      } catch {
        ws.send(JSON.stringify({ id: -1, ok: false, error: { code: 'bad_request', message: 'message is not JSON' } }));
        return;
      }
      void dispatchRequest(options.host.handlers, parsed).then((reply) => ws.send(JSON.stringify(reply)));
    });
    ws.on('close', unsubscribe);
    ws.on('error', unsubscribe);
  }

  await new Promise<void>((resolveListen, rejectListen) => {
    server.once('error', rejectListen);
    // Loopback only: web mode is for this machine's browser, never the network.
    server.listen(options.port ?? 0, '127.0.0.1', () => resolveListen());
  });
  port = (server.address() as AddressInfo).port;

  return {
    port,
    token,
    url: `http://127.0.0.1:${port}/?token=${token}`,
    close: async () => {
      for (const client of wss.clients) client.terminate();
      wss.close();
      await new Promise<void>((done) => server.close(() => done()));
    },
  };
}

function refuseHttp(res: ServerResponse, status: number, message: string): void {
  res.writeHead(status, { ...SECURITY_HEADERS, 'Content-Type': 'text/plain; charset=utf-8' });
  res.end(message);
}
