// Obviously-correct reference computations for the profile tests: Maps and sorted keys, no
// typed arrays, no incremental state; slow on purpose so that they are easy to believe.

export interface PlainLevels {
  valid: boolean;
  poc: number;
  val: number;
  vah: number;
  total: number;
}

/** POC / VAL / VAH over bin keys, with the documented tie rules, written from the rules alone. */
export function plainValueArea(byKey: Map<number, number>, vaFraction: number): { valid: boolean; poc: number; val: number; vah: number; total: number } {
  const keys = [...byKey.keys()].filter((k) => (byKey.get(k) ?? 0) > 0).sort((a, b) => a - b);
  if (keys.length === 0) return { valid: false, poc: NaN, val: NaN, vah: NaN, total: 0 };
  const first = keys[0]!;
  const last = keys[keys.length - 1]!;
  const bins: number[] = [];
  for (let k = first; k <= last; k++) bins.push(byKey.get(k) ?? 0);
  const total = bins.reduce((s, v) => s + v, 0);
  const max = Math.max(...bins);
  const centre = bins.reduce((s, v, i) => s + i * v, 0) / total;
  const tied = bins.map((v, i) => [v, i] as const).filter(([v]) => v === max).map(([, i]) => i);
  // Closest to the volume-weighted centre; equal distance: the lower bin.
  tied.sort((a, b) => Math.abs(a - centre) - Math.abs(b - centre) || a - b);
  const poc = tied[0]!;
  let low = poc;
  let high = poc;
  let covered = bins[poc]!;
  while (covered / total < vaFraction && (low > 0 || high < bins.length - 1)) {
    const canDown = low > 0;
    const canUp = high < bins.length - 1;
    if (canDown && (!canUp || bins[low - 1]! >= bins[high + 1]!)) {
      low -= 1;
      covered += bins[low]!;
    } else {
      high += 1;
      covered += bins[high]!;
    }
  }
  return { valid: true, poc: first + poc, val: first + low, vah: first + high, total };
}

/** Groups base keys into bins of k (floor division) and returns POC/VAL/VAH as tick low edges. */
export function plainLevels(baseByKey: Map<number, number>, baseBinTicks: number, binTicks: number, vaFraction: number): PlainLevels {
  const k = Math.max(1, Math.round(binTicks / baseBinTicks));
  const agg = new Map<number, number>();
  for (const [key, v] of baseByKey) {
    const a = Math.floor(key / k);
    agg.set(a, (agg.get(a) ?? 0) + v);
  }
  const va = plainValueArea(agg, vaFraction);
  const width = k * baseBinTicks;
  return { valid: va.valid, poc: va.poc * width, val: va.val * width, vah: va.vah * width, total: va.total };
}
