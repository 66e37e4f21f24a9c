// Higher timeframes from closed 1m bars: 5m, 15m, 30m, 1h, 4h, 1d on UTC boundaries, and 1w opening
// Monday 00:00 UTC (as Binance's weekly klines do). Volume, trades, buy and sell volume add up;
// VWAP is volume-weighted; the close snapshot is the last minute's.

import type { Bar } from './bars';
import { MINUTE_MS } from './bars';
import { throwOutOfOrder } from './time-order';

export const TIMEFRAMES = ['1m', '5m', '15m', '30m', '1h', '4h', '1d', '1w'] as const;
export type Timeframe = (typeof TIMEFRAMES)[number];

export const TIMEFRAME_MS: Readonly<Record<Timeframe, number>> = {
  '1m': MINUTE_MS,
  '5m': 5 * MINUTE_MS,
  '15m': 15 * MINUTE_MS,
  '30m': 30 * MINUTE_MS,
  '1h': 60 * MINUTE_MS,
  '4h': 240 * MINUTE_MS,
  '1d': 1_440 * MINUTE_MS,
  '1w': 10_080 * MINUTE_MS,
};

/** 1970-01-01 was a Thursday: weeks start 4 days after the epoch (Monday 00:00 UTC). */
const WEEK_OFFSET_MS = 4 * 86_400_000;

/** Open time of the timeframe bar holding `ts`. */
export function timeframeOpen(ts: number, timeframe: Timeframe): number {
  const size = TIMEFRAME_MS[timeframe];
  const offset = timeframe === '1w' ? WEEK_OFFSET_MS : 0;
  return Math.floor((ts - offset) / size) * size + offset;
}

/** Aggregates time-ordered 1m bars; bars of a period with no minute are absent, as with 1m. */
export function aggregateBars(minutes: readonly Bar[], timeframe: Timeframe): Bar[] {
  if (timeframe === '1m') return minutes.slice();
  const out: Bar[] = [];
  let current: { bar: Bar; notional: number } | null = null;
  for (const m of minutes) {
    const open = timeframeOpen(m.ts, timeframe);
    if (current && current.bar.ts === open) {
      const b = current.bar;
      current.notional += m.vwap * m.volume;
      const volume = b.volume + m.volume;
      const buyVolume = b.buyVolume + m.buyVolume;
      const sellVolume = b.sellVolume + m.sellVolume;
      current.bar = {
        ts: open,
        open: b.open,
        high: Math.max(b.high, m.high),
        low: Math.min(b.low, m.low),
        close: m.close,
        volume,
        vwap: volume > 0 ? current.notional / volume : m.close,
        trades: b.trades + m.trades,
        buyVolume,
        sellVolume,
        delta: buyVolume - sellVolume,
        closeQuote: m.closeQuote,
      };
      out[out.length - 1] = current.bar;
    } else {
      if (current && open < current.bar.ts) throwOutOfOrder('1m bars out of order', m.ts, 'after', current.bar.ts);
      current = { bar: { ...m, ts: open }, notional: m.vwap * m.volume };
      out.push(current.bar);
    }
  }
  return out;
}
