// Balance vs imbalance: the two rules the seeds give, kept separate and named so every reading
// says which produced it. Seed 002 Component 1 reads price against the value area and momentum;
// seed 000 reads displacement from the prior balance POC with directional, expanding bars.

export type MarketState = 'BALANCE' | 'IMBALANCE_UP' | 'IMBALANCE_DOWN';
export type MarketStateRule = 'seed002-value-area-momentum' | 'seed000-displacement';

/** +1 IMBALANCE_UP, -1 IMBALANCE_DOWN, 0 BALANCE: the compact form of the bulk series. */
export function stateCode(state: MarketState): 1 | -1 | 0 {
  return state === 'IMBALANCE_UP' ? 1 : state === 'IMBALANCE_DOWN' ? -1 : 0;
}

export interface OhlcColumns {
  readonly open: ArrayLike<number>;
  readonly high: ArrayLike<number>;
  readonly low: ArrayLike<number>;
  readonly close: ArrayLike<number>;
}

/** Value-area levels in ticks (NaN when the profile has none yet). */
export interface ValueAreaLevels {
  readonly poc: number;
  readonly vah: number;
  readonly val: number;
}

// ---------------------------------------------------------------- seed 002 Component 1

export interface ValueAreaMomentumConfig {
  /** Bars back for momentum (seed: calculate_momentum(lookback=20)). */
  readonly momentumLookback: number;
  /** Balance needs |price − POC| / POC below this, in percent (seed: 1.0). */
  readonly maxPocDistancePct: number;
  /** Imbalance needs momentum beyond ±this (seed: 0.5). */
  readonly momentumThreshold: number;
}

export const SEED002_MARKET_STATE: ValueAreaMomentumConfig = { momentumLookback: 20, maxPocDistancePct: 1.0, momentumThreshold: 0.5 };

export interface ValueAreaMomentumReading {
  readonly rule: 'seed002-value-area-momentum';
  readonly state: MarketState;
  readonly distanceFromPocPct: number;
  readonly inValueArea: boolean;
  /** Percent change of the close over `momentumLookback` bars (NaN with less history). */
  readonly momentumPct: number;
}

/**
 * Seed 002's decision at bar t, in its order: balance if near POC and inside value; else
 * IMBALANCE_UP if momentum > +threshold and price above VAH; IMBALANCE_DOWN if momentum <
 * −threshold and price below VAL; else BALANCE. The seed leaves `calculate_momentum` undefined:
 * we read it as the percent change of the close over the lookback, the same unit as its
 * distance-from-POC (both are ratios, so they are the same in ticks as in price). Without enough
 * history or value area, every comparison fails and the seed's fallback, BALANCE, applies.
 */
export function valueAreaMomentumState(
  close: ArrayLike<number>,
  t: number,
  va: ValueAreaLevels,
  config: ValueAreaMomentumConfig = SEED002_MARKET_STATE,
): ValueAreaMomentumReading {
  const price = close[t]!;
  const distanceFromPocPct = (Math.abs(price - va.poc) / va.poc) * 100;
  const inValueArea = va.val <= price && price <= va.vah;
  const back = t - config.momentumLookback;
  const momentumPct = back >= 0 ? (price / close[back]! - 1) * 100 : NaN;
  let state: MarketState = 'BALANCE';
  if (distanceFromPocPct < config.maxPocDistancePct && inValueArea) state = 'BALANCE';
  else if (momentumPct > config.momentumThreshold && price > va.vah) state = 'IMBALANCE_UP';
  else if (momentumPct < -config.momentumThreshold && price < va.val) state = 'IMBALANCE_DOWN';
  return { rule: 'seed002-value-area-momentum', state, distanceFromPocPct, inValueArea, momentumPct };
}

// ---------------------------------------------------------------- seed 000 displacement

export interface DisplacementConfig {
  /** Displacement from the prior balance POC must exceed this many ATRs. */
  readonly atrMultiple: number;
  /** Bars in the "recent" window (seed: candles[-5:]). */
  readonly recentBars: number;
  /** At least this many recent bars must close beyond their open in the move's direction. */
  readonly minDirectionalBars: number;
  /** Mean recent range must exceed the prior window's mean range times this. */
  readonly rangeExpansion: number;
  /**
   * How far back the prior window (also `recentBars` long) ends: it covers bars
   * t − lag − recentBars + 1 … t − lag. Seed 000's strategy uses candles[-15:-10] (lag 10).
   */
  readonly priorWindowLag: number;
}

