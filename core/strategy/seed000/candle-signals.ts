// Seed 000's per-candle readings: the prior balance POC, the rejection candle with its volume
// spike (the "aggression" confirmation), and the ATR, each over aggregated candles.

import type { OhlcColumns } from '../../auction/market-state';
import { WilderAtr } from '../../auction/volatility';
import { candleProfileByBinCount, type CandleColumns } from '../../profile/candle-profile';
import type { Side } from '../types';
import type { Candle } from './candles';

/**
 * POC of candles[-from:-to] on `bins` equal bins, as the seed's volume_profile reports it: the
 * centre of the first bin holding the maximum (np.argmax). NaN when the window is not full.
 */
export function priorBalancePoc(candles: CandleColumns, from: number, to: number, bins: number): number {
  const n = candles.volume.length;
  if (n < from) return NaN;
  const profile = candleProfileByBinCount(candles, bins, n - from, n - to);
  let best = 0;
  for (let b = 1; b < profile.volumes.length; b++) if (profile.volumes[b]! > profile.volumes[best]!) best = b;
  return profile.levels[best]!;
}

/** Wilder ATR at the last candle over the last `window` candles (NaN until period + 1 candles). */
export function lastAtr(candles: OhlcColumns, period: number, window: number): number {
  const n = candles.close.length;
  const atr = new WilderAtr(period);
  let value = NaN;
  for (let i = Math.max(0, n - window); i < n; i++) value = atr.update(candles.high[i]!, candles.low[i]!, candles.close[i]!);
  return value;
}

/**
 * bullish_aggression / bearish_aggression on the last candle: a wick against the move longer
 * than `wickBody` bodies, a close in the move's direction, the opposite wick shorter than the
 * body, and volume above `spike` x the mean of the `lookback` candles before it.
 */
export function rejectionWithVolume(candles: readonly Candle[], side: Side, wickBody: number, spike: number, lookback: number): { rejection: boolean; volumeSpike: boolean } {
  const n = candles.length;
  const c = candles[n - 1];
  if (c === undefined || n < 3) return { rejection: false, volumeSpike: false };
  const body = Math.abs(c.close - c.open);
  const lowerWick = Math.min(c.open, c.close) - c.low;
  const upperWick = c.high - Math.max(c.open, c.close);
  const rejection =
    side === 'long' ? lowerWick > body * wickBody && c.close > c.open && upperWick < body : upperWick > body * wickBody && c.close < c.open && lowerWick < body;
  // numpy's mean of candles[-10:-1] reads fewer candles when the history is shorter.
  const before = candles.slice(Math.max(0, n - 1 - lookback), n - 1);
  const mean = before.reduce((s, x) => s + x.volume, 0) / before.length;
  return { rejection, volumeSpike: c.volume > mean * spike };
}
