// A feed that delivers exactly the events a test hands it, when the test says so.

import type { MarketEvent } from '../../core/market/events';
import { BTCUSDT_PERP, type Instrument } from '../../core/market/instrument';
import type { FeedSink, FeedState, MarketFeed } from '../../native/feeds/feed';

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
