// One benchmark figure as a JSON line, with the process's peak memory so far (peak_rss_mb: the
// peak resident set of the benchmark's own process, its workload included).

export interface BenchFigure {
  readonly name: string;
  readonly value: number;
  readonly unit: string;
  readonly workload: string;
  readonly target?: string;
  /** L1 quotes per trade in the workload, for benchmarks whose cost depends on it. */
  readonly quotes_per_trade?: number;
}

export function report(figure: BenchFigure): void {
  const peakRssMb = Math.round(process.resourceUsage().maxRSS / 1024);
  console.log(JSON.stringify({ ...figure, value: Number(figure.value.toPrecision(4)), peak_rss_mb: peakRssMb }));
}

/** Best of `runs` timings of `fn`, in ms (the first run warms the JIT). */
export function bestOf(runs: number, fn: () => void): number {
  let best = Infinity;
  for (let i = 0; i < runs; i++) {
    const started = performance.now();
    fn();
    best = Math.min(best, performance.now() - started);
  }
  return best;
}
