// What every market data source (simulated market, local exchange simulator, ccxt stream)
// offers the host: start delivering batches of events in time order, report its health, stop.

import type { MarketEvent } from '../../core/market/events';
import type { Instrument } from '../../core/market/instrument';

export type FeedState = 'connecting' | 'live' | 'stale' | 'disconnected';

export interface FeedSink {
  /** A batch of events in time order; history comes first as one large batch. */
  onEvents(events: readonly MarketEvent[]): void;
  onState(state: FeedState, message: string): void;
}

export interface MarketFeed {
  readonly source: string;
  readonly instrument: Instrument;
  /** No event for this long means stale (default 5 s); null for feeds that pause (replays). */
  readonly staleAfterMs?: number | null;
  start(sink: FeedSink): void;
  stop(): void;
}
