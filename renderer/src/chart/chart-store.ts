// What the chart shows and how: timeframe, footprint mode and price step, which volume profile
// sits beside it (remembered between starts), the profile the host computed, and the strategy
// signals received.

import { create } from 'zustand';
import type { MarketProfile, ProfileKind } from '../../../core/api/areas/market';
import type { StrategySignal } from '../../../core/api/areas/strategies';
import type { Timeframe } from '../../../core/market/timeframes';

export const CHART_TIMEFRAMES = ['1m', '5m', '15m', '1h', '4h', '1d'] as const satisfies readonly Timeframe[];
export type ChartTimeframe = (typeof CHART_TIMEFRAMES)[number];
export type FootprintMode = 'bidask' | 'delta' | 'volume';
/** Price step of the footprint rows, in footprint levels (1 USD each for BTC); auto picks the
 * smallest step whose rows are tall enough for numbers at the current zoom. */
export const FIXED_PRICE_STEPS = [1, 2, 5, 10, 25, 50] as const;
export const PRICE_STEPS = ['auto', ...FIXED_PRICE_STEPS] as const;
export type PriceStep = (typeof PRICE_STEPS)[number];

const MAX_SIGNALS = 500;
const STORAGE_KEY = 'auctioneer.chart';

export interface ChartSettings {
  timeframe: ChartTimeframe;
  mode: FootprintMode;
  step: PriceStep;
  profileKind: ProfileKind;
}

const DEFAULTS: ChartSettings = { timeframe: '1m', mode: 'bidask', step: 'auto', profileKind: 'session' };

function loadSettings(): ChartSettings {
  try {
    const raw = globalThis.localStorage?.getItem(STORAGE_KEY);
    if (!raw) return DEFAULTS;
    const saved = JSON.parse(raw) as Partial<ChartSettings>;
    return {
      timeframe: CHART_TIMEFRAMES.includes(saved.timeframe as ChartTimeframe) ? (saved.timeframe as ChartTimeframe) : DEFAULTS.timeframe,
      mode: saved.mode === 'delta' || saved.mode === 'volume' || saved.mode === 'bidask' ? saved.mode : DEFAULTS.mode,
      step: PRICE_STEPS.includes(saved.step as PriceStep) ? (saved.step as PriceStep) : DEFAULTS.step,
      profileKind: saved.profileKind === 'rolling' || saved.profileKind === 'range' || saved.profileKind === 'session' ? saved.profileKind : DEFAULTS.profileKind,
    };
  } catch {
    return DEFAULTS;
  }
}

export interface ChartState extends ChartSettings {
  profile: MarketProfile | null;
  /** Oldest first. */
  signals: StrategySignal[];
  /** Bumped whenever something drawn changes without new bars (profile, signals, settings). */
  version: number;
  set(settings: Partial<ChartSettings>): void;
  setProfile(profile: MarketProfile | null): void;
  addSignal(signal: StrategySignal): void;
  clearMarket(): void;
}

export const useChartStore = create<ChartState>((set, get) => ({
  ...loadSettings(),
  profile: null,
  signals: [],
  version: 0,
  set: (settings) => {
    set((s) => ({ ...settings, version: s.version + 1 }));
    const { timeframe, mode, step, profileKind } = get();
    try {
      globalThis.localStorage?.setItem(STORAGE_KEY, JSON.stringify({ timeframe, mode, step, profileKind }));
    } catch {
      // Storage may be unavailable (private windows): the settings still apply to this run.
    }
  },
  setProfile: (profile) => set((s) => ({ profile, version: s.version + 1 })),
  addSignal: (signal) => set((s) => ({ signals: [...s.signals, signal].slice(-MAX_SIGNALS), version: s.version + 1 })),
  clearMarket: () => set((s) => ({ profile: null, signals: [], version: s.version + 1 })),
}));
