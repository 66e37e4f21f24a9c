// The history behind a live session for the chart's higher timeframes: the store's 1m bars
// before the session's first minute, aggregated by the core's timeframe code, so a daily chart
// shows many days and not only the minutes the session holds.

import type { Bar } from '../../core/market/bars';
import type { Instrument } from '../../core/market/instrument';
import { aggregateBars, TIMEFRAME_MS, timeframeOpen, type Timeframe } from '../../core/market/timeframes';
import type { Store } from '../store/store';
import type { BarRow } from '../store/store-types';

const MINUTE_MS = 60_000;

function minuteBar(row: BarRow): Bar {
  const buyVolume = row.buyVolume ?? 0;
  const sellVolume = row.sellVolume ?? 0;
  return {
    ts: row.ts,
    open: row.open,
    high: row.high,
    low: row.low,
    close: row.close,
    volume: row.volume,
    vwap: row.vwap ?? row.close,
    trades: row.trades ?? 0,
    buyVolume,
    sellVolume,
    delta: buyVolume - sellVolume,
    closeQuote: null,
  };
}

function aggregated(store: Store, instrumentId: number, timeframe: Timeframe, fromTs: number, toTs: number): Bar[] {
  if (toTs <= fromTs) return [];
  return aggregateBars(store.loadBars(instrumentId, 60, fromTs, toTs).map(minuteBar), timeframe);
}

/**
 * At most `limit` bars of `timeframe` opening before `toTs`, from the stored 1m bars before
 * `toTs`. The complete bars are kept: as the session's first minute moves on (its bars are
 * capped), only the bar it cuts is read again, a day of minutes at most, never the whole year.
 */
export class StoredHistory {
  private readonly complete = new Map<Timeframe, { boundary: number; limit: number; bars: Bar[] }>();
  private instrumentId: number | null = null;

  constructor(
    private readonly store: Store,
    private readonly instrument: Instrument,
  ) {}

  bars(timeframe: Timeframe, toTs: number, limit: number): Bar[] {
    const id = (this.instrumentId ??= this.store.ensureInstrument(this.instrument));
    const boundary = timeframeOpen(toTs, timeframe);
    let kept = this.complete.get(timeframe);
    if (!kept || kept.boundary !== boundary || kept.limit < limit) {
      kept = { boundary, limit, bars: aggregated(this.store, id, timeframe, boundary - limit * TIMEFRAME_MS[timeframe], boundary) };
      this.complete.set(timeframe, kept);
    }
    const cut = aggregated(this.store, id, timeframe, boundary, Math.floor(toTs / MINUTE_MS) * MINUTE_MS);
    return [...kept.bars, ...cut].slice(-limit);
  }
}
