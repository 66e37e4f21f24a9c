// Impulse legs (seed 002 Phase 2 "impulse leg detection", seed 000 "impulse_vp") and the LVNs
// lying on them, which are the pullback entry zones of the trend-continuation setup.

export interface ImpulseLeg {
  /** +1 up leg, -1 down leg. */
  readonly direction: 1 | -1;
  /** Bar index and price (low of an up leg, high of a down leg) where the move started. */
  readonly startIndex: number;
  readonly startPrice: number;
  /** Bar index and price of the move's extreme so far (high of an up leg, low of a down leg). */
  readonly endIndex: number;
  readonly endPrice: number;
  readonly low: number;
  readonly high: number;
  /** True while the imbalance that started the leg lasts; the leg is frozen once it ends. */
  readonly active: boolean;
}

// ---------------------------------------------------------------- seed 000: fixed window

/** Seed 000's strategy profiles the last 30 candles as the impulse (its first sketch used 20). */
export const SEED000_IMPULSE_BARS = 30;

/**
 * Seed 000's impulse leg at bar t: simply the last `bars` bars (t − bars + 1 … t), whose whole
 * range is what its impulse profile covers. The direction is the sign of the net move across them
 * (close_t vs the first bar's open; up when equal); start and end are the bars of the window's
 * low and high in that direction's order, which need not be in time order for a choppy window.
 * Null when there are fewer bars.
 */
export function windowImpulseLeg(
  high: ArrayLike<number>,
  low: ArrayLike<number>,
  open: ArrayLike<number>,
  close: ArrayLike<number>,
  t: number,
  bars: number = SEED000_IMPULSE_BARS,
): ImpulseLeg | null {
  const first = t - bars + 1;
  if (first < 0) return null;
  let lo = Infinity;
  let hi = -Infinity;
  let loIndex = first;
  let hiIndex = first;
  for (let i = first; i <= t; i++) {
    if (low[i]! < lo) {
      lo = low[i]!;
      loIndex = i;
    }
    if (high[i]! > hi) {
      hi = high[i]!;
      hiIndex = i;
    }
  }
  const up = close[t]! >= open[first]!;
  return up
    ? { direction: 1, startIndex: loIndex, startPrice: lo, endIndex: hiIndex, endPrice: hi, low: lo, high: hi, active: true }
    : { direction: -1, startIndex: hiIndex, startPrice: hi, endIndex: loIndex, endPrice: lo, low: lo, high: hi, active: true };
}

// ---------------------------------------------------------------- seed 002: breakout from balance

export interface ImpulseTrackerConfig {
  /**
   * Bars, ending at the breakout bar, searched for the leg's origin (lowest low of an up leg,
   * highest high of a down leg). The seed only says "detect breakout from balance"; we take the
   * 5 bars seed 000 reads to qualify a displacement, since that is the move that broke out.
   */
  readonly originLookback: number;
}

export const DEFAULT_IMPULSE_TRACKER: ImpulseTrackerConfig = { originLookback: 5 };

/**
 * Seed 002 Phase 2: a leg starts when the market state turns to IMBALANCE (from balance or the
 * opposite imbalance) — the breakout — and is tracked while that imbalance lasts: its end is the
 * running extreme. When the state leaves that imbalance the leg is frozen and stays the latest
 * leg (the pullback to its LVNs comes after) until the next breakout. Feed one closed bar at a
 * time with its state code (+1/-1/0, from either market-state rule).
 */
export class ImpulseTracker {
  private readonly lows: Float64Array;
  private readonly highs: Float64Array;
  private index = -1;
  private prevState = 0;
  private leg: ImpulseLeg | null = null;

  constructor(config: ImpulseTrackerConfig = DEFAULT_IMPULSE_TRACKER) {
    if (!Number.isInteger(config.originLookback) || config.originLookback < 1) throw new RangeError('originLookback must be a positive integer');
    this.lows = new Float64Array(config.originLookback);
    this.highs = new Float64Array(config.originLookback);
  }

