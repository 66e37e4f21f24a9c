import { describe, expect, it } from 'vitest';
import { ApiRequestError, createApiClient, type ApiTransport } from '../../../core/api/client';
import type { RequestEnvelope } from '../../../core/api/wire';

function fakeTransport(reply: (e: RequestEnvelope) => unknown) {
  let push: (e: unknown) => void = () => {};
  const transport: ApiTransport = {
    request: async (e) => reply(e),
    onEvent(listener) {
      push = listener;
      return () => {};
    },
  };
  return { transport, push: (e: unknown) => push(e) };
}

const quote = { ts: 1, bidPrice: 100, bidSize: 1, askPrice: 101, askSize: 1 };

describe('createApiClient', () => {
  it('returns a checked result for a well-formed reply', async () => {
    const { transport } = fakeTransport((e) => ({
      id: e.id,
      ok: true,
      result: { name: 'Auctioneer', version: '1.0.0', shell: 'web', symbols: ['BTCUSDT'] },
    }));
    const info = await createApiClient(transport).request('app.info', {});
    expect(info.symbols).toEqual(['BTCUSDT']);
  });

  it('rejects a reply whose result breaks the contract', async () => {
    const { transport } = fakeTransport((e) => ({ id: e.id, ok: true, result: { name: 'Auctioneer' } }));
    await expect(createApiClient(transport).request('app.info', {})).rejects.toBeInstanceOf(ApiRequestError);
  });

  it('surfaces the host error code and message', async () => {
    const { transport } = fakeTransport((e) => ({ id: e.id, ok: false, error: { code: 'not_found', message: 'no such symbol' } }));
    await expect(createApiClient(transport).request('market.snapshot', { symbol: 'X' })).rejects.toMatchObject({
      code: 'not_found',
      message: 'no such symbol',
    });
  });

  it('delivers valid events and drops invalid ones, reporting why', () => {
    const { transport, push } = fakeTransport(() => null);
    const problems: string[] = [];
    const client = createApiClient(transport, (p) => problems.push(p));
    const seen: unknown[] = [];
    client.on('market.update', (u) => seen.push(u));
    push({ event: 'market.update', payload: { symbol: 'BTCUSDT', trades: [], quote, bars: [], profile: null, footprints: [], features: null } });
    push({ event: 'market.update', payload: { symbol: 'BTCUSDT', trades: [], quote: { ...quote, bidPrice: 101 }, bars: [], profile: null, footprints: [], features: null } });
    push({ event: 'orders.filled', payload: {} });
    push('garbage');
    expect(seen).toHaveLength(1);
    expect(problems).toHaveLength(3);
    expect(problems[0]).toMatch(/crossed/);
  });
});
