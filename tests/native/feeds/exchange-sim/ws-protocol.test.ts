// The websocket protocol at the frame level (a plain ws client): SUBSCRIBE replies, raw and
// combined framing, Binance error frames for bad requests, unknown paths refused.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { startFixture, within, type SimFixture } from './sim-fixture';

let f: SimFixture;
const open: WebSocket[] = [];

beforeAll(async () => {
  f = await startFixture(23, 5);
});

afterAll(async () => {
  for (const ws of open) ws.terminate();
  await f.sim.close();
});

/** A connected socket whose frames are parsed into a queue the test reads from. */
async function connect(path: string): Promise<{ ws: WebSocket; next(match: (m: Record<string, unknown>) => boolean): Promise<Record<string, unknown>> }> {
  const ws = new WebSocket(`ws://127.0.0.1:${f.sim.port}${path}`);
  open.push(ws);
  const frames: Array<Record<string, unknown>> = [];
  const waiters: Array<() => void> = [];
  ws.on('message', (data) => {
    frames.push(JSON.parse(String(data)) as Record<string, unknown>);
    for (const w of waiters.splice(0)) w();
  });
  await within(new Promise((resolve, reject) => ws.once('open', resolve).once('error', reject)), 3_000, 'ws open');
  const next = async (match: (m: Record<string, unknown>) => boolean): Promise<Record<string, unknown>> => {
    const deadline = Date.now() + 5_000;
    for (;;) {
      const i = frames.findIndex(match);
      if (i >= 0) return frames.splice(0, i + 1)[i] as Record<string, unknown>;
      if (Date.now() > deadline) throw new Error(`no matching frame on ${path}`);
      await within(new Promise<void>((resolve) => waiters.push(resolve)), Math.max(1, deadline - Date.now()), 'frame');
    }
  };
  return { ws, next };
}

describe('exchange simulator websocket protocol', () => {
  it('answers SUBSCRIBE with {"result":null,"id":N} and then streams raw trade events', async () => {
    const c = await connect('/public/ws/0');
    c.ws.send(JSON.stringify({ method: 'SUBSCRIBE', params: ['btcusdt@trade'], id: 7 }));
    expect(await c.next((m) => m.id === 7)).toEqual({ result: null, id: 7 });
    const trade = await c.next((m) => m.e === 'trade');
    expect(trade).toMatchObject({ s: 'BTCUSDT', X: 'MARKET' });
    expect(Object.keys(trade).sort()).toEqual(['E', 'T', 'X', 'e', 'm', 'p', 'q', 's', 't'].sort());
    expect(typeof trade.p).toBe('string');
    expect(typeof trade.m).toBe('boolean');
    c.ws.send(JSON.stringify({ method: 'LIST_SUBSCRIPTIONS', id: 8 }));
    expect(await c.next((m) => m.id === 8)).toEqual({ result: ['btcusdt@trade'], id: 8 });
  });

  it('wraps events as {stream, data} on combined streams subscribed in the URL', async () => {
    const c = await connect('/stream?streams=btcusdt@bookTicker');
    const frame = await c.next((m) => m.stream === 'btcusdt@bookTicker');
    const data = frame.data as Record<string, unknown>;
    expect(Object.keys(data).sort()).toEqual(['A', 'B', 'E', 'T', 'a', 'b', 'e', 'u', 's'].sort());
    expect(Number(data.b)).toBeLessThan(Number(data.a));
  });

  it('answers bad requests with Binance error frames', async () => {
    const c = await connect('/ws');
    c.ws.send('{not json');
    expect(await c.next((m) => 'error' in m)).toMatchObject({ error: { code: 3 } });
    c.ws.send(JSON.stringify({ method: 'SUBSCRIBE', params: ['btcusdt@depth'], id: 3 }));
    expect(await c.next((m) => m.id === 3)).toMatchObject({ error: { code: 2 }, id: 3 });
    c.ws.send(JSON.stringify({ method: 'SUBSCRIBE', params: 'btcusdt@trade', id: 4 }));
    expect(await c.next((m) => m.id === 4)).toMatchObject({ error: { code: 2 }, id: 4 });
    c.ws.send(JSON.stringify({ method: 'NUKE', id: 5 }));
    expect(await c.next((m) => m.id === 5)).toMatchObject({ error: { code: 2 } });
  });

  it('refuses upgrades on paths that are not stream endpoints', async () => {
    const ws = new WebSocket(`ws://127.0.0.1:${f.sim.port}/nope`);
    open.push(ws);
    await expect(within(new Promise((resolve, reject) => ws.once('open', resolve).once('error', reject)), 3_000, 'refusal')).rejects.toThrow(/404/);
  });
});
