// A feed that delivers exactly the events a test hands it, when the test says so.

import type { MarketEvent } from '../../core/market/events';
import { BTCUSDT_PERP, type Instrument } from '../../core/market/instrument';
import type { FeedSink, FeedState, MarketFeed } from '../../native/feeds/feed';
import { Host } from '../../native/host/host';
import { MarketSession } from '../../native/host/market-session';

export class ScriptedFeed implements MarketFeed {
  readonly source = 'scripted';
  readonly instrument: Instrument = BTCUSDT_PERP;
  private sink: FeedSink | null = null;

  start(sink: FeedSink): void {
    this.sink = sink;
    sink.onState('live', 'scripted');
  }

  stop(): void {
    this.sink = null;
  }

  push(...events: MarketEvent[]): void {
    this.sink?.onEvents(events);
  }

  state(state: FeedState, message: string): void {
    this.sink?.onState(state, message);
  }
}

/** A started host whose market is a ScriptedFeed (no worker, no capture). */
export async function scriptedHost(feed: ScriptedFeed = new ScriptedFeed()): Promise<{ host: Host; feed: ScriptedFeed }> {
  const host = new Host({
    shell: 'web',
    version: '0.0.0-test',
    feeds: {
      provide: async () => ({ feed, dispose: async () => {} }),
      sources: [{ source: 'sim', available: true, note: 'scripted' }],
    },
    initialFeed: { source: 'sim', seed: 1 },
    createSession: (f) => new MarketSession(f),
    replayInstrument: BTCUSDT_PERP,
  });
  await host.start();
  return { host, feed };
}