/** Seed 000's complete crypto strategy: 2.5 ATR, 3 of 5 bars, range × 1.4 vs candles[-15:-10]. */
export const SEED000_DISPLACEMENT: DisplacementConfig = {
  atrMultiple: 2.5,
  recentBars: 5,
  minDirectionalBars: 3,
  rangeExpansion: 1.4,
  priorWindowLag: 10,
};

/** Seed 000's first (ES/NQ) sketch: 2 ATR, 3 of 5 bars, range × 1.3 vs candles[-10:-5]. */
export const SEED000_DISPLACEMENT_ES: DisplacementConfig = {
  atrMultiple: 2.0,
  recentBars: 5,
  minDirectionalBars: 3,
  rangeExpansion: 1.3,
  priorWindowLag: 5,
};

export interface DisplacementReading {
  readonly rule: 'seed000-displacement';
  readonly state: MarketState;
  /** close_t − reference POC, in ticks. */
  readonly displacement: number;
  readonly bullishBars: number;
  readonly bearishBars: number;
  readonly recentRange: number;
  readonly priorRange: number;
}

/**
 * Seed 000's is_bullish_imbalance / is_bearish_imbalance at bar t. `referencePoc` is the prior
 * balance POC (seed 000 profiles candles[-100:-50]; supply it from core/profile); `atr` is the
 * ATR at t (seed: period 14). Bars close > open count bullish, close < open bearish; doji count
 * for neither. With too little history (or NaN inputs) the conditions fail: BALANCE.
 */
export function displacementState(
  bars: OhlcColumns,
  t: number,
  referencePoc: number,
  atr: number,
  config: DisplacementConfig = SEED000_DISPLACEMENT,
): DisplacementReading {
  const { open, high, low, close } = bars;
  const n = config.recentBars;
  const displacement = close[t]! - referencePoc;
  let bullishBars = 0;
  let bearishBars = 0;
  let recentRange = NaN;
  let priorRange = NaN;
  const priorStart = t - config.priorWindowLag - n + 1;
  if (priorStart >= 0) {
    let recentSum = 0;
    let priorSum = 0;
    for (let k = 0; k < n; k++) {
      const i = t - n + 1 + k;
      if (close[i]! > open[i]!) bullishBars++;
      else if (close[i]! < open[i]!) bearishBars++;
      recentSum += high[i]! - low[i]!;
      priorSum += high[priorStart + k]! - low[priorStart + k]!;
    }
    recentRange = recentSum / n;
    priorRange = priorSum / n;
  }
  const expanding = recentRange > priorRange * config.rangeExpansion;
  const threshold = atr * config.atrMultiple;
  let state: MarketState = 'BALANCE';
  if (displacement > threshold && bullishBars >= config.minDirectionalBars && expanding) state = 'IMBALANCE_UP';
  else if (-displacement > threshold && bearishBars >= config.minDirectionalBars && expanding) state = 'IMBALANCE_DOWN';
  return { rule: 'seed000-displacement', state, displacement, bullishBars, bearishBars, recentRange, priorRange };
}

// ---------------------------------------------------------------- bulk series

/** Seed 002 state per bar, with the value area each bar saw (columns aligned with the bars). */
export function valueAreaMomentumSeries(
  close: ArrayLike<number>,
  va: { readonly poc: ArrayLike<number>; readonly vah: ArrayLike<number>; readonly val: ArrayLike<number> },
  config: ValueAreaMomentumConfig = SEED002_MARKET_STATE,
): Int8Array {
  const out = new Int8Array(close.length);
  for (let t = 0; t < close.length; t++) {
    out[t] = stateCode(valueAreaMomentumState(close, t, { poc: va.poc[t]!, vah: va.vah[t]!, val: va.val[t]! }, config).state);
  }
  return out;
}

/** Seed 000 state per bar, with the reference POC and ATR each bar saw. */
export function displacementSeries(
  bars: OhlcColumns,
  referencePoc: ArrayLike<number>,
  atr: ArrayLike<number>,
  config: DisplacementConfig = SEED000_DISPLACEMENT,
): Int8Array {
  const out = new Int8Array(bars.close.length);
  for (let t = 0; t < out.length; t++) out[t] = stateCode(displacementState(bars, t, referencePoc[t]!, atr[t]!, config).state);
  return out;
}
