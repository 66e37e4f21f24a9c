// One symbol's live market state in the host: 1m bars built by the core bar builder, the
// latest quote, recent trades and the feed's health. Changes are pushed at most once per frame
// so a burst of trades costs the renderer one update; a trade after a quiet spell goes out at
// once (the trade-to-pixels latency is what a trader feels), only a busy feed waits for its frame.

import type { EventPayload, RequestResult } from '../../core/api/contract';
import type { Bar } from '../../core/market/bars';
import { MinuteBarBuilder } from '../../core/market/bars';
import type { MarketEvent, Quote, Trade } from '../../core/market/events';
import type { Instrument } from '../../core/market/instrument';
import type { FeedState, MarketFeed } from '../feeds/feed';
import { FootprintBuilder, type FootprintBar } from '../../core/profile/footprint';
import type { ProfileWorkerHost } from '../workers/profile-worker-host';
import type { LiveCapture } from './live-capture';
import { MinuteContext, type MinuteFeaturesPayload } from './minute-context';
import type { MinuteSnapshot } from '../../core/features/minute-feature-stream';
import type { HandlerParams } from '../../core/api/contract';
import type { MarketProfile } from '../../core/api/areas/market';
import { aggregateBins, type BaseHistogramView } from '../../core/profile/profile-levels';
import { defaultFootprintLevelTicks, footprintsProfile, readGridProfile, type GridProfile } from '../../core/profile/footprint-views';
import { SessionProfile } from '../../core/profile/session-profile';
import { etSession } from '../../core/profile/sessions';

export type ProfileLevelsPayload = NonNullable<EventPayload<'market.update'>['profile']>;
export type FootprintPayload = EventPayload<'market.update'>['footprints'][number];

