// The one-click desk through the host's API handlers: presets in ticks, points and R, limit
// entries on the right side of the market, dragged stops and targets checked against the market,
// reverse, cancel, cancel all; every change durable across a host restart; and paper entries
// on the replay clock.

import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { HandlerParams } from '../../../core/api/contract';
import type { MarketEvent } from '../../../core/market/events';
import { BTCUSDT_PERP } from '../../../core/market/instrument';
import { appFeedProviders } from '../../../native/host/feed-providers';
import { createDefaultHost, Host } from '../../../native/host/host';
import { MarketSession } from '../../../native/host/market-session';
import { Store } from '../../../native/store/store';
import { ScriptedFeed } from '../../support/scripted-feed';
import { storeSimulatedTicks } from '../../support/sim-store';

const T0 = Date.UTC(2026, 0, 5, 10, 0);
const quote = (ts: number, bid: number, ask: number): MarketEvent => ({ kind: 'quote', quote: { ts, bidPrice: bid, bidSize: 1, askPrice: ask, askSize: 1 } });
const trade = (ts: number, price: number, side: 1 | -1): MarketEvent => ({ kind: 'trade', trade: { ts, price, size: 0.5, side } });
type Bracket = HandlerParams<'paper.order'>['bracket'];
const TICKS_20_R12: Bracket = { stop: 20, stopUnit: 'ticks', targetUnit: 'R', targets: [{ distance: 1, share: 0.5 }, { distance: 2, share: 0.5 }] };

const running: Array<{ host: Host; store: Store }> = [];

async function startHost(store: Store, feed = new ScriptedFeed()): Promise<{ host: Host; feed: ScriptedFeed }> {
  const host = new Host({
    shell: 'web',
    version: 'test',
    feeds: { provide: async () => ({ feed, dispose: async () => {} }), sources: [{ source: 'sim', available: true, note: 'scripted' }] },
    initialFeed: { source: 'sim', seed: 1 },
    createSession: (f) => new MarketSession(f),
    store,
    replayInstrument: BTCUSDT_PERP,
  });
  await host.start();
  running.push({ host, store });
  return { host, feed };
}

const freshStore = (): Store => Store.open(join(mkdtempSync(join(tmpdir(), 'auctioneer-desk-')), 's.db'));

afterEach(async () => {
  for (const r of running.splice(0)) await r.host.stop();
});

