// Volatility-scaled profile bin width (seed 003 §5.2-§5.3): sigma of minute log returns over the
// rolling window, bin_width = alpha * mid * sigma in ticks, applied only under the rebucket rule.

import type { RollingProfileConfig } from './config';

/**
 * Proposed bin width in ticks: round(alpha * mid * sigma), clamped to [1 tick, max]. Mid is in
 * ticks, so the product is already in ticks. A non-finite input proposes 1 tick.
 */
export function proposeBinWidthTicks(midTicks: number, sigma: number, alphaBin: number, maxTicks: number): number {
  const raw = Math.round(alphaBin * midTicks * sigma);
  if (!Number.isFinite(raw) || raw < 1) return 1;
  return Math.min(raw, maxTicks);
}

/**
 * Seed rule: apply the new width when it moved by at least changePct of the current one, or on
 * every minute index (minutes since the epoch of the bar's open time) divisible by the interval.
 */
export function shouldRebucket(
  currentTicks: number,
  proposedTicks: number,
  minuteIndex: number,
  changePct: number,
  intervalMinutes: number,
): boolean {
  if (proposedTicks === currentTicks) return false;
  if (Math.abs(proposedTicks - currentTicks) / currentTicks >= changePct) return true;
  return intervalMinutes > 0 && minuteIndex % intervalMinutes === 0;
}

/** Sample standard deviation (n - 1) of values[0..count); NaN below two values. */
export function sampleStdev(values: Float64Array, count: number): number {
  if (count < 2) return NaN;
  let sum = 0;
  for (let i = 0; i < count; i++) sum += values[i]!;
  const mean = sum / count;
  let squares = 0;
  for (let i = 0; i < count; i++) {
    const d = values[i]! - mean;
    squares += d * d;
  }
  return Math.sqrt(squares / (count - 1));
}

export interface BinWidthState {
  /** Stdev of the last window's log returns; NaN until two returns exist. */
  readonly sigma: number;
  /** Width the volatility asks for this minute, in ticks (a whole number of base bins). */
  readonly proposedTicks: number;
  /** Width in force after this minute (what the value area is computed at). */
  readonly binTicks: number;
  /** True when this minute switched the width. */
  readonly rebucketed: boolean;
}

/**
 * Tracks sigma_240 and the bin width in force, one update per closed minute. Returns are taken
 * between successive updates (minutes without trades contribute no return), over the last
 * `rollingWindowMinutes` returns. Before sigma exists the width stays at one base bin.
 *
 * Sigma comes from running sums of the returns and their squares (one add and one subtract a
 * minute) instead of a two-pass stdev over the window: that pass was 3.7% of a year's bar
 * backtest. The sums are rebuilt from the ring once per window's worth of returns, and whenever
 * cancellation would cost precision, so rounding drift cannot build up over a long run and a
 * collapse in volatility is still measured well: sigma stays within 1e-12 relative of the two-pass
 * value (tests/core/profile/bin-width-incremental.test.ts), far below what moves a whole tick.
 */
export class VolatilityBinWidth {
  private readonly returns: Float64Array;
  private head = 0;
  private count = 0;
  // Sums of (r - shift) and its square. The shift (the mean at the last rebuild) keeps the
  // subtraction in sigma() well conditioned when the returns share a trend.
  private shift = 0;
  private sum = 0;
  private sumSq = 0;
  /** Largest sumSq since the last rebuild: the scale of the rounding error the sums carry. */
  private peak = 0;
  /** Returns pushed since the sums were last rebuilt from the ring. */
  private sinceResync = 0;
  private lastMid = NaN;
  private lastMinuteTs = NaN;
  private width: number;

  constructor(private readonly config: RollingProfileConfig) {
    this.returns = new Float64Array(config.rollingWindowMinutes);
    this.width = config.baseBinTicks;
  }

  get binTicks(): number {
    return this.width;
  }

