import { beforeEach, describe, expect, it } from 'vitest';
import type { ApiHandlers } from '../../../core/api/contract';
import { dispatchRequest } from '../../../native/host/dispatch';
import type { Host } from '../../../native/host/host';
import { scriptedHost } from '../../support/scripted-feed';

let current: Host;
beforeEach(async () => {
  current = (await scriptedHost()).host;
});
const host = (): Host => current;

describe('dispatchRequest', () => {
  it('answers a valid request with a result that matches the contract', async () => {
    const reply = await dispatchRequest(host().handlers, { id: 3, method: 'app.info', params: {} });
    expect(reply).toEqual({ id: 3, ok: true, result: { name: 'Auctioneer', version: '0.0.0-test', shell: 'web', symbols: ['BTCUSDT'] } });
  });

  it('refuses an unknown method by name', async () => {
    const reply = await dispatchRequest(host().handlers, { id: 4, method: 'orders.deleteAll', params: {} });
    expect(reply).toMatchObject({ id: 4, ok: false, error: { code: 'unknown_method' } });
  });

  it('refuses params that do not match the schema, naming the field', async () => {
    const reply = await dispatchRequest(host().handlers, { id: 5, method: 'market.snapshot', params: { symbol: 42 } });
    expect(reply.ok).toBe(false);
    if (!reply.ok) {
      expect(reply.error.code).toBe('bad_request');
      expect(reply.error.message).toContain('symbol');
    }
  });

  it('refuses extra params rather than ignoring them', async () => {
    const reply = await dispatchRequest(host().handlers, { id: 6, method: 'app.info', params: { admin: true } });
    expect(reply).toMatchObject({ ok: false, error: { code: 'bad_request' } });
  });

  it('refuses a malformed envelope', async () => {
    expect(await dispatchRequest(host().handlers, 'hello')).toMatchObject({ id: -1, ok: false, error: { code: 'bad_request' } });
    expect(await dispatchRequest(host().handlers, { id: 1.5, method: 'app.info' })).toMatchObject({ ok: false });
  });

  it('reports an unknown symbol as not found', async () => {
    const reply = await dispatchRequest(host().handlers, { id: 7, method: 'market.snapshot', params: { symbol: 'DOGEUSDT' } });
    expect(reply).toMatchObject({ ok: false, error: { code: 'not_found' } });
  });

  it('never lets a handler return something outside the contract', async () => {
    const handlers = {
      ...host().handlers,
      'app.info': async () => ({ name: 'Auctioneer', version: 1 }),
    } as unknown as ApiHandlers;
    const reply = await dispatchRequest(handlers, { id: 8, method: 'app.info', params: {} });
    expect(reply).toMatchObject({ ok: false, error: { code: 'internal' } });
  });
});

describe('Host feed switching', () => {
  it('replaces the market on feed.connect, tells clients to reload, and refuses an unavailable source', async () => {
    const events: string[] = [];
    const { host: h } = await scriptedHost();
    h.subscribe((name) => events.push(name));
    const reply = await dispatchRequest(h.handlers, { id: 9, method: 'feed.connect', params: { source: 'sim', seed: 7 } });
    expect(reply).toMatchObject({ ok: true, result: { state: 'live' } });
    expect(events).toContain('market.reset');
    const options = await dispatchRequest(h.handlers, { id: 10, method: 'feed.options', params: {} });
    expect(options).toMatchObject({ ok: true, result: { current: { source: 'sim', seed: 7 } } });
    const bad = await dispatchRequest(h.handlers, { id: 11, method: 'feed.connect', params: { source: 'exchange', exchange: 'Bad Id!', symbol: 'BTC/USDT' } });
    expect(bad).toMatchObject({ ok: false, error: { code: 'bad_request' } });
    await h.stop();
  });
});
