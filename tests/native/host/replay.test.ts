import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { dispatchRequest } from '../../../native/host/dispatch';
import { appFeedProviders } from '../../../native/host/feed-providers';
import { createDefaultHost } from '../../../native/host/host';
import { Store } from '../../../native/store/store';
import { storeSimulatedTicks } from '../../support/sim-store';

describe('replay through the host', () => {
  it('lists stored days, replays a range at 1000x into the market session, steps, and jumps back by rebuilding', async () => {
    const store = Store.open(join(mkdtempSync(join(tmpdir(), 'auctioneer-replay-')), 's.db'));
    const start = Date.UTC(2026, 0, 5, 9, 0);
    storeSimulatedTicks(store, 40_000, 12, start);
    const end = start + 20 * 60_000;

    const host = createDefaultHost({ shell: 'web', version: 'test', feeds: appFeedProviders(0, store), store });
    await host.start();
    const events: string[] = [];
    const states: number[] = [];
    host.subscribe((name, payload) => {
      events.push(name);
      if (name === 'replay.state') states.push((payload as { marketTs: number }).marketTs);
    });
    const calendar = await dispatchRequest(host.handlers, { id: 1, method: 'store.calendar', params: {} });
    expect(calendar).toMatchObject({ ok: true, result: { instrument: 'binanceusdm:BTCUSDT', days: [{ dayTs: Date.UTC(2026, 0, 5) }] } });

    const connected = await dispatchRequest(host.handlers, { id: 2, method: 'feed.connect', params: { source: 'replay', fromTs: start, toTs: end, speed: 1000 } });
    expect(connected).toMatchObject({ ok: true });
    expect(events).toContain('market.reset');
    const step = await dispatchRequest(host.handlers, { id: 3, method: 'replay.control', params: { action: 'step' } });
    expect(step).toMatchObject({ ok: true, result: { marketTs: start + 60_000, playing: false } });
    await dispatchRequest(host.handlers, { id: 4, method: 'replay.control', params: { action: 'play' } });
    // 20 market minutes at 1000x: 1.2 s of wall time.
    await new Promise((r) => setTimeout(r, 2_000));
    const snapshot = await host.handlers['market.snapshot']({ symbol: 'BTCUSDT' });
    expect(snapshot.bars.length).toBeGreaterThanOrEqual(19);
    expect(snapshot.bars[0]?.ts).toBe(start);
    expect(states[states.length - 1]).toBe(end);

    events.length = 0;
    const back = await dispatchRequest(host.handlers, { id: 5, method: 'replay.control', params: { action: 'jump', ts: start + 5 * 60_000 } });
    expect(back).toMatchObject({ ok: true, result: { marketTs: start + 5 * 60_000, playing: false } });
    expect(events).toContain('market.reset');
    const rebuilt = await host.handlers['market.snapshot']({ symbol: 'BTCUSDT' });
    // Minutes 0..4 are closed; minute 5 has not started.
    expect(rebuilt.bars.map((b) => b.ts)).toEqual([0, 1, 2, 3, 4].map((m) => start + m * 60_000));
    expect(await dispatchRequest(host.handlers, { id: 6, method: 'replay.control', params: { action: 'speed', speed: 5000 } })).toMatchObject({ ok: false, error: { code: 'bad_request' } });
    await host.stop();
    store.close();
  }, 30_000);

  it('refuses replay controls when no replay runs', async () => {
    const host = createDefaultHost({ shell: 'web', version: 'test', historyMinutes: 5 });
    await host.start();
    expect(await dispatchRequest(host.handlers, { id: 1, method: 'replay.control', params: { action: 'play' } })).toMatchObject({ ok: false, error: { code: 'not_found' } });
    await host.stop();
  });
});
