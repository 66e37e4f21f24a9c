import { mkdtempSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { startWebServer, type RunningWebServer } from '../../../native/host/web-server';
import { scriptedHost } from '../../support/scripted-feed';

let server: RunningWebServer;
let staticDir: string;

beforeAll(async () => {
  staticDir = mkdtempSync(join(tmpdir(), 'auctioneer-static-'));
  writeFileSync(join(staticDir, 'index.html'), '<!doctype html><title>t</title>');
  writeFileSync(join(staticDir, 'app.js'), 'console.log(1)');
  const { host } = await scriptedHost();
  server = await startWebServer({ host, staticDir });
});
afterAll(() => server.close());

function get(path: string, headers: Record<string, string> = {}): Promise<{ status: number; headers: Record<string, unknown>; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port: server.port, path, headers: { host: `127.0.0.1:${server.port}`, ...headers } }, (res) => {
      let body = '';
      res.on('data', (c) => (body += c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

/** Opens a socket and resolves with the HTTP status of a refusal, or 101 when it was accepted. */
function connect(query: string, origin: string | undefined, host?: string): Promise<{ status: number; ws?: WebSocket }> {
  return new Promise((resolve) => {
    const headers: Record<string, string> = host ? { host } : {};
    const ws = new WebSocket(`ws://127.0.0.1:${server.port}/api${query}`, { ...(origin ? { origin } : {}), headers });
    ws.on('open', () => resolve({ status: 101, ws }));
    ws.on('unexpected-response', (_req, res) => resolve({ status: res.statusCode ?? 0 }));
    ws.on('error', () => resolve({ status: 0 }));
  });
}

describe('web mode server', () => {
  it('listens on the loopback interface only', () => {
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/\?token=[A-Za-z0-9_-]{32}$/);
  });

  it('serves the page only with the token, with cross-origin isolation and CSP headers', async () => {
    expect((await get('/')).status).toBe(401);
    expect((await get('/?token=wrong')).status).toBe(401);
    const page = await get(`/?token=${server.token}`);
    expect(page.status).toBe(200);
    expect(page.headers['cross-origin-opener-policy']).toBe('same-origin');
    expect(page.headers['cross-origin-embedder-policy']).toBe('require-corp');
    expect(String(page.headers['content-security-policy'])).toContain("script-src 'self'");
  });

  it('refuses a foreign Host header (DNS rebinding) and paths outside the UI folder', async () => {
    expect((await get(`/?token=${server.token}`, { host: 'evil.example:80' })).status).toBe(421);
    expect((await get('/../../etc/passwd')).status).toBe(404);
    expect((await get('/%2e%2e/%2e%2e/etc/passwd')).status).toBe(404);
    expect((await get('/app.js')).status).toBe(200);
  });

  it('refuses an API socket without the token, with a wrong token, or from another origin', async () => {
    const origin = `http://127.0.0.1:${server.port}`;
    expect((await connect('', origin)).status).toBe(401);
    expect((await connect('?token=nope', origin)).status).toBe(401);
    expect((await connect(`?token=${server.token}`, undefined)).status).toBe(403);
    expect((await connect(`?token=${server.token}`, 'https://evil.example')).status).toBe(403);
    expect((await connect(`?token=${server.token}`, origin, 'evil.example')).status).toBe(421);
  });

  it('accepts a socket with the token from its own origin and answers requests', async () => {
    const { status, ws } = await connect(`?token=${server.token}`, `http://localhost:${server.port}`, `localhost:${server.port}`);
    expect(status).toBe(101);
    const reply = await new Promise<unknown>((resolve) => {
      ws?.on('message', (data) => {
        const msg = JSON.parse(data.toString()) as { id?: number };
        if (msg.id === 1) resolve(msg);
      });
      ws?.send(JSON.stringify({ id: 1, method: 'app.info', params: {} }));
    });
    expect(reply).toMatchObject({ id: 1, ok: true, result: { name: 'Auctioneer', shell: 'web' } });
    const bad = await new Promise<unknown>((resolve) => {
      ws?.on('message', (data) => {
        const msg = JSON.parse(data.toString()) as { id?: number };
        if (msg.id === -1) resolve(msg);
      });
      ws?.send('not json');
    });
    expect(bad).toMatchObject({ ok: false, error: { code: 'bad_request' } });
    ws?.close();
  });
});
