// The layout the trader left (screen, chart settings, order-ticket preset, confirmation mode),
// kept by the host in its store so it survives a restart. Loaded once per connection; each part
// is saved a moment after it changes (typing a preset does not write on every key).

import { create } from 'zustand';
import type { AuctioneerApi, RequestParams, RequestResult } from '../../../core/api/contract';

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
  return layout;
}

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
