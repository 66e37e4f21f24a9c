// Binance's range semantics (startTime / endTime / limit / fromId) over sorted columns and over
// regular time grids, shared by every history the simulator serves.

import type { IdRangeQuery, RangeQuery } from './data-source';

/** First index whose value is >= x, in a non-decreasing array of `n` values. */
export function lowerBound(values: ArrayLike<number>, n: number, x: number): number {
  let lo = 0;
  let hi = n;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((values[mid] as number) < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** First index whose value is > x. */
export function upperBound(values: ArrayLike<number>, n: number, x: number): number {
  let lo = 0;
  let hi = n;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((values[mid] as number) <= x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** The half-open index window [from, to) a query selects from rows sorted by time and id. */
export function selectRows(
  ts: ArrayLike<number>,
  ids: ArrayLike<number> | null,
  n: number,
  query: IdRangeQuery,
): { from: number; to: number } {
  const end = query.endTime === undefined ? n : upperBound(ts, n, query.endTime);
  let from: number;
  if (query.fromId !== undefined && ids) from = lowerBound(ids, n, query.fromId);
  else if (query.startTime !== undefined) from = lowerBound(ts, n, query.startTime);
  else return { from: Math.max(0, end - query.limit), to: end };
  return { from, to: Math.max(from, Math.min(from + query.limit, end)) };
}

/**
 * The times of a grid `origin + k * step` inside [first, last] that a query selects: the same
 * semantics as selectRows for series that exist at every step (bars, funding, OI samples).
 */
export function selectGrid(
  origin: number,
  step: number,
  first: number,
  last: number,
  query: RangeQuery,
): number[] {
  const kFirst = Math.ceil((first - origin) / step);
  const kLast = Math.floor((last - origin) / step);
  const kEnd = query.endTime === undefined ? kLast : Math.min(kLast, Math.floor((query.endTime - origin) / step));
  let kFrom: number;
  let kTo: number;
  if (query.startTime !== undefined) {
    kFrom = Math.max(kFirst, Math.ceil((query.startTime - origin) / step));
    kTo = Math.min(kEnd, kFrom + query.limit - 1);
  } else {
    kTo = kEnd;
    kFrom = Math.max(kFirst, kEnd - query.limit + 1);
  }
  const out: number[] = [];
  for (let k = kFrom; k <= kTo; k++) out.push(origin + k * step);
  return out;
}
