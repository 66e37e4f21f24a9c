// Turns a base-bin histogram into POC / VAH / VAL in ticks at a chosen (wider) bin width:
// seed 003 §5.4.3 aggregation followed by the value area of value-area.ts.

import { computeValueArea } from './value-area';

/**
 * Levels in integer ticks. Every level is the LOW EDGE of its bin (the seed's bin key,
 * floor(price / width) * width): a bin [vah, vah + binTicks) is the highest one inside the value
 * area, so the value area spans [val, vah + binTicks) in price. With 1-tick bins these are
 * simply the traded prices.
 */
export interface ProfileLevels {
  readonly valid: boolean;
  /** Width in ticks of the bins the levels refer to. */
  readonly binTicks: number;
  readonly poc: number;
  readonly vah: number;
  readonly val: number;
  readonly coverage: number;
  readonly total: number;
}

export const INVALID_LEVELS: ProfileLevels = { valid: false, binTicks: 0, poc: NaN, vah: NaN, val: NaN, coverage: 0, total: 0 };

/** A histogram over base-bin keys: volumes[key - origin] for keys lo..hi. */
export interface BaseHistogramView {
  readonly volumes: Float64Array;
  readonly origin: number;
  readonly lo: number;
  readonly hi: number;
}

/**
 * Sums base bins into groups of k (seed §5.4.3: agg key = floor(base key / k)), writing agg
 * bins floor(lo/k)..floor(hi/k) to out[0..]. Returns the number of agg bins written.
 */
export function aggregateBins(view: BaseHistogramView, k: number, out: Float64Array): number {
  const firstAgg = Math.floor(view.lo / k);
  const count = Math.floor(view.hi / k) - firstAgg + 1;
  for (let a = 0; a < count; a++) {
    const start = Math.max(view.lo, (firstAgg + a) * k);
    const end = Math.min(view.hi, (firstAgg + a) * k + k - 1);
    let sum = 0;
    for (let key = start; key <= end; key++) sum += view.volumes[key - view.origin]!;
    out[a] = sum;
  }
  return count;
}

/** Computes levels repeatedly with one reusable scratch buffer (one allocation per growth). */
export class LevelsCalculator {
  private scratch: Float64Array = new Float64Array(1024);

  /**
   * @param baseBinTicks width of one base bin in ticks.
   * @param binTicks requested bin width in ticks; rounded to a whole number of base bins (>= 1).
   */
  compute(view: BaseHistogramView, baseBinTicks: number, binTicks: number, vaFraction: number): ProfileLevels {
    if (view.lo > view.hi) return INVALID_LEVELS;
    const k = Math.max(1, Math.round(binTicks / baseBinTicks));
    if (k === 1) return this.computeUnaggregated(view, baseBinTicks, vaFraction);
    const needed = Math.floor(view.hi / k) - Math.floor(view.lo / k) + 1;
    if (needed > this.scratch.length) this.scratch = new Float64Array(needed * 2);
    const count = aggregateBins(view, k, this.scratch);
    const va = computeValueArea(this.scratch, vaFraction, 0, count);
    if (!va.valid) return INVALID_LEVELS;
    const width = k * baseBinTicks;
    const firstEdge = Math.floor(view.lo / k) * width;
    return {
      valid: true,
      binTicks: width,
      poc: firstEdge + va.pocIndex * width,
      vah: firstEdge + va.vahIndex * width,
      val: firstEdge + va.valIndex * width,
      coverage: va.coverage,
      total: va.total,
    };
  }

  /** Base bins as they are: read in place, no copy. */
  private computeUnaggregated(view: BaseHistogramView, baseBinTicks: number, vaFraction: number): ProfileLevels {
    const va = computeValueArea(view.volumes, vaFraction, view.lo - view.origin, view.hi - view.origin + 1);
    if (!va.valid) return INVALID_LEVELS;
    const edge = (index: number): number => (view.origin + index) * baseBinTicks;
    return {
      valid: true,
      binTicks: baseBinTicks,
      poc: edge(va.pocIndex),
      vah: edge(va.vahIndex),
      val: edge(va.valIndex),
      coverage: va.coverage,
      total: va.total,
    };
  }
}
