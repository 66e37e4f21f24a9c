// The renderer's view of one market: bars, quote, recent trades, feed health and connection.
// Updates from the host are merged here; components subscribe to the slices they draw.

import { create } from 'zustand';
import type { EventPayload, RequestResult } from '../../../core/api/contract';
import type { Bar } from '../../../core/market/bars';
import type { Quote, Trade } from '../../../core/market/events';
import type { Instrument } from '../../../core/market/instrument';
import type { ConnectionState } from '../api/ws-transport';

const MAX_BARS = 1440;
const MAX_TRADES = 100;

export type FeedStatus = EventPayload<'feed.status'>;
export type ProfileLevels = NonNullable<EventPayload<'market.update'>['profile']>;
export type ReplayState = EventPayload<'replay.state'>;
export type FootprintPayload = EventPayload<'market.update'>['footprints'][number];
export type MinuteFeatures = NonNullable<EventPayload<'market.update'>['features']>;
export type PaperState = EventPayload<'paper.state'>;

export interface MarketState {
  instrument: Instrument | null;
  bars: Bar[];
  /** Incremented on every bar change so the chart knows to redraw. */
  barsVersion: number;
  quote: Quote | null;
  /** Newest first. */
  trades: Trade[];
  lastTrade: Trade | null;
  status: FeedStatus | null;
  /** The rolling 4-hour value area from the profile worker. */
  profile: ProfileLevels | null;
  /** Features of the latest closed minute with its auction context. */
  features: MinuteFeatures | null;
  /** The manual paper account of the connected feed. */
  paper: PaperState | null;
  /** Footprints by bar open time. */
  footprints: Map<number, FootprintPayload>;
  /** The replay clock, while the feed is a replay. */
  replay: ReplayState | null;
  /** Stored bars of a higher timeframe from before the session's first minute. */
  history: { timeframe: string; bars: Bar[] } | null;
  connection: ConnectionState;
  error: string | null;
  applySnapshot(snapshot: RequestResult<'market.snapshot'>): void;
  applyUpdate(update: EventPayload<'market.update'>): void;
  setStatus(status: FeedStatus): void;
  setConnection(state: ConnectionState): void;
  setError(message: string | null): void;
  setReplay(state: ReplayState | null): void;
  addFootprints(bars: readonly FootprintPayload[]): void;
  setPaper(state: PaperState | null): void;
  setHistory(history: { timeframe: string; bars: Bar[] } | null): void;
  /** Forgets the market shown (before another feed's snapshot arrives). */
  clear(): void;
}

/** Merges changed bars (oldest first) into a time-ordered series, replacing bars of equal time. */
export function mergeBars(bars: readonly Bar[], changed: readonly Bar[]): Bar[] {
  const out = bars.slice();
  for (const bar of changed) {
    const last = out[out.length - 1];
    if (!last || bar.ts > last.ts) out.push(bar);
    else if (bar.ts === last.ts) out[out.length - 1] = bar;
    else {
      let lo = 0;
      let hi = out.length - 1;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if ((out[mid] as Bar).ts < bar.ts) lo = mid + 1;
        else hi = mid;
      }
      if ((out[lo] as Bar).ts === bar.ts) out[lo] = bar;
      else out.splice(lo, 0, bar);
    }
  }
  return out.length > MAX_BARS ? out.slice(out.length - MAX_BARS) : out;
}

export const useMarketStore = create<MarketState>((set) => ({
  instrument: null,
  bars: [],
  barsVersion: 0,
  quote: null,
  trades: [],
  lastTrade: null,
  status: null,
  profile: null,
  replay: null,
  history: null,
  footprints: new Map(),
  features: null,
  paper: null,
  connection: 'connecting',
  error: null,
  applySnapshot: (snapshot) =>
    set((state) => ({
      instrument: snapshot.instrument,
      bars: snapshot.bars.slice(-MAX_BARS),
      quote: snapshot.quote,
      trades: snapshot.recentTrades.slice(-MAX_TRADES).reverse(),
      lastTrade: snapshot.recentTrades[snapshot.recentTrades.length - 1] ?? null,
      status: snapshot.status,
      profile: snapshot.profile,
      features: snapshot.features,
      barsVersion: state.barsVersion + 1,
      error: null,
    })),
  applyUpdate: (update) =>
    set((state) => {
      const next: Partial<MarketState> = {};
      if (update.bars.length > 0) {
        next.bars = mergeBars(state.bars, update.bars);
        next.barsVersion = state.barsVersion + 1;
      }
      if (update.quote) next.quote = update.quote;
      if (update.features) next.features = update.features;
      if (update.footprints.length > 0) {
        const footprints = new Map(state.footprints);
        for (const b of update.footprints) footprints.set(b.ts, b);
        next.footprints = footprints;
        next.barsVersion = (next.barsVersion ?? state.barsVersion) + 1;
      }
      if (update.profile) {
        next.profile = update.profile;
        // The level lines are drawn with the candles.
        next.barsVersion = (next.barsVersion ?? state.barsVersion) + 1;
      }
      if (update.trades.length > 0) {
        const newestFirst = update.trades.slice(-MAX_TRADES).reverse();
        next.trades = newestFirst.concat(state.trades).slice(0, MAX_TRADES);
        next.lastTrade = update.trades[update.trades.length - 1] ?? state.lastTrade;
      }
      return next;
    }),
  setStatus: (status) => set({ status }),
  setConnection: (connection) => set({ connection }),
  setError: (error) => set({ error }),
  setReplay: (replay) => set({ replay }),
  // Position lines are drawn on the chart: redraw it too.
  setPaper: (paper) => set((state) => ({ paper, barsVersion: state.barsVersion + 1 })),
  setHistory: (history) => set((state) => ({ history, barsVersion: state.barsVersion + 1 })),
  addFootprints: (bars) =>
    set((state) => {
      if (bars.length === 0) return {};
      const footprints = new Map(state.footprints);
      for (const b of bars) footprints.set(b.ts, b);
      // Keep the footprints of the bars still held.
      const oldest = state.bars[0]?.ts ?? -Infinity;
      for (const ts of footprints.keys()) if (ts < oldest) footprints.delete(ts);
      return { footprints, barsVersion: state.barsVersion + 1 };
    }),
  clear: () =>
    set((state) => ({ bars: [], barsVersion: state.barsVersion + 1, quote: null, trades: [], lastTrade: null, profile: null, status: null, footprints: new Map(), features: null, history: null })),
}));
