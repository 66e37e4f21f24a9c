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
 * `rollingWindowMinutes` returns; sigma is recomputed two-pass each minute (exact, and only
 * a few hundred operations per minute). Before sigma exists the width stays at one base bin.
 */
export class VolatilityBinWidth {
  private readonly returns: Float64Array;
  private head = 0;
  private count = 0;
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
    }
    this.lastMinuteTs = minuteTs;
    if (Number.isFinite(this.lastMid) && this.lastMid > 0 && midTicks > 0) {
      this.returns[this.head] = Math.log(midTicks / this.lastMid);
      this.head = (this.head + 1) % this.returns.length;
      if (this.count < this.returns.length) this.count++;
    }
    this.lastMid = midTicks;
    // The ring fills from index 0 and the stdev ignores order, so it is read as stored.
    const sigma = sampleStdev(this.returns, this.count);
    if (Number.isNaN(sigma)) return { sigma, proposedTicks: this.width, binTicks: this.width, rebucketed: false };
    const ticks = proposeBinWidthTicks(midTicks, sigma, cfg.alphaBin, cfg.binWidthMaxTicks);
    const proposed = Math.max(1, Math.round(ticks / cfg.baseBinTicks)) * cfg.baseBinTicks;
    const minuteIndex = Math.floor(minuteTs / 60_000);
    const rebucketed = shouldRebucket(this.width, proposed, minuteIndex, cfg.rebucketChangePct, cfg.rebucketIntervalMinutes);
    if (rebucketed) this.width = proposed;
    return { sigma, proposedTicks: proposed, binTicks: this.width, rebucketed };
  }
}
