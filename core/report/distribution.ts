// Distribution summaries shared by spread paid and ambiguous-trade stats: quantiles and a
// histogram on fixed edges, so runs with different data still produce comparable bins.

import { quantileSorted } from './stats';

export interface Histogram {
  /** Ascending; bin i is [edges[i], edges[i + 1]). */
  edges: number[];
  counts: number[];
  /** Values below edges[0]. */
  underflow: number;
  /** Values at or above the last edge. */
  overflow: number;
}

export function histogram(values: readonly number[], edges: readonly number[]): Histogram {
  const counts = new Array<number>(Math.max(edges.length - 1, 0)).fill(0);
  let underflow = 0;
  let overflow = 0;
  const lo = edges[0] ?? Number.POSITIVE_INFINITY;
  const hi = edges[edges.length - 1] ?? Number.NEGATIVE_INFINITY;
  for (const v of values) {
    if (v < lo) underflow++;
    else if (v >= hi) overflow++;
    else {
      // Last edge ≤ v: few edges, a linear scan is clearer than a binary search.
      let b = 0;
      while (b + 1 < edges.length - 1 && (edges[b + 1] as number) <= v) b++;
      counts[b] = (counts[b] as number) + 1;
    }
  }
  return { edges: [...edges], counts, underflow, overflow };
}

export interface Quantiles {
  p50: number;
  p90: number;
  p99: number;
}

/** Type-7 quantiles (see stats.quantile); null for an empty list. */
export function quantiles(values: readonly number[]): Quantiles | null {
  if (values.length === 0) return null;
  const s = [...values].sort((a, b) => a - b);
  return { p50: quantileSorted(s, 0.5) as number, p90: quantileSorted(s, 0.9) as number, p99: quantileSorted(s, 0.99) as number };
}
