import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import type { Alert } from '../../../native/alerts/alert';
import { AlertHub } from '../../../native/alerts/alert-hub';
import { DiscordSink } from '../../../native/alerts/discord-sink';
import { createDefaultHost } from '../../../native/host/host';

interface Received {
  at: number;
  body: { embeds: Array<{ title: string; description: string }> };
}

let server: Server | null = null;
afterEach(() => new Promise<void>((done) => (server ? server.close(() => done()) : done())));

/** A local stand-in for Discord: answers each request with the next scripted status. */
async function fakeDiscord(script: Array<{ status: number; body?: unknown; headers?: Record<string, string> }>): Promise<{ url: string; received: Received[]; attempts: () => number }> {
  const received: Received[] = [];
  let attempts = 0;
  server = createServer((req, res) => {
    let data = '';
    req.on('data', (c) => (data += c));
    req.on('end', () => {
      const step = script[Math.min(attempts, script.length - 1)]!;
      attempts++;
      if (step.status === 204) received.push({ at: Date.now(), body: JSON.parse(data) as Received['body'] });
      res.writeHead(step.status, { 'content-type': 'application/json', ...step.headers });
      res.end(step.body === undefined ? '' : JSON.stringify(step.body));
    });
  });
  await new Promise<void>((r) => server!.listen(0, '127.0.0.1', () => r()));
  return { url: `http://127.0.0.1:${(server!.address() as AddressInfo).port}/api/webhooks/1/x`, received, attempts: () => attempts };
}

const alert = (title: string, kind: Alert['kind'] = 'trade-open', ts = Date.now()): Alert => ({ kind, ts, title, message: `${title} details` });

describe('DiscordSink', () => {
  it('delivers without blocking the caller, one message at a time at the set pace', async () => {
    const d = await fakeDiscord([{ status: 204 }]);
    const sink = new DiscordSink({ webhookUrl: d.url, minIntervalMs: 100 });
    sink.deliver(alert('Long 0.5 BTCUSDT'));
    sink.deliver(alert('Closed +12.30'));
    // deliver() returns before anything reached the webhook: the trading path never waits for it.
    expect(d.received).toHaveLength(0);
    await sink.idle();
    expect(d.received.map((r) => r.body.embeds[0]?.title)).toEqual(['Long 0.5 BTCUSDT', 'Closed +12.30']);
    expect(d.received[1]!.at - d.received[0]!.at).toBeGreaterThanOrEqual(90);
  });

  it('retries a failing webhook with backoff, honouring Discord\'s retry_after on 429', async () => {
    const d = await fakeDiscord([{ status: 500 }, { status: 429, body: { retry_after: 0.2 } }, { status: 204 }]);
    const sink = new DiscordSink({ webhookUrl: d.url, baseBackoffMs: 50, minIntervalMs: 0 });
    const started = Date.now();
    sink.deliver(alert('Feed stale', 'feed-stale'));
    await sink.idle();
    expect(d.attempts()).toBe(3);
    expect(d.received).toHaveLength(1);
    expect(sink.stats).toMatchObject({ delivered: 1, retries: 2, dropped: 0 });
    // 50 ms backoff after the 500, then the 200 ms Discord asked for.
    expect(Date.now() - started).toBeGreaterThanOrEqual(240);
  });

  it('drops after the last attempt, reporting it instead of throwing', async () => {
    const d = await fakeDiscord([{ status: 503 }]);
    const errors: string[] = [];
    const sink = new DiscordSink({ webhookUrl: d.url, baseBackoffMs: 10, maxAttempts: 3, minIntervalMs: 0, onError: (m) => errors.push(m) });
    sink.deliver(alert('Daily loss limit hit', 'daily-loss'));
    await sink.idle();
    expect(d.attempts()).toBe(3);
    expect(sink.stats.dropped).toBe(1);
    expect(errors[0]).toMatch(/dropped after 3 attempts/);
  });

  it('refuses a plain-http webhook outside this machine', () => {
    expect(() => new DiscordSink({ webhookUrl: 'http://discord.example/api/webhooks/1/x' })).toThrow(/https/);
  });
});

describe('AlertHub', () => {
  it('holds back repeats of a condition within the window but never a trade', () => {
    const seen: string[] = [];
    const hub = new AlertHub([{ name: 'test', deliver: (a) => seen.push(a.title) }], 60_000);
    const t = Date.UTC(2026, 0, 5);
    hub.raise(alert('stale 1', 'feed-stale', t));
    hub.raise(alert('stale 2', 'feed-stale', t + 30_000));
    hub.raise(alert('stale 3', 'feed-stale', t + 61_000));
    hub.raise(alert('trade 1', 'trade-open', t));
    hub.raise(alert('trade 2', 'trade-open', t + 1));
    expect(seen).toEqual(['stale 1', 'stale 3', 'trade 1', 'trade 2']);
  });
});

describe('alerts from the host', () => {
  it('sends the opening of a paper position to the Discord webhook', async () => {
    const d = await fakeDiscord([{ status: 204 }]);
    const sink = new DiscordSink({ webhookUrl: d.url, minIntervalMs: 0 });
    const host = createDefaultHost({ shell: 'web', version: 'test', historyMinutes: 5, alerts: new AlertHub([sink]) });
    await host.start();
    // Wait for live quotes, then one click.
    await new Promise((r) => setTimeout(r, 300));
    await host.handlers['paper.order']({ side: 'sell', qty: 0.1, type: 'market', bracket: { stop: 500, stopUnit: 'ticks', targetUnit: 'ticks', targets: [{ distance: 500, share: 1 }] } });
    const deadline = Date.now() + 10_000;
    while (d.received.length === 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    await host.stop();
    expect(d.received[0]?.body.embeds[0]?.title).toMatch(/^Short 0\.1 opened \(sim\)$/);
  });
});

describe('alerts from headless paper trading', () => {
  it('reports the start, the trades and the stop of `auctioneer paper` to the webhook', async () => {
    const d = await fakeDiscord([{ status: 204 }]);
    const db = join(mkdtempSync(join(tmpdir(), 'auctioneer-paper-alerts-')), 's.db');
    const bin = join(process.cwd(), 'build', 'bin', 'auctioneer.mjs');
    const child = spawn(process.execPath, [bin, 'paper', '--db', db, '--strategy', 'seed003-value-area', '--seed', '5', '--start', '2026-01-05T00:00:00Z', '--until', '2026-01-05T01:30:00Z', '--speed', 'max', '--set', 'accept_outside_k=1', '--discord-webhook', d.url], { stdio: 'ignore' });
    const code = await new Promise<number | null>((r) => child.on('exit', r));
    expect(code).toBe(0);
    const titles = d.received.map((r) => r.body.embeds[0]?.title ?? '');
    expect(titles[0]).toMatch(/started \(paper-seed003-value-area-5\)/);
    expect(titles.some((t) => /opened/.test(t))).toBe(true);
    expect(titles[titles.length - 1]).toMatch(/stopped/);
  }, 60_000);
});
