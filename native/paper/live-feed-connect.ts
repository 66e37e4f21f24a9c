// Connects a paper run's ccxt feed — the local exchange simulator (a running one, or one started
// for the run) or a real exchange through ccxt.pro — and drives the run on it. Shared by
// `auctioneer paper` and the app's strategy runs.

import { createStreamClient, instrumentFor } from '../feeds/ccxt/ccxt-client';
import { CcxtLiveFeed } from '../feeds/ccxt/live-stream';
import { runExchangeSim } from '../feeds/exchange-sim/cli';
import { LiveFeedRunner, type LiveFeedRunnerOptions } from './live-feed-runner';
import { PaperRun, type PaperRunConfig } from './paper-run';

export type CcxtFeed = Extract<PaperRunConfig['feed'], { kind: 'ccxt' }>;

export interface LiveConnectOptions extends Pick<LiveFeedRunnerOptions, 'raise' | 'onBatch' | 'until'> {
  /** A running `auctioneer exchange-sim`; without it one is started for the run. */
  readonly exchangeUrl?: string;
  /** Seed of the exchange simulator started for the run. */
  readonly seed: number;
}

export async function connectLiveRunner(run: PaperRun, feed: CcxtFeed, o: LiveConnectOptions): Promise<LiveFeedRunner> {
  const sim = feed.venue === 'exchange-sim' && o.exchangeUrl === undefined ? await runExchangeSim({ port: 0, seed: o.seed }) : null;
  try {
    const url = feed.venue === 'exchange-sim' ? (o.exchangeUrl ?? sim?.url) : undefined;
    const client = await createStreamClient({ exchangeId: feed.exchange, ...(url !== undefined ? { exchangeUrl: url } : {}) });
    const instrument = await instrumentFor(client, feed.symbol).catch(async (error: unknown) => {
      await client.close();
      throw new Error(`could not load ${feed.exchange} ${feed.symbol}: ${error instanceof Error ? error.message : String(error)}`);
    });
    if (instrument.tickSize !== PaperRun.instrument.tickSize) {
      await client.close();
      throw new Error(`${feed.symbol} trades in ticks of ${instrument.tickSize}; paper runs trade ${PaperRun.instrument.symbol} (tick ${PaperRun.instrument.tickSize})`);
    }
    // A restarted run catches up: the trades it missed while down are fetched over REST first.
    const resumeAfter = run.lastTrade();
    const live = new CcxtLiveFeed({ client, symbol: feed.symbol, instrument, ...(resumeAfter ? { resumeAfter } : {}) });
    return new LiveFeedRunner(run, live, {
      raise: o.raise,
      ...(o.onBatch ? { onBatch: o.onBatch } : {}),
      ...(o.until !== undefined ? { until: o.until } : {}),
      close: async () => {
        await live.close();
        await sim?.close();
      },
    });
  } catch (error) {
    await sim?.close();
    throw error;
  }
}
