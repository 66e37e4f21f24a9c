// Bulk Volume Classification proxy of seed 003 §5.7 (time-bar version): the buy fraction of a
// minute's volume estimated from its close-to-close change, for when prints cannot be signed.

import { normalCdf } from './normal-cdf';
import { RollingStdev } from './rolling-stdev';

export interface BvcConfig {
  /**
   * Number of close-to-close changes in the stdev window, the current one included. Seed 003
   * names `lookback_bvc` without a value; we default to its 240-minute rolling window.
   */
  readonly lookback: number;
}

export const DEFAULT_BVC: BvcConfig = { lookback: 240 };

export interface BvcValue {
  /** close_t − close_{t−1} in ticks (NaN on the first bar). */
  readonly deltaPrice: number;
  /** Sample stdev of the last `lookback` deltas (NaN until that many exist). */
  readonly stdDelta: number;
  /** NormalCDF(deltaPrice, 0, stdDelta); 0.5 when every delta in the window is 0. */
  readonly buyFrac: number;
  /** volume × (2 × buyFrac − 1). */
  readonly net: number;
}

/**
 * Streaming BVC over consecutive minute bars. The first output is at the bar with index
 * `lookback` (it needs `lookback` deltas, hence lookback + 1 closes); earlier bars give NaN.
 */
export class BulkVolumeClassifier {
  private readonly stdev: RollingStdev;
  private prevClose = NaN;

  constructor(config: BvcConfig = DEFAULT_BVC) {
    this.stdev = new RollingStdev(config.lookback, 1);
  }

  update(close: number, volume: number): BvcValue {
    const deltaPrice = close - this.prevClose;
    this.prevClose = close;
    // The first bar has no delta; it must not occupy a slot of the window.
    const stdDelta = deltaPrice === deltaPrice ? this.stdev.push(deltaPrice) : NaN;
    const buyFrac = bvcBuyFraction(deltaPrice, stdDelta);
    return { deltaPrice, stdDelta, buyFrac, net: volume * (2 * buyFrac - 1) };
  }
}

/** Φ(delta / std), with a flat window (std 0, so delta 0) read as an even split. */
export function bvcBuyFraction(deltaPrice: number, stdDelta: number): number {
  if (stdDelta === 0) return deltaPrice === 0 ? 0.5 : deltaPrice > 0 ? 1 : 0;
  return normalCdf(deltaPrice / stdDelta);
}

/** Bulk BVC over columnar closes and volumes; returns buyFrac and net per bar. */
export function computeBvc(
  close: Float64Array,
  volume: Float64Array,
  config: BvcConfig = DEFAULT_BVC,
): { buyFrac: Float64Array; net: Float64Array } {
  const n = close.length;
  const buyFrac = new Float64Array(n);
  const net = new Float64Array(n);
  const bvc = new BulkVolumeClassifier(config);
  for (let i = 0; i < n; i++) {
    const v = bvc.update(close[i]!, volume[i]!);
    buyFrac[i] = v.buyFrac;
    net[i] = v.net;
  }
  return { buyFrac, net };
}
