// The feed sources of the app: the built-in simulated market, the local exchange simulator
// reached through the real ccxt client (the same code path as a real exchange), and a real
// exchange through ccxt.pro (needs the internet; not reachable on CI machines).

import { BTCUSDT_PERP } from '../../core/market/instrument';
import { createStreamClient, instrumentFor } from '../feeds/ccxt/ccxt-client';
import { CcxtLiveFeed } from '../feeds/ccxt/live-stream';
import { runExchangeSim } from '../feeds/exchange-sim/cli';
import { LiveSimFeed } from '../feeds/sim/live-sim-feed';
import { ReplayFeed } from '../feeds/replay/replay-feed';
import type { Store } from '../store/store';
import type { FeedProviders, ProvidedFeed } from './feed-provider';

const SIM_SYMBOL = 'BTC/USDT:USDT';

/** The instrument replays read from the store. */
const REPLAY_INSTRUMENT = BTCUSDT_PERP;

export function appFeedProviders(historyMinutes: number, store: Store | null = null): FeedProviders {
  return {
    sources: [
      { source: 'sim', available: true, note: 'built-in simulated BTCUSDT perpetual' },
      { source: 'exchange-sim', available: true, note: 'local Binance USD-M simulator on 127.0.0.1, through ccxt' },
      { source: 'exchange', available: true, note: 'a real exchange through ccxt.pro (needs internet access)' },
      { source: 'replay', available: store !== null, note: store ? 'stored ticks on the replay clock' : 'needs a store' },
    ],
    provide: async (choice, context): Promise<ProvidedFeed> => {
      if (choice.source === 'replay') {
        if (!store) throw new Error('replay needs a store with imported or captured ticks');
        const id = store.ensureInstrument(REPLAY_INSTRUMENT);
        const trades = store.loadTrades(id, choice.fromTs, choice.toTs);
        const quotes = store.loadQuotes(id, choice.fromTs, choice.toTs);
        if (trades.length === 0) throw new Error(`no stored trades between ${new Date(choice.fromTs).toISOString()} and ${new Date(choice.toTs).toISOString()}`);
        const feed = new ReplayFeed({
          instrument: REPLAY_INSTRUMENT,
          trades,
          quotes,
          fromTs: choice.fromTs,
          toTs: choice.toTs,
          speed: choice.speed,
          ...(choice.startAt !== undefined ? { startAt: choice.startAt } : {}),
          onState: context.onReplayState,
        });
        return { feed, replay: feed, dispose: async () => feed.stop() };
      }
      if (choice.source === 'sim') {
        return { feed: new LiveSimFeed({ instrument: BTCUSDT_PERP, seed: choice.seed, historyMinutes }), dispose: async () => {} };
      }
      if (choice.source === 'exchange-sim') {
        const sim = await runExchangeSim({ port: 0, seed: choice.seed, historyMinutes });
        try {
          const client = await createStreamClient({ exchangeId: 'binanceusdm', exchangeUrl: sim.url });
          const feed = new CcxtLiveFeed({ client, symbol: SIM_SYMBOL, instrument: await instrumentFor(client, SIM_SYMBOL) });
          return {
            feed,
            dispose: async () => {
              await feed.close();
              await sim.close();
            },
          };
        } catch (error) {
          await sim.close();
          throw error;
        }
      }
      const client = await createStreamClient({ exchangeId: choice.exchange });
      let instrument;
      try {
        instrument = await instrumentFor(client, choice.symbol);
      } catch (error) {
        await client.close();
        throw new Error(`could not load ${choice.exchange} markets (is the internet reachable?): ${error instanceof Error ? error.message : String(error)}`);
      }
      const feed = new CcxtLiveFeed({ client, symbol: choice.symbol, instrument });
      return { feed, dispose: () => feed.close() };
    },
  };
}
