// What the chart asks the host for: the volume profile of the chosen kind (refreshed every
// couple of seconds, and when the visible range moves for the range profile), the footprints of
// bars it shows but has not received, and the strategies' signals as they are emitted.

import { useEffect, useRef } from 'react';
import type uPlot from 'uplot';
import type { AuctioneerApi } from '../../../core/api/contract';
import { useMarketStore } from '../store/market-store';
import type { FootprintSource } from './chart-data';
import { useChartStore, type ChartTimeframe } from './chart-store';
import type { ChartView } from './CandleChart';

const PROFILE_REFRESH_MS = 2_000;
/** How far back the higher timeframes reach into the store: a month of hours, a quarter of 4h, a year of days. */
const HISTORY_LIMIT: Partial<Record<ChartTimeframe, number>> = { '1h': 720, '4h': 540, '1d': 365 };
const RANGE_DEBOUNCE_MS = 250;

export interface ChartFeeds {
  attach(footprints: FootprintSource, plot: uPlot): void;
  detach(): void;
  /** After each draw: asks for footprints the draw found missing. */
  afterDraw(): void;
  /** The visible range changed (pan, zoom). */
  viewChanged(): void;
}

export function useChartFeeds(api: AuctioneerApi | undefined, timeframe: ChartTimeframe, _view: ChartView): ChartFeeds {
  const state = useRef<{ footprints: FootprintSource | null; plot: uPlot | null; requested: Set<number>; fetching: boolean; rangeTimer: ReturnType<typeof setTimeout> | null }>({
    footprints: null,
    plot: null,
    requested: new Set(),
    fetching: false,
    rangeTimer: null,
  });
  const feeds = useRef<ChartFeeds | null>(null);

  const loadProfile = useRef(async (): Promise<void> => {});
  loadProfile.current = async () => {
    const symbol = useMarketStore.getState().instrument?.symbol;
    if (!api || !symbol) return;
    const kind = useChartStore.getState().profileKind;
    const plot = state.current.plot;
    let range: { fromTs?: number; toTs?: number } = {};
    if (kind === 'range') {
      const min = plot?.scales.x?.min;
      const max = plot?.scales.x?.max;
      if (min == null || max == null) return;
      range = { fromTs: Math.floor(min * 1000), toTs: Math.ceil(max * 1000) };
    }
    try {
      const profile = await api.request('market.profile', { symbol, kind, ...range });
      // A reply for a kind no longer chosen is dropped.
      if (useChartStore.getState().profileKind === kind) useChartStore.getState().setProfile(profile);
    } catch {
      // The market may be switching feeds; the next refresh asks again.
    }
  };

  // The stored history behind the session, asked once per market, timeframe and first minute.
  const historyKey = useRef('');
  const loadHistory = useRef(async (): Promise<void> => {});
  loadHistory.current = async () => {
    const { instrument, bars } = useMarketStore.getState();
    const symbol = instrument?.symbol;
    const limit = HISTORY_LIMIT[timeframe];
    const first = bars[0]?.ts;
    if (!api || !symbol || first === undefined) return;
    if (!limit || timeframe === '1m' || timeframe === '5m' || timeframe === '15m') {
      historyKey.current = '';
      if (useMarketStore.getState().history) useMarketStore.getState().setHistory(null);
      return;
    }
    const key = `${symbol}/${timeframe}/${first}`;
    if (historyKey.current === key) return;
    historyKey.current = key;
    try {
      const { bars: stored } = await api.request('market.history', { symbol, timeframe, toTs: first, limit });
      // Dropped if the trader moved on to another timeframe or market meanwhile.
      if (historyKey.current === key) useMarketStore.getState().setHistory({ timeframe, bars: stored });
    } catch {
      historyKey.current = '';
    }
  };

  if (!feeds.current) {
    feeds.current = {
      attach: (footprints, plot) => {
        state.current.footprints = footprints;
        state.current.plot = plot;
        void loadProfile.current();
      },
      detach: () => {
        state.current.footprints = null;
        state.current.plot = null;
      },
      afterDraw: () => {
        const s = state.current;
        const missing = s.footprints?.takeMissing() ?? [];
        const symbol = useMarketStore.getState().instrument?.symbol;
        if (!api || !symbol || s.fetching) return;
        const wanted = missing.filter((ts) => !s.requested.has(ts));
        if (wanted.length === 0) return;
        const fromTs = Math.min(...wanted);
        const toTs = Math.max(...wanted) + 60_000;
        for (const ts of wanted) s.requested.add(ts);
        s.fetching = true;
        api
          .request('market.footprint', { symbol, fromTs, toTs })
          .then(({ bars }) => useMarketStore.getState().addFootprints(bars))
          .catch(() => undefined)
          .finally(() => {
            s.fetching = false;
          });
      },
      viewChanged: () => {
        const s = state.current;
        if (useChartStore.getState().profileKind !== 'range') return;
        if (s.rangeTimer) clearTimeout(s.rangeTimer);
        s.rangeTimer = setTimeout(() => void loadProfile.current(), RANGE_DEBOUNCE_MS);
      },
    };
  }

  useEffect(() => {
    if (!api) return;
    const offSignal = api.on('strategies.signal', (signal) => useChartStore.getState().addSignal(signal));
    const offReset = api.on('market.reset', () => {
      useChartStore.getState().clearMarket();
      state.current.requested.clear();
    });
    const timer = setInterval(() => void loadProfile.current(), PROFILE_REFRESH_MS);
    const offKind = useChartStore.subscribe((s, prev) => {
      if (s.profileKind !== prev.profileKind) {
        useChartStore.getState().setProfile(null);
        void loadProfile.current();
      }
    });
    // The first snapshot arrives after mount: ask as soon as there is a market.
    const offMarket = useMarketStore.subscribe((s, prev) => {
      if (s.instrument && !prev.instrument) void loadProfile.current();
      // A new market (or its first bars): its history.
      if (s.bars[0]?.ts !== prev.bars[0]?.ts) void loadHistory.current();
    });
    return () => {
      offSignal();
      offReset();
      offKind();
      offMarket();
      clearInterval(timer);
    };
  }, [api]);

  useEffect(() => {
    void loadProfile.current();
    void loadHistory.current();
  }, [timeframe]);

  return feeds.current;
}
