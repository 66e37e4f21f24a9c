// The chart's series for the chosen timeframe and price step, derived from the 1m bars and 1m
// footprints the host sends, with the core's own aggregation (timeframes.ts, footprint-views.ts).
// Derived footprints are cached per source object: the store replaces a bar's footprint object
// when it changes, so object identity tells what is stale.

import type { Bar } from '../../../core/market/bars';
import { aggregateBars, TIMEFRAME_MS } from '../../../core/market/timeframes';
import { groupFootprintLevels, mergeFootprints, type FootprintCellsView } from '../../../core/profile/footprint-views';
import type { FootprintPayload } from '../store/market-store';
import type { ChartTimeframe } from './chart-store';

export function barsForTimeframe(minutes: readonly Bar[], timeframe: ChartTimeframe): Bar[] {
  return timeframe === '1m' ? (minutes as Bar[]) : aggregateBars(minutes, timeframe);
}

/**
 * The stored history (bars of the timeframe, before the session) followed by the session's bars.
 * The bar both hold a part of (the history cut at the session's first minute) is merged by the
 * core's aggregation, so it reads as one bar.
 */
export function withHistory(history: readonly Bar[], session: readonly Bar[], timeframe: ChartTimeframe): Bar[] {
  const first = session[0];
  if (history.length === 0) return session as Bar[];
  if (!first) return history.slice();
  const older = history.filter((b) => b.ts < first.ts);
  const shared = history.find((b) => b.ts === first.ts);
  if (!shared) return [...older, ...session];
  return [...older, ...aggregateBars([shared, first], timeframe), ...session.slice(1)];
}

export class FootprintSource {
  private readonly grouped = new WeakMap<FootprintPayload, { step: number; view: FootprintCellsView }>();
  private readonly merged = new Map<number, { sources: FootprintPayload[]; step: number; view: FootprintCellsView }>();
  /** 1m bar open times seen missing since the last take (to ask the host for them). */
  private missing: number[] = [];

  constructor(
    private readonly footprints: () => ReadonlyMap<number, FootprintPayload>,
    private readonly settings: () => { timeframe: ChartTimeframe; step: number },
    private readonly minuteBars: () => readonly Bar[],
  ) {}

  /** The cells of the timeframe bar opening at `ts`, grouped to the price step. */
  at(ts: number): FootprintCellsView | undefined {
    const { timeframe, step } = this.settings();
    const all = this.footprints();
    if (timeframe === '1m') {
      const f = all.get(ts);
      if (!f) {
        this.missing.push(ts);
        return undefined;
      }
      return this.groupedOf(f, step);
    }
    const sources = this.sourcesOf(ts, TIMEFRAME_MS[timeframe], all);
    if (!sources) return undefined;
    const cached = this.merged.get(ts);
    if (cached && cached.step === step && cached.sources.length === sources.length && cached.sources.every((s, i) => s === sources[i])) return cached.view;
    const merged = mergeFootprints(sources, ts);
    if (!merged) return undefined;
    const view = step === 1 ? merged : groupFootprintLevels(merged, step);
    this.merged.set(ts, { sources, step, view });
    if (this.merged.size > 2_000) this.merged.clear();
    return view;
  }

  /** Minute bars the chart needed but has no footprint for; cleared by the call. */
  takeMissing(): number[] {
    const m = this.missing;
    this.missing = [];
    return m;
  }

  private groupedOf(f: FootprintPayload, step: number): FootprintCellsView {
    const hit = this.grouped.get(f);
    if (hit && hit.step === step) return hit.view;
    const view = step === 1 ? { ...f, bid: f.bid, ask: f.ask } : groupFootprintLevels(f, step);
    this.grouped.set(f, { step, view });
    return view;
  }

  /** The 1m footprints of the minutes inside [ts, ts + span), or undefined if any is missing. */
  private sourcesOf(ts: number, span: number, all: ReadonlyMap<number, FootprintPayload>): FootprintPayload[] | undefined {
    const minutes = this.minuteBars();
    // Binary search the first minute at or after ts.
    let lo = 0;
    let hi = minutes.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((minutes[mid] as Bar).ts < ts) lo = mid + 1;
      else hi = mid;
    }
    const sources: FootprintPayload[] = [];
    let complete = true;
    for (let i = lo; i < minutes.length && (minutes[i] as Bar).ts < ts + span; i++) {
      const m = (minutes[i] as Bar).ts;
      const f = all.get(m);
      if (f) sources.push(f);
      else {
        this.missing.push(m);
        complete = false;
      }
    }
    return complete && sources.length > 0 ? sources : undefined;
  }
}
