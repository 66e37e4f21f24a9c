// Replays stored ticks as a live feed on the replay clock: the chart, profiles, panels and paper
// orders downstream see exactly what they would have seen live, at 1x to 1000x, paused,
// stepped a bar at a time or moved to a time.

import { ReplayClock, type ReplayState } from '../../../core/engine/replay-clock';
import type { QuoteColumns, TradeColumns } from '../../../core/market/columns';
import type { MarketEvent } from '../../../core/market/events';
import type { Instrument } from '../../../core/market/instrument';
import type { FeedSink, MarketFeed } from '../feed';

export interface ReplayFeedOptions {
  readonly instrument: Instrument;
  readonly trades: TradeColumns;
  readonly quotes: QuoteColumns;
  readonly fromTs: number;
  readonly toTs: number;
  /** Start here (paused) instead of at fromTs: how a backward jump is replayed. */
  readonly startAt?: number;
  readonly speed?: number;
  readonly now?: () => number;
  readonly onState?: (state: ReplayState) => void;
  readonly pollMs?: number;
}

export class ReplayFeed implements MarketFeed {
  readonly source = 'replay';
  readonly instrument: Instrument;
  /** Pauses are normal in a replay: the session must not call them stale. */
  readonly staleAfterMs = null;
  private readonly clock: ReplayClock;
  private readonly now: () => number;
  private sink: FeedSink | null = null;
  private timer: ReturnType<typeof setInterval> | null = null;
  private nextTrade = 0;
  private nextQuote = 0;
  private lastPublished = 0;

  constructor(private readonly o: ReplayFeedOptions) {
    this.instrument = o.instrument;
    this.now = o.now ?? Date.now;
    this.clock = new ReplayClock(o.fromTs, o.toTs, this.now());
    if (o.speed !== undefined) this.clock.setSpeed(o.speed, this.now());
    // Skip what lies before the range.
    while (this.nextTrade < o.trades.length && (o.trades.ts[this.nextTrade] as number) < o.fromTs) this.nextTrade++;
    while (this.nextQuote < o.quotes.length && (o.quotes.ts[this.nextQuote] as number) < o.fromTs) this.nextQuote++;
  }

  start(sink: FeedSink): void {
    this.sink = sink;
    sink.onState('live', `replay ${new Date(this.o.fromTs).toISOString()} to ${new Date(this.o.toTs).toISOString()}`);
    if (this.o.startAt !== undefined && this.o.startAt > this.o.fromTs) {
      this.clock.jump(this.o.startAt, this.now());
      this.release(this.o.startAt);
    }
    this.publish(true);
    this.timer = setInterval(() => this.poll(), this.o.pollMs ?? 16);
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    this.sink = null;
  }

  state(): ReplayState {
    return this.clock.state();
  }

  play(): ReplayState {
    this.clock.play(this.now());
    return this.publish(true);
  }

  pause(): ReplayState {
    this.clock.pause(this.now());
    this.release(this.clock.state().marketTs);
    return this.publish(true);
  }

  setSpeed(speed: number): ReplayState {
    this.clock.setSpeed(speed, this.now());
    return this.publish(true);
  }

  step(): ReplayState {
    this.release(this.clock.step(this.now()));
    return this.publish(true);
  }

  /** A forward jump releases the events in between; a backward one is refused here (see host). */
  jump(ts: number): { state: ReplayState; backwards: boolean } {
    const current = this.clock.state().marketTs;
    if (ts < current) return { state: this.clock.state(), backwards: true };
    this.clock.jump(ts, this.now());
    this.release(ts);
    return { state: this.publish(true), backwards: false };
  }

  private poll(): void {
    const wasPlaying = this.clock.state().playing;
    this.release(this.clock.tick(this.now()));
    // Reaching the end stops the clock: say so, with the final time.
    this.publish(wasPlaying && !this.clock.state().playing);
  }

  /** Sends every event at or before `ts`, quotes before trades of the same millisecond. */
  private release(ts: number): void {
    const sink = this.sink;
    if (!sink) return;
    const { trades: t, quotes: q } = this.o;
    const batch: MarketEvent[] = [];
    for (;;) {
      const tradeTs = this.nextTrade < t.length ? (t.ts[this.nextTrade] as number) : Infinity;
      const quoteTs = this.nextQuote < q.length ? (q.ts[this.nextQuote] as number) : Infinity;
      if (Math.min(tradeTs, quoteTs) > ts) break;
      if (quoteTs <= tradeTs) {
        const j = this.nextQuote++;
        batch.push({ kind: 'quote', quote: { ts: quoteTs, bidPrice: q.bidPrice[j] as number, bidSize: q.bidSize[j] as number, askPrice: q.askPrice[j] as number, askSize: q.askSize[j] as number } });
      } else {
        const i = this.nextTrade++;
        batch.push({ kind: 'trade', trade: { ts: tradeTs, price: t.price[i] as number, size: t.size[i] as number, side: t.side[i] as -1 | 0 | 1 } });
      }
    }
    if (batch.length > 0) sink.onEvents(batch);
  }

  /** Tells the UI where the replay is: on every control, and four times a second while playing. */
  private publish(force: boolean): ReplayState {
    const state = this.clock.state();
    const wall = this.now();
    if (force || (state.playing && wall - this.lastPublished >= 250)) {
      this.lastPublished = wall;
      this.o.onState?.(state);
    }
    return state;
  }
}
