// Market readings seed 004's strategies share: session membership, 1m ATR and the high-volatility
// ratio (streamed), Kaufman's efficiency ratio and acceptance outside value (from the history).

import { sessionAt, type Session } from '../../auction/sessions';
import type { Bar } from '../../market/bars';
import type { FeatureRow } from '../../features/minute-feature-stream';
import { WilderAtr } from '../../auction/volatility';
import { valueAreaPrices } from '../seed003/levels';

/** The session of the bar that closes at `decisionTs` (its last millisecond, as the defense layer reads it). */
export function inSessions(decisionTs: number, sessions: readonly Session[]): boolean {
  const s = sessionAt(decisionTs - 1);
  return s !== null && sessions.includes(s);
}

/**
 * 1m Wilder ATR and the mean true range of the last `window` minutes, updated once per closed
 * minute: streaming, because recomputing them from the history every minute would cost a whole
 * window per bar (a year of minutes is half a million bars).
 */
export class MinuteVolatility {
  private readonly atr: WilderAtr;
  private readonly ranges: Float64Array;
  private head = 0;
  private count = 0;
  private sum = 0;
  private prevClose = NaN;

  constructor(period: number, window: number) {
    this.atr = new WilderAtr(period);
    this.ranges = new Float64Array(window);
  }

  update(bar: Bar): void {
    this.atr.update(bar.high, bar.low, bar.close);
    const prev = this.prevClose;
    this.prevClose = bar.close;
    if (Number.isNaN(prev)) return;
    const tr = Math.max(bar.high - bar.low, Math.abs(bar.high - prev), Math.abs(bar.low - prev));
    const ring = this.ranges;
    if (this.count === ring.length) this.sum -= ring[this.head]!;
    else this.count++;
    ring[this.head] = tr;
    this.sum += tr;
    if (++this.head === ring.length) {
      // Re-summed once per lap so rounding cannot accumulate.
      this.head = 0;
      this.sum = ring.reduce((a, b) => a + b, 0);
    }
  }

  /** Wilder ATR at the latest minute (NaN for the first `period` minutes). */
  value(): number {
    return this.atr.value();
  }

  /** ATR over the mean true range of the window: above 1 the market is livelier than usual. */
  ratio(): number {
    return this.count > 0 && this.sum > 0 ? this.atr.value() / (this.sum / this.count) : NaN;
  }
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
