// Volume profile from OHLCV candles when no trades exist (seed 000): each candle's volume spread
// evenly over the bins its low..high touched.

import type { Bar } from '../market/bars';

/** Candles as columns; prices in ticks (fractional ticks are accepted by the bin-count form). */
export interface CandleColumns {
  readonly low: ArrayLike<number>;
  readonly high: ArrayLike<number>;
  readonly volume: ArrayLike<number>;
}

export function candleColumnsFromBars(bars: readonly Bar[]): CandleColumns {
  return {
    low: Float64Array.from(bars, (b) => b.low),
    high: Float64Array.from(bars, (b) => b.high),
    volume: Float64Array.from(bars, (b) => b.volume),
  };
}

/** Profile on the engine's grid: bin b covers ticks [firstBinPrice + b*binTicks, +binTicks). */
export interface TickGridProfile {
  readonly firstBinPrice: number;
  readonly binTicks: number;
  readonly volumes: Float64Array;
}

/**
 * Bins are aligned like every other profile (floor(price / binTicks)), so a candle profile and
 * a trade profile of the same period share their bins. A candle touching n bins adds volume/n to
 * each. Empty input gives an empty profile.
 */
export function candleProfileOnTicks(candles: CandleColumns, binTicks = 1, from = 0, to: number = candles.volume.length): TickGridProfile {
  let minBin = Infinity;
  let maxBin = -Infinity;
  for (let i = from; i < to; i++) {
    const lowBin = Math.floor(candles.low[i]! / binTicks);
    const highBin = Math.floor(candles.high[i]! / binTicks);
    if (lowBin < minBin) minBin = lowBin;
    if (highBin > maxBin) maxBin = highBin;
  }
  if (minBin > maxBin) return { firstBinPrice: 0, binTicks, volumes: new Float64Array(0) };
  const volumes = new Float64Array(maxBin - minBin + 1);
  for (let i = from; i < to; i++) {
    const lowBin = Math.floor(candles.low[i]! / binTicks) - minBin;
    const highBin = Math.floor(candles.high[i]! / binTicks) - minBin;
    const share = candles.volume[i]! / (highBin - lowBin + 1);
    for (let b = lowBin; b <= highBin; b++) volumes[b]! += share;
  }
  return { firstBinPrice: minBin * binTicks, binTicks, volumes };
}

/** Seed 000's form: a fixed number of equal bins between the lowest low and the highest high. */
export interface BinCountProfile {
  readonly priceMin: number;
  readonly binSize: number;
  /** Bin centres, as seed 000 reports POC/VAH/VAL and nodes. */
  readonly levels: Float64Array;
  readonly volumes: Float64Array;
}

/**
 * Seed 000 `volume_profile` binning, reproduced exactly: bin_size = (max high - min low) / n,
 * a candle's bins are trunc((low - min) / bin_size) .. trunc((high - min) / bin_size) clamped to
 * [0, n-1] (so the highest high lands in the last bin). When every candle has the same price
 * (bin size 0, where the seed divides by zero) all volume goes to bin 0.
 */
export function candleProfileByBinCount(candles: CandleColumns, numBins = 50, from = 0, to: number = candles.volume.length): BinCountProfile {
  let priceMin = Infinity;
  let priceMax = -Infinity;
  for (let i = from; i < to; i++) {
    if (candles.low[i]! < priceMin) priceMin = candles.low[i]!;
    if (candles.high[i]! > priceMax) priceMax = candles.high[i]!;
  }
  const volumes = new Float64Array(numBins);
  const levels = new Float64Array(numBins);
  if (priceMin > priceMax) return { priceMin: NaN, binSize: NaN, levels, volumes };
  const binSize = (priceMax - priceMin) / numBins;
  for (let b = 0; b < numBins; b++) levels[b] = priceMin + binSize / 2 + b * binSize;
  const clampBin = (price: number): number =>
    binSize > 0 ? Math.max(0, Math.min(Math.trunc((price - priceMin) / binSize), numBins - 1)) : 0;
  for (let i = from; i < to; i++) {
    const lowBin = clampBin(candles.low[i]!);
    const highBin = clampBin(candles.high[i]!);
    const share = candles.volume[i]! / (highBin - lowBin + 1);
    for (let b = lowBin; b <= highBin; b++) volumes[b]! += share;
  }
  return { priceMin, binSize, levels, volumes };
}
