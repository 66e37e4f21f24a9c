// Point of control and value area of one volume histogram (seed 003 §5.4.4): the POC bin, then
// single-bin steps outward to the heavier neighbour until va_fraction of the volume is covered.

export const DEFAULT_VA_FRACTION = 0.7;

/** Indices are positions in the histogram passed in; -1 when the result is invalid. */
export interface ValueArea {
  /** False when the histogram holds no volume: no POC, no value area, do not trade on it. */
  readonly valid: boolean;
  readonly pocIndex: number;
  /** Highest bin included in the value area. */
  readonly vahIndex: number;
  /** Lowest bin included in the value area. */
  readonly valIndex: number;
  /** Volume inside [valIndex, vahIndex] divided by the total (>= va fraction when valid). */
  readonly coverage: number;
  readonly total: number;
}

export const INVALID_VALUE_AREA: ValueArea = {
  valid: false,
  pocIndex: -1,
  vahIndex: -1,
  valIndex: -1,
  coverage: 0,
  total: 0,
};

/**
 * POC: the bin with the most volume. Ties go to the tied bin closest to the histogram's
 * volume-weighted centre, and if two are equally close, to the lower one; so a flat top picks
 * its middle, as a trader's eye does, and the answer never depends on scan direction.
 *
 * Value area: start at the POC and repeatedly add the heavier of the two bins adjacent to the
 * covered range (one bin per side per step, as seed 003 says, not the two-bin CBOT variant);
 * on equal volume the lower bin is added first (seed 000's reference code does the same). A
 * range that touches an edge grows only inward. Stops as soon as covered / total >= vaFraction.
 * The edges are the first and last bins with volume: empty bins outside them never enter.
 *
 * Only bins [from, to) are read. Negative volumes are not expected (callers clamp residue).
 */
export function computeValueArea(
  volumes: ArrayLike<number>,
  vaFraction: number = DEFAULT_VA_FRACTION,
  from = 0,
  to: number = volumes.length,
): ValueArea {
  // Indices as int32: callers compute them from fields that also hold Infinity (an empty range),
  // so V8 kept them as doubles and converted and checked the loop index at every bin (the scan
  // and the expansion below run at every minute close).
  from |= 0;
  to |= 0;
  let total = 0;
  let maxVolume = 0;
  let pocIndex = -1;
  let ties = 0;
  // One pass for the total and the heaviest bin, whose branch is almost never taken; the first
  // and last traded bins are then found from the ends (usually the ends themselves).
  for (let i = from; i < to; i++) {
    const v = volumes[i]!;
    total += v;
    if (v >= maxVolume) {
      if (v > maxVolume) {
        maxVolume = v;
        pocIndex = i;
        ties = 1;
      } else if (v > 0) ties++;
    }
  }
  if (!(total > 0) || pocIndex < 0) return INVALID_VALUE_AREA;
  // Empty bins beyond the first and last traded ones are not part of the profile.
  while (!(volumes[from]! > 0)) from++;
  while (!(volumes[to - 1]! > 0)) to--;
  if (ties > 1) pocIndex = pocClosestToCentre(volumes, from, to, maxVolume, total);

  let low = pocIndex;
  let high = pocIndex;
  let covered = maxVolume;
  // The stop test is covered / total < vaFraction, exactly as written; the rolling profile runs it
  // at every minute close (about 60 steps on a 4h window). `covered` is compared with the
  // threshold first and the division is made only within 1e-12 of it, where its rounding could
  // matter: the same answer, without a division per step.
  const threshold = vaFraction * total;
  const surelyBelow = threshold * (1 - 1e-12);
  const surelyAbove = threshold * (1 + 1e-12);
  const last = to - 1;
  while (low > from || high < last) {
    if (!(covered < surelyBelow) && (covered > surelyAbove || !(covered / total < vaFraction))) break;
    const below = low > from ? volumes[low - 1]! : -1;
    const above = high < last ? volumes[high + 1]! : -1;
    if (below >= above) {
      low--;
      covered += below;
    } else {
      high++;
      covered += above;
    }
  }
  return { valid: true, pocIndex, vahIndex: high, valIndex: low, coverage: covered / total, total };
}

function pocClosestToCentre(volumes: ArrayLike<number>, from: number, to: number, maxVolume: number, total: number): number {
  let moment = 0;
  for (let i = from; i < to; i++) moment += (i - from) * volumes[i]!;
  const centre = from + moment / total;
  let best = -1;
  let bestDistance = Infinity;
  for (let i = from; i < to; i++) {
    if (volumes[i] !== maxVolume) continue;
    const distance = Math.abs(i - centre);
    // Strictly closer only: scanning upward, an equally close later bin loses to the lower one.
    if (distance < bestDistance) {
      best = i;
      bestDistance = distance;
    }
  }
  return best;
}
