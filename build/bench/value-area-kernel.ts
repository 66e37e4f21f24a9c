// A lower bound on the cost of the bar backtest's rolling value area: the least work an exact
// per-bar POC/VAH/VAL over a 240-minute candle window needs, in the plainest code (flat typed
// arrays, no objects, no classes): spread the new candle over its bins and take out the one
// 240 bars old, find the window's ends, sum it and find its heaviest bin, walk out to 70%. It
// leaves out what the real one also does (float residue, the volatility bin width and its
// rebucket rule, ties resolved to the centre), so the real value area can only cost more.

export interface CandleColumns {
  readonly length: number;
  readonly low: ArrayLike<number>;
  readonly high: ArrayLike<number>;
  readonly volume: ArrayLike<number>;
}

/** Runs the kernel over every bar; returns a checksum of the levels (so none of it is dead code). */
export function valueAreaKernel(bars: CandleColumns, binTicks: number, windowBars: number, vaFraction: number): number {
  const n = bars.length;
  const lo = new Int32Array(n);
  const hi = new Int32Array(n);
  const per = new Float64Array(n);
  let minKey = Infinity;
  let maxKey = -Infinity;
  for (let i = 0; i < n; i++) {
    lo[i] = Math.floor(bars.low[i]! / binTicks);
    hi[i] = Math.floor(bars.high[i]! / binTicks);
    per[i] = bars.volume[i]! / (hi[i]! - lo[i]! + 1);
    minKey = Math.min(minKey, lo[i]!);
    maxKey = Math.max(maxKey, hi[i]!);
  }
  const size = maxKey - minKey + 1;
  const volume = new Float64Array(size);
  const count = new Int32Array(size);
  let from = size;
  let to = -1;
  let checksum = 0;
  for (let i = 0; i < n; i++) {
    const a = lo[i]! - minKey;
    const b = hi[i]! - minKey;
    const v = per[i]!;
    for (let k = a; k <= b; k++) {
      volume[k]! += v;
      count[k]!++;
    }
    if (a < from) from = a;
    if (b > to) to = b;
    if (i >= windowBars) {
      const oa = lo[i - windowBars]! - minKey;
      const ob = hi[i - windowBars]! - minKey;
      const ov = per[i - windowBars]!;
      for (let k = oa; k <= ob; k++) if (--count[k]! === 0) volume[k] = 0;
      else volume[k]! -= ov;
      while (count[from] === 0) from++;
      while (count[to] === 0) to--;
    }
    let total = 0;
    let max = -1;
    let poc = from;
    for (let k = from; k <= to; k++) {
      const x = volume[k]!;
      total += x;
      if (x > max) {
        max = x;
        poc = k;
      }
    }
    let low = poc;
    let high = poc;
    let covered = max;
    const threshold = vaFraction * total;
    while (covered < threshold && (low > from || high < to)) {
      const below = low > from ? volume[low - 1]! : -1;
      const above = high < to ? volume[high + 1]! : -1;
      if (below >= above) {
        low--;
        covered += below;
      } else {
        high++;
        covered += above;
      }
    }
    checksum += poc + low + high;
  }
  return checksum;
}
