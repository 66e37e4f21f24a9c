// Small numeric helpers shared by the report modules, with the conventions written down once
// (sample stdev, numpy-default quantiles, how a division by zero is represented).

export function sum(xs: readonly number[]): number {
  let s = 0;
  for (const x of xs) s += x;
  return s;
}

/** null for an empty list: an average of nothing is not 0. */
export function mean(xs: readonly number[]): number | null {
  return xs.length === 0 ? null : sum(xs) / xs.length;
}

/** Sample (n − 1) standard deviation, as pandas' std() used by jesse; null below 2 values. */
export function sampleStd(xs: readonly number[]): number | null {
  if (xs.length < 2) return null;
  const m = sum(xs) / xs.length;
  let ss = 0;
  for (const x of xs) ss += (x - m) * (x - m);
  return Math.sqrt(ss / (xs.length - 1));
}

/**
 * Quantile by linear interpolation between closest ranks (numpy's default, Hyndman-Fan type 7):
 * h = (n − 1)·p, lerp between the values at floor(h) and ceil(h). null for an empty list.
 */
export function quantile(xs: readonly number[], p: number): number | null {
  if (xs.length === 0) return null;
  const sorted = [...xs].sort((a, b) => a - b);
  return quantileSorted(sorted, p);
}

export function quantileSorted(sorted: readonly number[], p: number): number | null {
  if (sorted.length === 0) return null;
  const h = (sorted.length - 1) * p;
  const lo = Math.floor(h);
  const hi = Math.ceil(h);
  const a = sorted[lo] as number;
  const b = sorted[hi] as number;
  return a + (b - a) * (h - lo);
}

/**
 * One rule for every ratio in the report: a positive numerator over a zero denominator is
 * +Infinity (e.g. profit factor with no losing trade), negative is −Infinity, 0/0 is null
 * (undefined). Infinity survives in memory; the JSON serializer turns it into null + a flag.
 */
export function ratio(num: number, den: number): number | null {
  if (den !== 0) return num / den;
  if (num > 0) return Infinity;
  if (num < 0) return -Infinity;
  return null;
}