  /** Feeds the close (or mid) of the minute opening at minuteTs, both in ticks / UTC ms. */
  update(minuteTs: number, midTicks: number): BinWidthState {
    const cfg = this.config;
    // After a gap longer than the window (a capture that stops and resumes days later) the old
    // returns say nothing about now, and the return across the gap is not a 1-minute return.
    if (minuteTs - this.lastMinuteTs > cfg.rollingWindowMinutes * 60_000) {
      this.count = 0;
      this.head = 0;
      this.lastMid = NaN;
      this.shift = 0;
      this.sum = 0;
      this.sumSq = 0;
      this.peak = 0;
      this.sinceResync = 0;
    }
    this.lastMinuteTs = minuteTs;
    if (Number.isFinite(this.lastMid) && this.lastMid > 0 && midTicks > 0) {
      const r = Math.log(midTicks / this.lastMid);
      const ring = this.returns;
      if (this.count === ring.length) {
        const old = ring[this.head]! - this.shift;
        this.sum -= old;
        this.sumSq -= old * old;
      } else this.count++;
      ring[this.head] = r;
      this.head = (this.head + 1) % ring.length;
      const d = r - this.shift;
      this.sum += d;
      this.sumSq += d * d;
      if (this.sumSq > this.peak) this.peak = this.sumSq;
      if (++this.sinceResync >= ring.length) this.resync();
    }
    this.lastMid = midTicks;
    const sigma = this.sigma();
    if (Number.isNaN(sigma)) return { sigma, proposedTicks: this.width, binTicks: this.width, rebucketed: false };
    const ticks = proposeBinWidthTicks(midTicks, sigma, cfg.alphaBin, cfg.binWidthMaxTicks);
    const proposed = Math.max(1, Math.round(ticks / cfg.baseBinTicks)) * cfg.baseBinTicks;
    const minuteIndex = Math.floor(minuteTs / 60_000);
    const rebucketed = shouldRebucket(this.width, proposed, minuteIndex, cfg.rebucketChangePct, cfg.rebucketIntervalMinutes);
    if (rebucketed) this.width = proposed;
    return { sigma, proposedTicks: proposed, binTicks: this.width, rebucketed };
  }

  /** Sample stdev (n - 1) from the running sums; NaN below two returns. */
  private sigma(): number {
    const n = this.count;
    if (n < 2) return NaN;
    // Deviations from the mean, as sums: sum((d - mean_d)^2) = sumSq - sum^2 / n. Rounding can
    // take a zero spread (a constant price) a hair below zero: it is zero.
    let squares = this.sumSq - (this.sum * this.sum) / n;
    // The sums carry rounding of order 1e-16 * sqrt(updates) * peak; once the spread falls to 1%
    // of the peak (volatility collapsing, or the mean drifting from the shift) that error would
    // reach 1e-13 of sigma, so rebuild exactly around the current mean and answer from that.
    if (squares < this.peak * 0.01) {
      this.resync();
      squares = this.sumSq - (this.sum * this.sum) / n;
    }
    // An infinite return (an infinite mid) poisons the sums until the next rebuild: the exact
    // pass then answers as it always did.
    if (!Number.isFinite(squares)) return sampleStdev(this.returns, n);
    return Math.sqrt(squares > 0 ? squares / (n - 1) : 0);
  }

  /** Rebuilds the sums from the ring around its mean (ring order does not matter to them). */
  private resync(): void {
    const ring = this.returns;
    const n = this.count;
    let total = 0;
    for (let i = 0; i < n; i++) total += ring[i]!;
    this.shift = n > 0 ? total / n : 0;
    let sum = 0;
    let sumSq = 0;
    for (let i = 0; i < n; i++) {
      const d = ring[i]! - this.shift;
      sum += d;
      sumSq += d * d;
    }
    this.sum = sum;
    this.sumSq = sumSq;
    this.peak = sumSq;
    this.sinceResync = 0;
  }
}
