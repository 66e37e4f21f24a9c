// The connection a trader chose (Data & settings, or the header's picker) is kept in the store
// and reconnected at the next start; when that fails the host says why and runs the simulated
// market instead, keeping the choice for the start after.

import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { BTCUSDT_PERP } from '../../../core/market/instrument';
import type { FeedChoice, FeedProviders } from '../../../native/host/feed-provider';
import { Host } from '../../../native/host/host';
import { MarketSession } from '../../../native/host/market-session';
import { Store } from '../../../native/store/store';
import { ScriptedFeed } from '../../support/scripted-feed';

const cleanup: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const step of cleanup.splice(0).reverse()) await step();
});

/** Every source works except a real exchange while `exchangeDown` says so. */
function providers(log: FeedChoice[], exchangeDown: { value: boolean }): FeedProviders {
  return {
    sources: [
      { source: 'sim', available: true, note: 'scripted' },
      { source: 'exchange-sim', available: true, note: 'scripted' },
      { source: 'exchange', available: true, note: 'scripted' },
      { source: 'replay', available: true, note: 'scripted' },
    ],
    provide: async (choice) => {
      log.push(choice);
      if (choice.source === 'exchange' && exchangeDown.value) throw new Error(`could not load ${choice.exchange} markets (is the internet reachable?): getaddrinfo ENOTFOUND`);
      return { feed: new ScriptedFeed(), dispose: async () => {} };
    },
  };
}

function startHost(dbPath: string, dir: string, log: FeedChoice[], exchangeDown = { value: false }): { host: Host; store: Store } {
  const store = Store.open(dbPath);
  const host = new Host({
    shell: 'web',
    version: 'test',
    feeds: providers(log, exchangeDown),
    initialFeed: { source: 'sim', seed: 1 },
    createSession: (f) => new MarketSession(f),
    store,
    replayInstrument: BTCUSDT_PERP,
    settings: { dataDir: dir },
  });
  return { host, store };
}

function tempDb(): { dir: string; dbPath: string } {
  const dir = mkdtempSync(join(tmpdir(), 'auctioneer-connection-'));
  return { dir, dbPath: join(dir, 'auctioneer.db') };
}

async function restart(dbPath: string, dir: string, log: FeedChoice[], exchangeDown = { value: false }): Promise<Host> {
  const { host, store } = startHost(dbPath, dir, log, exchangeDown);
  cleanup.push(() => store.close(), () => host.stop());
  await host.start();
  return host;
}

describe('the chosen connection across restarts', () => {
  it('reconnects at start to the connection chosen last, with its settings', async () => {
    const { dir, dbPath } = tempDb();
    const log: FeedChoice[] = [];
    const first = startHost(dbPath, dir, log);
    await first.host.start();
    expect((await first.host.handlers['feed.options']({})).saved).toBeNull();
    await first.host.handlers['feed.connect']({ source: 'exchange-sim', seed: 7 });
    await first.host.stop();
    first.store.close();

    log.length = 0;
    const second = await restart(dbPath, dir, log);
    // Straight to the saved choice: the default simulated market is never started.
    expect(log).toEqual([{ source: 'exchange-sim', seed: 7 }]);
    const options = await second.handlers['feed.options']({});
    expect(options.current).toEqual({ source: 'exchange-sim', seed: 7 });
    expect(options.restoreFailure).toBeNull();
  });

  it('keeps an exchange and its symbol; a replay is not a connection and is not kept', async () => {
    const { dir, dbPath } = tempDb();
    const log: FeedChoice[] = [];
    const first = startHost(dbPath, dir, log);
    await first.host.start();
    await first.host.handlers['feed.connect']({ source: 'exchange', exchange: 'bybit', symbol: 'ETH/USDT:USDT' });
    await first.host.handlers['feed.connect']({ source: 'replay', fromTs: 1_700_000_000_000, toTs: 1_700_000_060_000, speed: 10 });
    await first.host.stop();
    first.store.close();

    log.length = 0;
    const second = await restart(dbPath, dir, log);
    expect(log).toEqual([{ source: 'exchange', exchange: 'bybit', symbol: 'ETH/USDT:USDT' }]);
    expect((await second.handlers['feed.options']({})).current).toEqual({ source: 'exchange', exchange: 'bybit', symbol: 'ETH/USDT:USDT' });
  });

  it('falls back to the simulated market when the saved exchange cannot be reached, says why, and tries it again next start', async () => {
    const { dir, dbPath } = tempDb();
    const log: FeedChoice[] = [];
    const first = startHost(dbPath, dir, log);
    await first.host.start();
    const exchange: FeedChoice = { source: 'exchange', exchange: 'binanceusdm', symbol: 'BTC/USDT:USDT' };
    await first.host.handlers['feed.connect'](exchange);
    await first.host.stop();
    first.store.close();

    log.length = 0;
    const down = { value: true };
    const second = await restart(dbPath, dir, log, down);
    expect(log).toEqual([exchange, { source: 'sim', seed: 1 }]);
    const options = await second.handlers['feed.options']({});
    expect(options.current).toEqual({ source: 'sim', seed: 1 });
    expect(options.saved).toEqual(exchange);
    expect(options.restoreFailure).toEqual({ choice: exchange, error: 'could not load binanceusdm markets (is the internet reachable?): getaddrinfo ENOTFOUND' });
    expect((await second.handlers['app.info']({})).symbols).toEqual(['BTCUSDT']);
    await second.stop();

    // Still the trader's choice: the next start tries it again, and this time it works.
    log.length = 0;
    const third = await restart(dbPath, dir, log, { value: false });
    expect(log).toEqual([exchange]);
    expect((await third.handlers['feed.options']({})).restoreFailure).toBeNull();

    // Connecting something else clears the failure and becomes the saved choice.
    await third.handlers['feed.connect']({ source: 'sim', seed: 3 });
    const after = await third.handlers['feed.options']({});
    expect(after.saved).toEqual({ source: 'sim', seed: 3 });
  });
});
