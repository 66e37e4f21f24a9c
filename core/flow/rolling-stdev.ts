// Fixed-window rolling standard deviation in O(1) per value, shared by BVC and sigma_240.
// Running sums are re-summed exactly once per window so floating error cannot accumulate.

export class RollingStdev {
  private readonly ring: Float64Array;
  private readonly ddof: number;
  private head = 0;
  private count = 0;
  private sum = 0;
  private sumSq = 0;
  private nonFinite = 0;
  private sinceResum = 0;

  /** `ddof` 1 gives the sample stdev (pandas' default), 0 the population stdev. */
  constructor(
    readonly window: number,
    ddof: 0 | 1 = 1,
  ) {
    if (!Number.isInteger(window) || window < 1 + ddof) throw new RangeError(`window must be an integer > ${ddof}, got ${window}`);
    this.ring = new Float64Array(window);
    this.ddof = ddof;
  }

  /** Adds a value; returns the stdev of the last `window` values, NaN until the window is full or while it holds a non-finite value. */
  push(x: number): number {
    const w = this.window;
    if (this.count === w) {
      const old = this.ring[this.head]!;
      if (Number.isFinite(old)) {
        this.sum -= old;
        this.sumSq -= old * old;
      } else {
        this.nonFinite--;
      }
    } else {
      this.count++;
    }
    this.ring[this.head] = x;
    this.head = this.head + 1 === w ? 0 : this.head + 1;
    if (Number.isFinite(x)) {
      this.sum += x;
      this.sumSq += x * x;
    } else {
      this.nonFinite++;
    }
    if (++this.sinceResum >= w) this.resum();
    return this.value();
  }

  value(): number {
    if (this.count < this.window || this.nonFinite > 0) return NaN;
    const n = this.count;
    const variance = (this.sumSq - (this.sum * this.sum) / n) / (n - this.ddof);
    return variance > 0 ? Math.sqrt(variance) : 0;
  }

  private resum(): void {
    let sum = 0;
    let sumSq = 0;
    for (let i = 0; i < this.count; i++) {
      const v = this.ring[i]!;
      if (Number.isFinite(v)) {
        sum += v;
        sumSq += v * v;
      }
    }
    this.sum = sum;
    this.sumSq = sumSq;
    this.sinceResum = 0;
  }
}
