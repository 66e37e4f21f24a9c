// Market readings seed 004's strategies share, all from the strategy history: session membership,
// 1m ATR, the high-volatility ratio, Kaufman's efficiency ratio and acceptance outside value.

import { sessionAt, type Session } from '../../auction/sessions';
import type { Bar } from '../../market/bars';
import type { FeatureRow } from '../../features/minute-feature-stream';
import { lastAtr } from '../seed000/candle-signals';
import { valueAreaPrices } from '../seed003/levels';

/** The session of the bar that closes at `decisionTs` (its last millisecond, as the defense layer reads it). */
export function inSessions(decisionTs: number, sessions: readonly Session[]): boolean {
  const s = sessionAt(decisionTs - 1);
  return s !== null && sessions.includes(s);
}

/** Wilder ATR of the 1m bars in the history, at the current bar. */
export function minuteAtr(bars: readonly Bar[], period: number): number {
  return lastAtr(bars, period, bars.length);
}

/** ATR over the mean true range of the last `window` bars: above 1 the market is livelier than usual. */
export function volatilityRatio(bars: readonly Bar[], atr: number, window: number): number {
  const from = Math.max(1, bars.length - window);
  let sum = 0;
  for (let i = from; i < bars.length; i++) {
    const b = bars[i]!;
    const prev = bars[i - 1]!.close;
    sum += Math.max(b.high - b.low, Math.abs(b.high - prev), Math.abs(b.low - prev));
  }
  const count = bars.length - from;
  return count > 0 && sum > 0 ? atr / (sum / count) : NaN;
}

/**
 * Kaufman efficiency ratio of the last `window` closes: net move over the path travelled, 0 for a
 * market that went nowhere (and for no movement at all), 1 for a straight line. NaN when short.
 */
export function efficiencyRatio(bars: readonly Bar[], window: number): number {
  const n = bars.length;
  if (n <= window) return NaN;
  let path = 0;
  for (let i = n - window; i < n; i++) path += Math.abs(bars[i]!.close - bars[i - 1]!.close);
  return path > 0 ? Math.abs(bars[n - 1]!.close - bars[n - 1 - window]!.close) / path : 0;
}

/**
 * Consecutive closes above VAH (positive) or below VAL (negative) ending at the current bar, each
 * judged against its own minute's value area; counting stops after `cap` bars.
 */
export function closesOutside(bars: readonly Bar[], features: readonly FeatureRow[], cap: number): number {
  let above = 0;
  let below = 0;
  for (let k = 1; k <= Math.min(cap, bars.length, features.length); k++) {
    const va = valueAreaPrices(features[features.length - k]!);
    const close = bars[bars.length - k]!.close;
    if (va && close > va.vah && below === 0) above++;
    else if (va && close < va.val && above === 0) below++;
    else break;
  }
  return above > 0 ? above : -below;
}
