// One symbol's live market state in the host: 1m bars built by the core bar builder, the
// latest quote, recent trades and the feed's health. Changes are batched and pushed at most
// once per frame so a burst of trades costs the renderer one update.

import type { EventPayload, RequestResult } from '../../core/api/contract';
import type { Bar } from '../../core/market/bars';
import { MinuteBarBuilder } from '../../core/market/bars';
import type { MarketEvent, Quote, Trade } from '../../core/market/events';
import type { FeedState, MarketFeed } from '../feeds/feed';
import { FootprintBuilder, type FootprintBar } from '../../core/profile/footprint';
import type { ProfileWorkerHost } from '../workers/profile-worker-host';
import type { LiveCapture } from './live-capture';
import { MinuteContext, type MinuteFeaturesPayload } from './minute-context';

export type ProfileLevelsPayload = NonNullable<EventPayload<'market.update'>['profile']>;
export type FootprintPayload = EventPayload<'market.update'>['footprints'][number];

/** Footprint levels for the chart: one USD for BTC (10 ticks of 0.1), one tick elsewhere. */
export function defaultFootprintLevelTicks(tickSize: number): number {
  return tickSize < 1 ? Math.max(1, Math.round(1 / tickSize)) : 1;
}

function footprintPayload(bar: FootprintBar): FootprintPayload {
  return {
    ts: bar.ts,
    levelTicks: bar.levelTicks,
    firstLevelPrice: bar.firstLevelPrice,
    bid: Array.from(bar.bid),
    ask: Array.from(bar.ask),
    pocPrice: bar.pocPrice,
    volume: bar.totalVolume,
    delta: bar.delta,
    maxDelta: bar.maxDelta,
    minDelta: bar.minDelta,
  };
}

const MAX_BARS = 1440;
const RECENT_TRADES = 200;
/** No event for this long and the feed is reported stale. */
const STALE_AFTER_MS = 5_000;
/** Push cadence: one frame at 60 Hz. */
const FLUSH_MS = 16;

export interface MarketSessionListener {
  onUpdate(update: EventPayload<'market.update'>): void;
  onStatus(status: EventPayload<'feed.status'>): void;
}

export class MarketSession {
  private readonly builder = new MinuteBarBuilder();
  private readonly bars: Bar[] = [];
  private readonly recentTrades: Trade[] = [];
  private quote: Quote | null = null;
  private state: FeedState = 'connecting';
  private message = 'starting';
  private lastEventTs: number | null = null;
  private lastEventWallTs = 0;

  private pendingTrades: Trade[] = [];
  private pendingBars = new Map<number, Bar>();
  private quoteChanged = false;
  private flushTimer: ReturnType<typeof setTimeout> | null = null;
  private staleTimer: ReturnType<typeof setInterval> | null = null;
  private readonly listeners = new Set<MarketSessionListener>();
  private readonly taps = new Set<(events: readonly MarketEvent[]) => void>();

  private readonly footprint: FootprintBuilder;
  private readonly context = new MinuteContext();
  private pendingFeatures: MinuteFeaturesPayload | null = null;
  private readonly footprints: FootprintPayload[] = [];
  private pendingFootprints = new Map<number, FootprintPayload>();
  private footprintChanged = false;
  private profileVersion = -1;
  private profile: ProfileLevelsPayload | null = null;

  constructor(
    private readonly feed: MarketFeed,
    private readonly wallClock: () => number = Date.now,
    /** Computes the rolling profile off the main thread; optional so tests can leave it out. */
    private readonly profileWorker: ProfileWorkerHost | null = null,
    /** Writes the live ticks to the store; optional so tests and throwaway sessions skip it. */
    private readonly capture: LiveCapture | null = null,
  ) {
    this.footprint = new FootprintBuilder({ levelTicks: defaultFootprintLevelTicks(feed.instrument.tickSize) });
  }

  get symbol(): string {
    return this.feed.instrument.symbol;
  }

