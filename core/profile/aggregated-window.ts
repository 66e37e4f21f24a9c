// The rolling window's base histogram summed into bins of k base bins, kept between minute
// closes: only the wide bins whose base bins changed (the minute added, the minutes evicted) are
// summed again. Each wide bin is the same sum, in the same order, as aggregateBins makes from
// scratch, so the levels are bit for bit the ones LevelsCalculator.compute gives. Re-summing the
// whole 240-minute window at every close (~3,100 base bins at k = 30-39 on the benchmark tape)
// was 6% of the market core's single pass.

import { computeValueArea } from './value-area';
import { INVALID_LEVELS, levelsOfValueArea, type BaseHistogramView, type ProfileLevels } from './profile-levels';

export class AggregatedWindow {
  private bins = new Float64Array(0);
  /** Wide-bin key of bins[0]; NaN when nothing is kept (the next read sums everything). */
  private binOrigin = NaN;
  private k = 0;
  /** The base array and origin the bins were summed from: a regrown window is summed afresh. */
  private source: Float64Array | null = null;
  private sourceOrigin = NaN;
  /** Base-key ranges changed since the last read, as [lo, hi] pairs. */
  private readonly dirty: number[] = [];

  /** Base keys lo..hi of the window changed. */
  touch(lo: number, hi: number): void {
    if (this.source === null) return;
    // Levels not read for a long while: summing everything then is cheaper than the list.
    if (this.dirty.length >= 64) this.reset();
    else this.dirty.push(lo, hi);
  }

  /** Drops everything kept (the window was emptied or regrown). */
  reset(): void {
    this.source = null;
    this.dirty.length = 0;
  }

  /** POC / VAH / VAL of `view` at k base bins per wide bin (k >= 2), as LevelsCalculator.compute. */
  levels(view: BaseHistogramView, k: number, baseBinTicks: number, vaFraction: number): ProfileLevels {
    if (view.lo > view.hi) return INVALID_LEVELS;
    const volumes = view.volumes;
    if (volumes !== this.source || view.origin !== this.sourceOrigin || k !== this.k) this.sumAll(view, k);
    else this.sumDirty(volumes, view.origin);
    this.dirty.length = 0;
    const from = Math.floor(view.lo / k) - this.binOrigin;
    const to = Math.floor(view.hi / k) - this.binOrigin + 1;
    return levelsOfValueArea(computeValueArea(this.bins, vaFraction, from, to), this.binOrigin, k * baseBinTicks);
  }

  private sumAll(view: BaseHistogramView, k: number): void {
    const volumes = view.volumes;
    const binOrigin = Math.floor(view.origin / k);
    const count = Math.floor((view.origin + volumes.length - 1) / k) - binOrigin + 1;
    if (this.bins.length < count) this.bins = new Float64Array(count);
    else this.bins.fill(0);
    this.binOrigin = binOrigin;
    this.k = k;
    this.source = volumes;
    this.sourceOrigin = view.origin;
    // Base bins outside lo..hi hold exactly 0, so the wide bins outside stay 0.
    this.sumRange(volumes, view.origin, view.lo, view.hi);
  }

  private sumDirty(volumes: Float64Array, origin: number): void {
    const d = this.dirty;
    for (let n = 0; n < d.length; n += 2) this.sumRange(volumes, origin, d[n]!, d[n + 1]!);
  }

  /** Sums again every wide bin holding a base key in lo..hi. */
  private sumRange(volumes: Float64Array, origin: number, lo: number, hi: number): void {
    const k = this.k;
    const bins = this.bins;
    const last = volumes.length - 1;
    for (let b = Math.floor(lo / k); b <= Math.floor(hi / k); b++) {
      // From the lowest key up, starting at 0: aggregateBins' order (its clipped edge bins only
      // leave out base bins that are exactly 0, and 0 + v is v).
      const start = Math.max(0, b * k - origin);
      const end = Math.min(last, b * k + k - 1 - origin);
      let sum = 0;
      for (let i = start; i <= end; i++) sum += volumes[i]!;
      bins[b - this.binOrigin] = sum;
    }
  }
}