describe('the one-click desk', () => {
  it('opens a market bracket from an R preset, moves the stop (never through the market), and keeps it across a restart', async () => {
    const store = freshStore();
    const { host, feed } = await startHost(store);
    feed.push(quote(T0, 1000, 1001));
    // Mark 1000.5 rounds to 1001: stop 20 ticks below, targets 1R and 2R above, half each.
    await host.handlers['paper.order']({ side: 'buy', qty: 1, type: 'market', bracket: TICKS_20_R12 });
    feed.push(quote(T0 + 1, 1000, 1001));
    const open = await host.handlers['paper.state']({});
    expect(open.positionQty).toBe(1);
    // Filled at the ask plus one tick of entry slippage.
    expect(open.avgEntry).toBe(1002);
    const stop = open.orders.find((o) => o.role === 'stop');
    expect(stop).toMatchObject({ side: 'sell', type: 'stop', price: 981, qty: 1 });
    expect(open.orders.filter((o) => o.role === 'target').map((o) => [o.price, o.qty])).toEqual([
      [1021, 0.5],
      [1041, 0.5],
    ]);

    // A sell stop at or above the bid would trigger at once: refused, nothing changed.
    await expect(host.handlers['paper.move']({ orderId: stop?.id ?? -1, price: 1000 })).rejects.toThrow(/below the market/);
    expect((await host.handlers['paper.state']({})).stop).toBe(981);
    const moved = await host.handlers['paper.move']({ orderId: stop?.id ?? -1, price: 995 });
    expect(moved.stop).toBe(995);
    expect(moved.orders.find((o) => o.role === 'stop')?.price).toBe(995);
    // A target dragged under the bid would fill at once: refused.
    const target = moved.orders.find((o) => o.role === 'target' && o.targetIndex === 1);
    await expect(host.handlers['paper.move']({ orderId: target?.id ?? -1, price: 999 })).rejects.toThrow(/above the market/);
    expect((await host.handlers['paper.move']({ orderId: target?.id ?? -1, price: 1050 })).targets).toEqual([1021, 1050]);

    // The app restarts: the account comes back with the moved stop and target.
    await host.stop();
    running.length = 0;
    const again = await startHost(store);
    const restored = await again.host.handlers['paper.state']({});
    expect(restored.positionQty).toBe(1);
    expect(restored.orders.find((o) => o.role === 'stop')?.price).toBe(995);
    expect(restored.orders.filter((o) => o.role === 'target').map((o) => o.price)).toEqual([1021, 1050]);
    // The moved stop works: a bid under it triggers and fills the stop.
    again.feed.push(quote(T0 + 10, 990, 991), quote(T0 + 11, 990, 991));
    const stopped = await again.host.handlers['paper.state']({});
    expect(stopped.positionQty).toBe(0);
    expect(stopped.orders).toEqual([]);
    store.close();
  });

  it('rests a limit on the right side only, fills it when the market trades through, with its bracket moved along when dragged', async () => {
    const store = freshStore();
    const { host, feed } = await startHost(store);
    feed.push(quote(T0, 1000, 1001));
    const preset: Bracket = { stop: 1, stopUnit: 'points', targetUnit: 'points', targets: [{ distance: 2, share: 1 }] };
    await expect(host.handlers['paper.order']({ side: 'buy', qty: 2, type: 'limit', limitPrice: 1001, bracket: preset })).rejects.toThrow(/buy limit must be below the market/);
    await expect(host.handlers['paper.order']({ side: 'sell', qty: 2, type: 'limit', limitPrice: 1000, bracket: preset })).rejects.toThrow(/sell limit must be above the market/);
    const placed = await host.handlers['paper.order']({ side: 'buy', qty: 2, type: 'limit', limitPrice: 995, bracket: preset });
    expect(placed.positionQty).toBe(0);
    const entry = placed.orders.find((o) => o.role === 'entry');
    expect(entry).toMatchObject({ side: 'buy', type: 'limit', price: 995, qty: 2 });
    // 1 point = 10 ticks below the limit, 2 points = 20 above.
    expect(placed.stop).toBe(985);
    expect(placed.targets).toEqual([1015]);

    // Dragging the entry to 990 moves its stop and target by the same 5 ticks.
    const dragged = await host.handlers['paper.move']({ orderId: entry?.id ?? -1, price: 990 });
    expect(dragged.orders.find((o) => o.role === 'entry')?.price).toBe(990);
    expect(dragged.stop).toBe(980);
    expect(dragged.targets).toEqual([1010]);

    // The market comes down and prints through 990: a maker fill at the limit.
    feed.push(quote(T0 + 1, 995, 996), trade(T0 + 2, 989, -1));
    const filled = await host.handlers['paper.state']({});
    expect(filled.positionQty).toBe(2);
    expect(filled.avgEntry).toBe(990);
    expect(filled.fills[filled.fills.length - 1]).toMatchObject({ role: 'entry', side: 'buy', qty: 2, price: 990 });
    expect(filled.orders.map((o) => [o.role, o.price])).toEqual([
      ['stop', 980],
      ['target', 1010],
    ]);
    store.close();
  });

  it('reverses a long into a short of the same size with the preset, cancels one order and then all', async () => {
    const store = freshStore();
    const { host, feed } = await startHost(store);
    feed.push(quote(T0, 1000, 1002));
    await host.handlers['paper.order']({ side: 'buy', qty: 0.5, type: 'market', bracket: TICKS_20_R12 });
    feed.push(quote(T0 + 1, 1000, 1002));
    expect((await host.handlers['paper.state']({})).positionQty).toBe(0.5);

    // Mark 1001: the short's stop 20 ticks above, targets 1R and 2R below.
    await host.handlers['paper.reverse']({ bracket: TICKS_20_R12 });
    feed.push(quote(T0 + 2, 1000, 1002));
    const short = await host.handlers['paper.state']({});
    expect(short.positionQty).toBe(-0.5);
    expect(short.orders.map((o) => [o.role, o.side, o.price, o.qty])).toEqual([
      ['stop', 'buy', 1021, 0.5],
      ['target', 'buy', 981, 0.25],
      ['target', 'buy', 961, 0.25],
    ]);
    // Closing the long and opening the short: two fills of 0.5 on the same quote.
    expect(short.fills.slice(-2).map((f) => [f.role, f.side, f.qty])).toEqual([
      ['flatten', 'sell', 0.5],
      ['entry', 'sell', 0.5],
    ]);

    const firstTarget = short.orders.find((o) => o.role === 'target');
    const one = await host.handlers['paper.cancel']({ orderId: firstTarget?.id ?? -1 });
    expect(one.orders.map((o) => o.price)).toEqual([1021, 961]);
    const none = await host.handlers['paper.cancelAll']({});
    expect(none.orders).toEqual([]);
    expect(none.positionQty).toBe(-0.5);
    await expect(host.handlers['paper.reverse']({ bracket: TICKS_20_R12 })).resolves.toMatchObject({ positionQty: -0.5 });
    store.close();
  });

  it('takes paper entries during a replay on the replay clock', async () => {
    const store = freshStore();
    const start = Date.UTC(2026, 0, 5, 9, 0);
    storeSimulatedTicks(store, 40_000, 12, start);
    const host = createDefaultHost({ shell: 'web', version: 'test', feeds: appFeedProviders(0, store), store });
    await host.start();
    running.push({ host, store });
    await host.handlers['feed.connect']({ source: 'replay', fromTs: start, toTs: start + 10 * 60_000, speed: 1 });
    await host.handlers['replay.control']({ action: 'step' });
    const before = await host.handlers['paper.state']({});
    expect(before.account).toBe('replay');
    // A wide stop: the position must still be open after the stepped minute.
    const wide: Bracket = { stop: 5000, stopUnit: 'ticks', targetUnit: 'R', targets: [{ distance: 2, share: 1 }] };
    const placed = await host.handlers['paper.order']({ side: 'buy', qty: 0.01, type: 'market', bracket: wide });
    expect(placed.orders.map((o) => o.role)).toEqual(['entry']);
    await host.handlers['replay.control']({ action: 'step' });
    // The session hands market events to the desk in batches: wait for the stepped minute's.
    let after = await host.handlers['paper.state']({});
    for (let i = 0; i < 50 && after.positionQty === 0; i++) {
      await new Promise((r) => setTimeout(r, 50));
      after = await host.handlers['paper.state']({});
    }
    expect(after.positionQty).toBe(0.01);
    const fill = after.fills[after.fills.length - 1];
    // Filled in the stepped minute of the replay, not at the wall clock.
    expect(fill?.ts).toBeGreaterThan(start + 60_000);
    expect(fill?.ts).toBeLessThanOrEqual(start + 2 * 60_000);
    // Replays never touch the durable accounts.
    const accounts = store.statement(`SELECT name FROM paper_accounts`).all() as Array<{ name: string }>;
    expect(accounts.map((a) => a.name)).not.toContain('replay');
    store.close();
  }, 30_000);
});