  start(): void {
    this.feed.start({
      onEvents: (events) => this.applyEvents(events),
      onState: (state, message) => this.setState(state, message),
    });
    this.staleTimer = setInterval(() => this.checkStale(), 1_000);
    this.capture?.start();
  }

  stop(): void {
    this.feed.stop();
    void this.profileWorker?.terminate();
    this.capture?.stop();
    if (this.flushTimer) clearTimeout(this.flushTimer);
    if (this.staleTimer) clearInterval(this.staleTimer);
    this.flushTimer = null;
    this.staleTimer = null;
    this.setState('disconnected', 'stopped');
  }

  /** Raw market events as the feed delivers them (the paper account trades on them). */
  tap(listener: (events: readonly MarketEvent[]) => void): () => void {
    this.taps.add(listener);
    return () => this.taps.delete(listener);
  }

  subscribe(listener: MarketSessionListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  snapshot(): RequestResult<'market.snapshot'> {
    // Send what is pending first, so that every update after the snapshot is new to its reader
    // and the snapshot holds no trade an earlier update will repeat.
    this.flush();
    const forming = this.builder.openBar();
    return {
      instrument: { ...this.feed.instrument },
      bars: forming ? [...this.bars, forming] : [...this.bars],
      quote: this.quote,
      recentTrades: [...this.recentTrades],
      status: this.status(),
      profile: this.readProfile() ?? this.profile,
      features: this.context.current,
    };
  }

  status(): EventPayload<'feed.status'> {
    return {
      source: this.feed.source,
      symbol: this.symbol,
      state: this.state,
      lastEventTs: this.lastEventTs,
      message: this.message,
    };
  }

  private applyEvents(events: readonly MarketEvent[]): void {
    this.sendTradesToWorker(events);
    this.capture?.record(events);
    for (const tap of this.taps) tap(events);
    for (const event of events) {
      if (event.kind === 'trade') {
        const closed = this.builder.onTrade(event.trade);
        if (closed) this.closeBar(closed);
        const features = this.context.onTrade(event.trade);
        if (features) this.pendingFeatures = features;
        const closedFootprint = this.footprint.addTrade(event.trade.ts, event.trade.price, event.trade.size, event.trade.side);
        if (closedFootprint) this.closeFootprint(closedFootprint);
        this.footprintChanged = true;
        this.recentTrades.push(event.trade);
        this.pendingTrades.push(event.trade);
        this.lastEventTs = event.trade.ts;
      } else {
        const closed = this.builder.onQuote(event.quote);
        if (closed) this.closeBar(closed);
        const features = this.context.onQuote(event.quote);
        if (features) this.pendingFeatures = features;
        this.quote = event.quote;
        this.quoteChanged = true;
        this.lastEventTs = event.quote.ts;
      }
    }
    if (this.recentTrades.length > RECENT_TRADES) {
      this.recentTrades.splice(0, this.recentTrades.length - RECENT_TRADES);
    }
    if (this.pendingTrades.length > RECENT_TRADES) {
      this.pendingTrades = this.pendingTrades.slice(-RECENT_TRADES);
    }
    const forming = this.builder.openBar();
    if (forming) this.pendingBars.set(forming.ts, forming);
    this.lastEventWallTs = this.wallClock();
    if (this.state === 'stale') this.setState('live', 'data flowing again');
    this.scheduleFlush();
  }

  /** Trades go to the profile worker as one columnar batch (buffers transferred, no copy). */
  private sendTradesToWorker(events: readonly MarketEvent[]): void {
    if (!this.profileWorker) return;
    let n = 0;
    for (const e of events) if (e.kind === 'trade') n++;
    if (n === 0) return;
    const batch = { length: n, ts: new Float64Array(n), price: new Float64Array(n), size: new Float64Array(n), side: new Int8Array(n) };
    let i = 0;
    for (const e of events) {
      if (e.kind !== 'trade') continue;
      batch.ts[i] = e.trade.ts;
      batch.price[i] = e.trade.price;
      batch.size[i] = e.trade.size;
      batch.side[i] = e.trade.side;
      i++;
    }
    this.profileWorker.addTrades(batch);
  }

  /** The worker's latest value area when it published since the last read, else null. */
  private readProfile(): ProfileLevelsPayload | null {
    const worker = this.profileWorker;
    if (!worker || worker.version === this.profileVersion) return null;
    this.profileVersion = worker.version;
    this.profile = worker.read((view) => ({
      valid: view.levels.valid,
      poc: view.levels.valid ? view.levels.poc : 0,
      vah: view.levels.valid ? view.levels.vah : 0,
      val: view.levels.valid ? view.levels.val : 0,
      binTicks: view.levels.binTicks,
      coverage: view.levels.valid ? view.levels.coverage : 0,
      minuteTs: Number.isFinite(view.lastClosedMinute) ? view.lastClosedMinute : 0,
    }));
    return this.profile;
  }

  private closeFootprint(bar: FootprintBar): void {
    const payload = footprintPayload(bar);
    this.footprints.push(payload);
    if (this.footprints.length > MAX_BARS) this.footprints.splice(0, this.footprints.length - MAX_BARS);
    this.pendingFootprints.set(payload.ts, payload);
  }

  /** Footprints of the closed and forming bars with from <= ts < to. */
  footprintRange(fromTs: number, toTs: number): { levelTicks: number; bars: FootprintPayload[] } {
    const forming = this.footprint.openBar();
    const all = forming ? [...this.footprints, footprintPayload(forming)] : this.footprints;
    return { levelTicks: this.footprint.config.levelTicks, bars: all.filter((b) => b.ts >= fromTs && b.ts < toTs) };
  }

  private closeBar(bar: Bar): void {
    this.capture?.recordClosedBar(bar);
    this.bars.push(bar);
    if (this.bars.length > MAX_BARS) this.bars.splice(0, this.bars.length - MAX_BARS);
    this.pendingBars.set(bar.ts, bar);
  }

  private scheduleFlush(): void {
    if (this.flushTimer) return;
    this.flushTimer = setTimeout(() => this.flush(), FLUSH_MS);
  }

  private flush(): void {
    if (this.flushTimer) {
      clearTimeout(this.flushTimer);
      this.flushTimer = null;
    }
    const profile = this.readProfile();
    if (this.footprintChanged) {
      const forming = this.footprint.openBar();
      if (forming) this.pendingFootprints.set(forming.ts, footprintPayload(forming));
      this.footprintChanged = false;
    }
    if (this.pendingTrades.length === 0 && this.pendingBars.size === 0 && !this.quoteChanged && !profile && this.pendingFootprints.size === 0 && !this.pendingFeatures) return;
    const bars = [...this.pendingBars.values()].sort((a, b) => a.ts - b.ts);
    // A history burst can close hundreds of bars; the renderer only needs the newest ones
    // beyond what a snapshot gives it.
    const update: EventPayload<'market.update'> = {
      symbol: this.symbol,
      trades: this.pendingTrades,
      quote: this.quoteChanged ? this.quote : null,
      bars: bars.slice(-MAX_BARS),
      profile,
      // A history burst closes many bars: the client asks for their footprints when it needs them.
      footprints: [...this.pendingFootprints.values()].sort((a, b) => a.ts - b.ts).slice(-2),
      features: this.pendingFeatures,
    };
    this.pendingFeatures = null;
    this.pendingFootprints = new Map();
    this.pendingTrades = [];
    this.pendingBars = new Map();
    this.quoteChanged = false;
    for (const listener of this.listeners) listener.onUpdate(update);
  }

  private checkStale(): void {
    const limit = this.feed.staleAfterMs === undefined ? STALE_AFTER_MS : this.feed.staleAfterMs;
    if (limit !== null && this.state === 'live' && this.wallClock() - this.lastEventWallTs > limit) {
      this.setState('stale', `no market data for ${Math.round(limit / 1000)} s`);
    }
  }

  private setState(state: FeedState, message: string): void {
    this.state = state;
    this.message = message;
    const status = this.status();
    for (const listener of this.listeners) listener.onStatus(status);
  }
}
