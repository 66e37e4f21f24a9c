// One benchmark figure as a JSON line, with the process's peak memory so far (peak_rss_mb: the
// peak resident set of the benchmark's own process, its workload included).

export interface BenchFigure {
  readonly name: string;
  readonly value: number;
  readonly unit: string;
  readonly workload: string;
  readonly target?: string;
  /** The median run beside a best-of figure, in the same unit. */
  readonly median?: number;
  /** L1 quotes per trade in the workload, for benchmarks whose cost depends on it. */
  readonly quotes_per_trade?: number;
}

export function report(figure: BenchFigure): void {
  const peakRssMb = Math.round(process.resourceUsage().maxRSS / 1024);
  const median = figure.median === undefined ? {} : { median: Number(figure.median.toPrecision(4)) };
  console.log(JSON.stringify({ ...figure, value: Number(figure.value.toPrecision(4)), ...median, peak_rss_mb: peakRssMb }));
}

/** Best of `runs` timings of `fn`, in ms (the first run warms the JIT). */
export function bestOf(runs: number, fn: () => void): number {
  let best = Infinity;
  for (let i = 0; i < runs; i++) best = Math.min(best, timeMs(fn));
  return best;
}

/** Wall time of one call of `fn`, in ms. */
export function timeMs(fn: () => void): number {
  const started = performance.now();
  fn();
  return performance.now() - started;
}

/** The p-th percentile (0-100) of `values`, nearest rank. */
export function percentile(values: readonly number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
}
