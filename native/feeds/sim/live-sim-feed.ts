// Streams the simulated market in real time: on start it delivers the recent history at once
// (so the chart opens with candles), then every event as the wall clock reaches it.

import type { MarketEvent } from '../../../core/market/events';
import type { Instrument } from '../../../core/market/instrument';
import type { FeedSink, MarketFeed } from '../feed';
import { defaultSimConfig, SimulatedMarket, type SimulatedMarketConfig } from './simulated-market';

export interface LiveSimFeedOptions {
  readonly instrument: Instrument;
  readonly seed: number;
  /** Minutes of history generated before "now" on start. */
  readonly historyMinutes: number;
  /** How often the feed releases due events, ms. */
  readonly pollMs?: number;
  readonly now?: () => number;
  readonly overrides?: Partial<SimulatedMarketConfig>;
}

export class LiveSimFeed implements MarketFeed {
  readonly source = 'sim';
  readonly instrument: Instrument;
  private readonly options: LiveSimFeedOptions;
  private timer: ReturnType<typeof setInterval> | null = null;

  constructor(options: LiveSimFeedOptions) {
    this.options = options;
    this.instrument = options.instrument;
  }

  start(sink: FeedSink): void {
    if (this.timer) throw new Error('simulated feed already started');
    const now = this.options.now ?? Date.now;
    const startTs = now() - this.options.historyMinutes * 60_000;
    const market = new SimulatedMarket(
      defaultSimConfig(this.instrument, { ...this.options.overrides, seed: this.options.seed, startTs }),
    );
    sink.onState('connecting', 'generating simulated history');
    const release = (): void => {
      const batch: MarketEvent[] = [];
      market.emitUntil(now(), (e) => batch.push(e));
      if (batch.length > 0) sink.onEvents(batch);
    };
    release();
    sink.onState('live', `simulated market, seed ${this.options.seed}`);
    this.timer = setInterval(release, this.options.pollMs ?? 20);
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }
}
