// The layout the trader left (screen, chart settings, order-ticket preset, confirmation mode),
// kept by the host in its store so it survives a restart. Loaded once per connection; each part
// is saved a moment after it changes (typing a preset does not write on every key).

import { create } from 'zustand';
import type { AuctioneerApi, RequestParams, RequestResult } from '../../../core/api/contract';
import { CHART_TIMEFRAMES, PRICE_STEPS, useChartStore, type ChartSettings } from '../chart/chart-store';

export type Layout = RequestResult<'settings.layout.get'>;
type LayoutPart = RequestParams<'settings.layout.set'>;

interface LayoutState {
  /** Null until the saved layout arrived (nothing is saved before, so it is never overwritten). */
  layout: Layout | null;
  /** Desktop notifications of alerts (the alert settings). */
  desktopNotifications: boolean;
}

export const useLayoutStore = create<LayoutState>(() => ({ layout: null, desktopNotifications: true }));

let api: AuctioneerApi | null = null;
let pending: LayoutPart = {};
let timer: ReturnType<typeof setTimeout> | null = null;

/** Loads the saved layout and alert settings from the host. */
export async function loadLayout(from: AuctioneerApi): Promise<Layout> {
  api = from;
  const [layout, alerts] = await Promise.all([from.request('settings.layout.get', {}), from.request('settings.alerts.get', {})]);
  useLayoutStore.setState({ layout, desktopNotifications: alerts.desktopNotifications });
  applyChartSettings(layout.chart ?? {});
  return layout;
}

/** The chart's timeframe, footprint mode, price step and profile as saved (unknown values skipped). */
function applyChartSettings(saved: NonNullable<Layout['chart']>): void {
  const next: Partial<ChartSettings> = {};
  const { timeframe, mode, step, profileKind } = saved;
  if (CHART_TIMEFRAMES.some((t) => t === timeframe)) next.timeframe = timeframe as ChartSettings['timeframe'];
  if (mode === 'bidask' || mode === 'delta' || mode === 'volume') next.mode = mode;
  if (PRICE_STEPS.some((p) => p === step)) next.step = step as ChartSettings['step'];
  if (profileKind === 'rolling' || profileKind === 'session' || profileKind === 'range') next.profileKind = profileKind;
  if (Object.keys(next).length > 0) useChartStore.getState().set(next);
}

// The chart's settings are saved with the layout whenever the trader changes one.
useChartStore.subscribe((s, prev) => {
  if (s.timeframe !== prev.timeframe || s.mode !== prev.mode || s.step !== prev.step || s.profileKind !== prev.profileKind) {
    saveLayout({ chart: { timeframe: s.timeframe, mode: s.mode, step: s.step, profileKind: s.profileKind } });
  }
});

/** Saves part of the layout shortly (merged with other parts changed meanwhile). */
export function saveLayout(part: LayoutPart, delayMs = 300): void {
  const current = useLayoutStore.getState().layout;
  if (!current) return;
  useLayoutStore.setState({ layout: { ...current, ...part, ...(part.chart ? { chart: { ...current.chart, ...part.chart } } : {}) } });
  pending = { ...pending, ...part, ...(part.chart ? { chart: { ...pending.chart, ...part.chart } } : {}) };
  if (timer) clearTimeout(timer);
  timer = setTimeout(() => {
    timer = null;
    const sending = pending;
    pending = {};
    void api?.request('settings.layout.set', sending).catch(() => undefined);
  }, delayMs);
}
