// High and low volume nodes of a profile: seed 000's threshold masks, and the local peaks and
// troughs FOOTPRINT.md describes, filtered by the same thresholds.

/** Bin indices, ascending. */
export interface VolumeNodes {
  readonly hvn: number[];
  readonly lvn: number[];
}

/** Seed 000's default lvn_threshold (it suggests 0.20 for crypto's thinner books). */
export const SEED_LVN_THRESHOLD = 0.25;

/**
 * Seed 000 exactly: HVN where volume >= max * (1 - t), LVN where volume <= max * t. Every bin is
 * classified, so a thin tail of the profile is a run of LVNs.
 */
export function thresholdVolumeNodes(volumes: ArrayLike<number>, lvnThreshold = SEED_LVN_THRESHOLD): VolumeNodes {
  let max = 0;
  for (let i = 0; i < volumes.length; i++) if (volumes[i]! > max) max = volumes[i]!;
  const hvn: number[] = [];
  const lvn: number[] = [];
  if (max <= 0) return { hvn, lvn };
  for (let i = 0; i < volumes.length; i++) {
    const v = volumes[i]!;
    if (v >= max * (1 - lvnThreshold)) hvn.push(i);
    if (v <= max * lvnThreshold) lvn.push(i);
  }
  return { hvn, lvn };
}

/** Centred moving average over 2*radius+1 bins; near the edges it averages the bins that exist. */
export function smoothProfile(volumes: ArrayLike<number>, radius: number): Float64Array {
  const n = volumes.length;
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const from = Math.max(0, i - radius);
    const to = Math.min(n - 1, i + radius);
    let sum = 0;
    for (let j = from; j <= to; j++) sum += volumes[j]!;
    out[i] = sum / (to - from + 1);
  }
  return out;
}

export interface LocalNodeOptions {
  /** Smoothing radius in bins before looking for extrema (0: raw profile). */
  readonly smoothRadius?: number;
  /** A peak is an HVN only if its smoothed volume >= this share of the smoothed maximum. */
  readonly hvnMinFraction?: number;
  /** A trough is an LVN only if its smoothed volume <= this share of the smoothed maximum. */
  readonly lvnMaxFraction?: number;
  /**
   * A node must stand out from its surroundings by at least this share of the smoothed maximum
   * (its topographic prominence; default 0.1): a trough's lower side rises at least that much
   * above it before the profile falls below the trough again, and a peak's higher-lying side
   * drops at least that much below it before the profile climbs above the peak. Without it
   * every ripple of a thin tail (a fast move's few prints per level) was a node: 17 LVNs on one
   * 150-point leg of the simulated market.
   */
  readonly minProminence?: number;
}

/** The smoothed profile's extreme on one side of run [start, end] before it passes `v` (the edge otherwise). */
function sideExtreme(smoothed: Float64Array, from: number, step: 1 | -1, v: number, trough: boolean): number {
  let extreme = v;
  for (let k = from; k >= 0 && k < smoothed.length; k += step) {
    const x = smoothed[k]!;
    if (trough ? x < v : x > v) break;
    if (trough ? x > extreme : x < extreme) extreme = x;
  }
  return extreme;
}

/**
 * Local extrema of the smoothed profile. A plateau (run of equal values) counts as one
 * extremum reported at its middle bin (the lower middle for an even run).
 * - HVN: a peak: the bins on both sides of the run are lower; a run at the profile's edge
 *   needs only its inner neighbour lower (a profile can peak at its end).
 * - LVN: a trough: higher bins on BOTH sides; the thin tail at an edge is not a node, it is the
 *   end of the auction.
 * Defaults keep seed 000's thresholds (t = 0.25: HVN >= 75% of max, LVN <= 25% of max), so a
 * node found here is also one by the seed's masks, only restricted to true peaks and troughs
 * that stand out by `minProminence`.
 */
export function localVolumeNodes(volumes: ArrayLike<number>, options: LocalNodeOptions = {}): VolumeNodes {
  const smoothed = smoothProfile(volumes, options.smoothRadius ?? 1);
  const hvnMin = options.hvnMinFraction ?? 1 - SEED_LVN_THRESHOLD;
  const lvnMax = options.lvnMaxFraction ?? SEED_LVN_THRESHOLD;
  const prominence = options.minProminence ?? 0.1;
  let max = 0;
  for (const v of smoothed) if (v > max) max = v;
  const hvn: number[] = [];
  const lvn: number[] = [];
  if (max <= 0) return { hvn, lvn };
  const n = smoothed.length;
  let start = 0;
  while (start < n) {
    let end = start;
    while (end + 1 < n && smoothed[end + 1] === smoothed[start]) end++;
    const v = smoothed[start]!;
    const below = start > 0 ? smoothed[start - 1]! : undefined;
    const above = end < n - 1 ? smoothed[end + 1]! : undefined;
    const middle = (start + end) >> 1;
    const isPeak = (below === undefined || below < v) && (above === undefined || above < v) && (below !== undefined || above !== undefined);
    const isTrough = below !== undefined && above !== undefined && below > v && above > v;
    if (isPeak && v >= max * hvnMin) {
      // A peak at an edge has only its inner side to drop.
      const drop = Math.max(below === undefined ? -Infinity : sideExtreme(smoothed, start - 1, -1, v, false), above === undefined ? -Infinity : sideExtreme(smoothed, end + 1, 1, v, false));
      if (v - drop >= max * prominence) hvn.push(middle);
    }
    if (isTrough && v <= max * lvnMax) {
      const rise = Math.min(sideExtreme(smoothed, start - 1, -1, v, true), sideExtreme(smoothed, end + 1, 1, v, true));
      if (rise - v >= max * prominence) lvn.push(middle);
    }
    start = end + 1;
  }
  return { hvn, lvn };
}