export { defaultFootprintLevelTicks };

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
/** Naked POCs older than this are not drawn (a week of seed 004 sessions). */
const NAKED_POC_MAX_AGE_MS = 7 * 86_400_000;
const RECENT_TRADES = 200;
/** No event for this long and the feed is reported stale. */
const STALE_AFTER_MS = 5_000;
/** Least time between two pushes: one frame at 60 Hz. */
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
  private flushTimer: { cancel(): void } | null = null;
  /** Wall time of the last push; -Infinity before the first. */
  private lastFlushWallTs = -Infinity;
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
  /** Seed 004 session profile: developing levels, completed sessions and naked POCs. */
  private readonly sessionProfile: SessionProfile;
  private developingPocs: { ts: number; poc: number }[] = [];
  private developingKey = NaN;

  constructor(
    private readonly feed: MarketFeed,
    private readonly wallClock: () => number = Date.now,
    /** Computes the rolling profile off the main thread; optional so tests can leave it out. */
    private readonly profileWorker: ProfileWorkerHost | null = null,
    /** Writes the live ticks to the store; optional so tests and throwaway sessions skip it. */
    private readonly capture: LiveCapture | null = null,
  ) {
    const levelTicks = defaultFootprintLevelTicks(feed.instrument.tickSize);
    this.footprint = new FootprintBuilder({ levelTicks });
    this.sessionProfile = new SessionProfile(etSession, { baseBinTicks: 1, binTicks: levelTicks }, (minuteTs, profile) => {
      const developing = profile.developing();
      if (!developing?.levels.valid) return;
      if (developing.key !== this.developingKey) {
        this.developingKey = developing.key;
        this.developingPocs = [];
      }
      this.developingPocs.push({ ts: minuteTs, poc: developing.levels.poc });
    });
  }

  /** Hears each closed minute's bar and features (one listener: the host's condition alerts). */
  onMinuteClosed(listener: (snap: MinuteSnapshot) => void): () => void {
    this.context.onMinuteClosed = listener;
    return () => {
      if (this.context.onMinuteClosed === listener) this.context.onMinuteClosed = null;
    };
  }

  get symbol(): string {
    return this.feed.instrument.symbol;
  }

  get instrument(): Instrument {
    return this.feed.instrument;
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
    this.flushTimer?.cancel();
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
        this.sessionProfile.addTrade(event.trade.ts, event.trade.price, event.trade.size);
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

  /** The volume profile beside the chart, computed by the core profile code. */
  profileView(params: Omit<HandlerParams<'market.profile'>, 'symbol'>): MarketProfile {
    const levelTicks = this.footprint.config.levelTicks;
    const empty = (note: string, fromTs = 0, toTs = 0): MarketProfile => ({
      kind: params.kind, available: false, note, fromTs, toTs, binTicks: levelTicks, firstBinPrice: 0, volumes: [],
      poc: null, vah: null, val: null, hvn: [], lvn: [], developing: [], naked: [],
    });
    const withReading = (grid: GridProfile, base: Omit<MarketProfile, 'binTicks' | 'firstBinPrice' | 'volumes' | 'poc' | 'vah' | 'val' | 'hvn' | 'lvn'>): MarketProfile => {
      // Nodes on a profile smoothed over ~1/30 of its height: the peaks and troughs a trader sees.
      const reading = readGridProfile(grid, undefined, { smoothRadius: Math.max(1, Math.round(grid.volumes.length / 30)) });
      return {
        ...base,
        binTicks: grid.binTicks,
        firstBinPrice: grid.firstBinPrice,
        volumes: grid.volumes,
        poc: reading?.poc ?? null,
        vah: reading?.vah ?? null,
        val: reading?.val ?? null,
        hvn: reading?.hvn ?? [],
        lvn: reading?.lvn ?? [],
      };
    };
    const naked = this.sessionProfile
      .nakedPocs()
      .filter((p) => p.sessionLastMinute >= (this.lastEventTs ?? 0) - NAKED_POC_MAX_AGE_MS)
      .map((p) => ({ poc: p.poc, binTicks: p.binTicks, fromTs: p.sessionLastMinute, name: p.name }));
    if (this.lastEventTs === null) return empty('no trades yet');
    if (params.kind === 'rolling') {
      const worker = this.profileWorker;
      if (!worker) return empty('no profile worker in this session');
      return worker.read((view) => {
        const levels = view.levels;
        if (!levels.valid || view.histogram.length === 0) return empty('the rolling profile is building');
        const k = Math.max(1, Math.round(levels.binTicks));
        const source: BaseHistogramView = { volumes: view.histogram, origin: view.histogramOrigin, lo: view.histogramOrigin, hi: view.histogramOrigin + view.histogram.length - 1 };
        const out = new Float64Array(Math.floor(source.hi / k) - Math.floor(source.lo / k) + 1);
        const count = aggregateBins(source, k, out);
        const grid: GridProfile = { firstBinPrice: Math.floor(source.lo / k) * k, binTicks: k, volumes: Array.from(out.subarray(0, count)) };
        const toTs = view.lastClosedMinute + 60_000;
        const profile = withReading(grid, { kind: 'rolling', available: true, note: 'rolling 240 minutes', fromTs: toTs - 240 * 60_000, toTs, developing: [], naked });
        // The worker's value area is the one the strategies and the header use: keep it exact.
        return { ...profile, poc: levels.poc, vah: levels.vah, val: levels.val };
      });
    }
    if (params.kind === 'session') {
      const developing = this.sessionProfile.developing();
      if (!developing) return empty('between sessions (17:00-18:00 New York)');
      const view = this.sessionProfile.histogramView;
      if (view.lo > view.hi) return empty(`${developing.name} session: no closed minute yet`);
      const k = levelTicks;
      const out = new Float64Array(Math.floor(view.hi / k) - Math.floor(view.lo / k) + 1);
      const count = aggregateBins(view, k, out);
      const grid: GridProfile = { firstBinPrice: Math.floor(view.lo / k) * k, binTicks: k, volumes: Array.from(out.subarray(0, count)) };
      const profile = withReading(grid, {
        kind: 'session', available: true, note: `${developing.name} session`, fromTs: developing.firstMinute, toTs: developing.lastMinute + 60_000,
        developing: this.developingKey === developing.key ? this.developingPocs.slice() : [], naked,
      });
      // The session's own levels (the same core LevelsCalculator the strategies read).
      return developing.levels.valid ? { ...profile, poc: developing.levels.poc, vah: developing.levels.vah, val: developing.levels.val } : profile;
    }
    const fromTs = params.fromTs ?? 0;
    const toTs = params.toTs ?? Number.MAX_SAFE_INTEGER;
    const { bars } = this.footprintRange(fromTs, toTs);
    const grid = footprintsProfile(bars);
    if (!grid || grid.volumes.length === 0) return empty('no trades in the visible range', fromTs, toTs);
    return withReading(grid, { kind: 'range', available: true, note: 'visible range', fromTs: bars[0]!.ts, toTs: bars[bars.length - 1]!.ts + 60_000, developing: [], naked });
  }

  private closeBar(bar: Bar): void {
    this.capture?.recordClosedBar(bar);
    this.bars.push(bar);
    if (this.bars.length > MAX_BARS) this.bars.splice(0, this.bars.length - MAX_BARS);
    this.pendingBars.set(bar.ts, bar);
  }

  /**
   * Idle (nothing pushed for a frame): push right after the events delivered in this turn of the
   * event loop (setImmediate coalesces a feed's back-to-back callbacks). Busy: push one frame
   * after the previous push, with everything that arrived meanwhile.
   */
  private scheduleFlush(): void {
    if (this.flushTimer) return;
    const wait = this.lastFlushWallTs + FLUSH_MS - this.wallClock();
    if (wait <= 0) {
      const immediate = setImmediate(() => this.flush());
      this.flushTimer = { cancel: () => clearImmediate(immediate) };
    } else {
      const timer = setTimeout(() => this.flush(), wait);
      this.flushTimer = { cancel: () => clearTimeout(timer) };
    }
  }

  private flush(): void {
    this.flushTimer?.cancel();
    this.flushTimer = null;
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
    this.lastFlushWallTs = this.wallClock();
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
