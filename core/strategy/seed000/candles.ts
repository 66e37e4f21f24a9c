// Higher-timeframe candles aggregated from the closed 1m bars of the strategy history, for the
// seeds written on 5m/15m candles (seed 000 runs Jesse on 15m). Only completed buckets count.

import type { Bar } from '../../market/bars';
import type { CandleColumns } from '../../profile/candle-profile';
import type { OhlcColumns } from '../../auction/market-state';

export interface Candle {
  /** Bucket open time, UTC ms, a multiple of the timeframe. */
  readonly ts: number;
  readonly open: number;
  readonly high: number;
  readonly low: number;
  readonly close: number;
  readonly volume: number;
}

/** True when the minute that ends at `decisionTs` is the last minute of a `minutes` bucket. */
export function closesBucket(decisionTs: number, minutes: number): boolean {
  return decisionTs % (minutes * 60_000) === 0;
}

/**
 * Buckets of `minutes` built from the bars that started before the latest bucket boundary at or
 * before `decisionTs`, oldest first. Minutes without trades have no bar, so a bucket is simply the
 * bars inside it. The oldest bucket is dropped unless its first minute is present: history is cut
 * by bar count, so that bucket may be missing its opening minutes.
 */
export function completedCandles(bars: readonly Bar[], minutes: number, decisionTs: number): Candle[] {
  const span = minutes * 60_000;
  const end = Math.floor(decisionTs / span) * span;
  const out: Candle[] = [];
  let current: { ts: number; open: number; high: number; low: number; close: number; volume: number } | null = null;
  for (const b of bars) {
    if (b.ts >= end) break;
    const ts = Math.floor(b.ts / span) * span;
    if (current && current.ts === ts) {
      if (b.high > current.high) current.high = b.high;
      if (b.low < current.low) current.low = b.low;
      current.close = b.close;
      current.volume += b.volume;
      continue;
    }
    if (current) out.push(current);
    current = { ts, open: b.open, high: b.high, low: b.low, close: b.close, volume: b.volume };
  }
  if (current) out.push(current);
  const first = bars[0];
  if (out.length > 0 && first !== undefined && first.ts !== out[0]!.ts) out.shift();
  return out;
}

/** Columns for core/profile and core/auction, which read candles column-wise. */
export function candleColumns(candles: readonly Candle[]): CandleColumns & OhlcColumns {
  return {
    open: Float64Array.from(candles, (c) => c.open),
    high: Float64Array.from(candles, (c) => c.high),
    low: Float64Array.from(candles, (c) => c.low),
    close: Float64Array.from(candles, (c) => c.close),
    volume: Float64Array.from(candles, (c) => c.volume),
  };
}
