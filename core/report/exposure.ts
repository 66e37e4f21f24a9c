// Exposure: share of the run with at least one open position. Overlapping trades are merged so
// that two concurrent positions do not count the same minute twice.

/** Union length of [entryTs, exitTs] intervals clipped to [startTs, endTs]. */
export function coveredMs(
  intervals: ReadonlyArray<{ readonly entryTs: number; readonly exitTs: number }>,
  startTs: number,
  endTs: number,
): number {
  const clipped = intervals
    .map((t) => [Math.max(t.entryTs, startTs), Math.min(t.exitTs, endTs)] as const)
    .filter(([a, b]) => b > a)
    .sort((x, y) => x[0] - y[0]);
  let total = 0;
  let curStart = Number.NEGATIVE_INFINITY;
  let curEnd = Number.NEGATIVE_INFINITY;
  for (const [a, b] of clipped) {
    if (a > curEnd) {
      if (curEnd > curStart) total += curEnd - curStart;
      curStart = a;
      curEnd = b;
    } else if (b > curEnd) {
      curEnd = b;
    }
  }
  if (curEnd > curStart) total += curEnd - curStart;
  return total;
}

/** Fraction 0..1 of the run's span; null for a zero-length run. */
export function exposure(
  intervals: ReadonlyArray<{ readonly entryTs: number; readonly exitTs: number }>,
  startTs: number,
  endTs: number,
): number | null {
  const span = endTs - startTs;
  return span > 0 ? coveredMs(intervals, startTs, endTs) / span : null;
}
