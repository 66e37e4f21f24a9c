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
  const out = aggregate(bars, minutes, decisionTs);
  const first = bars[0];
  if (out.length > 0 && first !== undefined && first.ts !== out[0]!.ts) out.shift();
  return out;
}

function aggregate(bars: readonly Bar[], minutes: number, decisionTs: number): Candle[] {
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
  return out;
}

/**
 * completedCandles, kept between calls: when the previous call saw the bucket just before, only
 * the newest bucket is built from the tail of the history, instead of re-aggregating every bar
 * (a 15m decision would otherwise re-read 3,600 bars). Anything else rebuilds from the history.
 */
export class CandleCache {
  private candles: Candle[] = [];

  constructor(
    private readonly minutes: number,
    /** Candles kept: what the history can hold. */
    private readonly capacity: number,
  ) {}

  at(bars: readonly Bar[], decisionTs: number): Candle[] {
    const span = this.minutes * 60_000;
    const end = Math.floor(decisionTs / span) * span;
    const last = this.candles[this.candles.length - 1];
    if (last !== undefined && last.ts === end - span) return this.candles;
    if (last !== undefined && last.ts === end - 2 * span) {
      let from = bars.length;
      while (from > 0 && bars[from - 1]!.ts >= end - span) from--;
      const fresh = aggregate(bars.slice(from), this.minutes, decisionTs);
      // A bucket without any bar stays absent, as in a rebuild.
      this.candles = [...this.candles, ...fresh].slice(-this.capacity);
      return this.candles;
    }
    this.candles = completedCandles(bars, this.minutes, decisionTs).slice(-this.capacity);
    return this.candles;
  }
}

/** Columns for core/profile and core/auction, which read candles column-wise (plain loops: Float64Array.from with a map is slow). */
export function candleColumns(candles: readonly Candle[]): CandleColumns & OhlcColumns {
  const n = candles.length;
  const open = new Float64Array(n);
  const high = new Float64Array(n);
  const low = new Float64Array(n);
  const close = new Float64Array(n);
  const volume = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const c = candles[i]!;
    open[i] = c.open;
    high[i] = c.high;
    low[i] = c.low;
    close[i] = c.close;
    volume[i] = c.volume;
  }
  return { open, high, low, close, volume };
}