  /** Adds bar t; returns the current (active or latest frozen) leg, null before the first breakout. */
  update(high: number, low: number, state: number): ImpulseLeg | null {
    const t = ++this.index;
    const ring = this.lows.length;
    this.lows[t % ring] = low;
    this.highs[t % ring] = high;
    const prev = this.prevState;
    this.prevState = state;
    const leg = this.leg;

    if (state !== 0 && state !== prev) {
      this.leg = this.startLeg(t, state > 0 ? 1 : -1);
    } else if (leg !== null && leg.active) {
      if (state === leg.direction) this.leg = extend(leg, t, high, low);
      else this.leg = { ...leg, active: false };
    }
    return this.leg;
  }

  current(): ImpulseLeg | null {
    return this.leg;
  }

  private startLeg(t: number, direction: 1 | -1): ImpulseLeg {
    const ring = this.lows.length;
    const first = Math.max(0, t - ring + 1);
    // Origin: the extreme against the move; ties go to the latest bar, where the move last launched.
    let origin = t;
    for (let i = first; i <= t; i++) {
      if (direction === 1 ? this.lows[i % ring]! <= this.lows[origin % ring]! : this.highs[i % ring]! >= this.highs[origin % ring]!) origin = i;
    }
    // End: the extreme in the move's direction from the origin on, so the leg runs forward in time.
    let end = origin;
    for (let i = origin; i <= t; i++) {
      if (direction === 1 ? this.highs[i % ring]! > this.highs[end % ring]! : this.lows[i % ring]! < this.lows[end % ring]!) end = i;
    }
    if (direction === 1) {
      const lo = this.lows[origin % ring]!;
      const hi = this.highs[end % ring]!;
      return { direction, startIndex: origin, startPrice: lo, endIndex: end, endPrice: hi, low: lo, high: hi, active: true };
    }
    const hi = this.highs[origin % ring]!;
    const lo = this.lows[end % ring]!;
    return { direction, startIndex: origin, startPrice: hi, endIndex: end, endPrice: lo, low: lo, high: hi, active: true };
  }
}

function extend(leg: ImpulseLeg, t: number, high: number, low: number): ImpulseLeg {
  if (leg.direction === 1 && high > leg.endPrice) return { ...leg, endIndex: t, endPrice: high, high };
  if (leg.direction === -1 && low < leg.endPrice) return { ...leg, endIndex: t, endPrice: low, low };
  return leg;
}

// ---------------------------------------------------------------- LVNs on the leg

/**
 * The LVNs (ticks, from core/profile) inside the leg's range, bounds included, in the order a
 * pullback meets them: from the leg's extreme back toward its origin.
 */
export function lvnsOnLeg(leg: ImpulseLeg, lvnPrices: ArrayLike<number>): number[] {
  const out: number[] = [];
  for (let i = 0; i < lvnPrices.length; i++) {
    const p = lvnPrices[i]!;
    if (p >= leg.low && p <= leg.high) out.push(p);
  }
  return leg.direction === 1 ? out.sort((a, b) => b - a) : out.sort((a, b) => a - b);
}

/** Seed 000 nearest_lvn: the LVN closest to price (the lower one on a tie); null when none. */
export function nearestLvn(price: number, lvnPrices: ArrayLike<number>): number | null {
  let best: number | null = null;
  let bestDistance = Infinity;
  for (let i = 0; i < lvnPrices.length; i++) {
    const p = lvnPrices[i]!;
    const d = Math.abs(p - price);
    if (d < bestDistance || (d === bestDistance && best !== null && p < best)) {
      best = p;
      bestDistance = d;
    }
  }
  return best;
}

/** Seed 000 LVN tolerance: at_lvn_zone uses ATR × 0.5. */
export const SEED000_LVN_TOLERANCE_ATR = 0.5;

/** Seed 000 at_lvn_zone: |price − lvn| <= atr × tolerance (inclusive, as the seed writes <=). */
export function isAtLvn(price: number, lvn: number, atr: number, toleranceAtr: number = SEED000_LVN_TOLERANCE_ATR): boolean {
  return Math.abs(price - lvn) <= atr * toleranceAtr;
}
