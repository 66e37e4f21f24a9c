// Rolling N-minute volume profile (seed 003 §5.4.2): per-minute base histograms in a ring, added
// to a running histogram when their minute closes and subtracted when they leave the window.

import { floorToMinute, MINUTE_MS } from '../market/bars';
import { AggregatedWindow } from './aggregated-window';
import { VolatilityBinWidth, type BinWidthState } from './bin-width';
import { rollingProfileConfig, type RollingProfileConfig } from './config';
import { INVALID_LEVELS, LevelsCalculator, type BaseHistogramView, type ProfileLevels } from './profile-levels';
import { planGrowth, regrowFloat64, regrowInt32, TickHistogram } from './tick-histogram';
import type { TradeColumns } from './trade-columns';
import { throwNotFinite, throwOutOfOrder } from '../market/time-order';

/** Per-minute features of seed 003 §3.3 that the profile owns. */
export interface RollingProfileFeatures {
  /** Open time of the minute the window ends with (UTC ms). */
  readonly minuteTs: number;
  readonly sigma: number;
  /** Bin width in force (ticks), after this minute's rebucket decision. */
  readonly binTicks: number;
  readonly rebucketed: boolean;
  readonly levels: ProfileLevels;
}

export type MinuteCloseListener = (minuteTs: number, profile: RollingProfile) => void;

/**
 * The window holds the minutes whose open time is within the last `rollingWindowMinutes`
 * calendar minutes of the latest closed minute, so a quiet spell or a data gap shortens the
 * window instead of stretching it into older history. Only closed minutes count: the minute
 * still trading is kept apart, so nothing read at a minute's close can see later trades.
 *
 * Float residue: subtracting a minute's volume can leave 1e-17 where there should be nothing.
 * Each base bin also counts the window's minutes that traded there; when that count reaches
 * zero the volume is set to exactly 0 (and it is clamped at 0 otherwise), so empty bins are
 * exactly empty and the active range [lo, hi] shrinks with the window.
 *
 * A minute is closed by the first trade of a later minute, or by advanceTo() on a timer.
 */
export class RollingProfile implements BaseHistogramView {
  readonly config: RollingProfileConfig;
  // The window's histogram, public so readers (levels, UI snapshots) use it without a copy;
  // volumes[key - origin] for base keys lo..hi. Read-only outside this class.
  volumes: Float64Array = new Float64Array(256);
  private counts: Int32Array = new Int32Array(256);
  origin = 0;
  lo = Infinity;
  hi = -Infinity;

  private readonly ring: (TickHistogram | null)[];
  private readonly ringMinute: Float64Array;
  private ringHead = 0;
  private ringCount = 0;
  private readonly spare: TickHistogram[] = [];

  private current: TickHistogram;
  private currentMinute = NaN;
  private currentStart = Infinity;
  private currentEnd = -Infinity;
  private currentClose = NaN;
  private currentMid = NaN;

  private readonly baseBin: number;
  private readonly binWidth: VolatilityBinWidth;
  private lastBinWidth: BinWidthState;
  private lastClosed = NaN;
  private readonly calculator = new LevelsCalculator();
  private readonly aggregated = new AggregatedWindow();
  private cachedLevels: ProfileLevels = INVALID_LEVELS;
  // Before the first close lastClosed is NaN and never a hit: the window is empty then, so the
  // recomputation is cheap and gives the same (invalid) levels.
  private cachedMinute = NaN;
  private cachedBinTicks = NaN;

  constructor(
    config: Partial<RollingProfileConfig> = {},
    private readonly onMinuteClose?: MinuteCloseListener,
  ) {
    this.config = rollingProfileConfig(config);
    this.baseBin = this.config.baseBinTicks;
    this.ring = new Array<TickHistogram | null>(this.config.rollingWindowMinutes + 1).fill(null);
    this.ringMinute = new Float64Array(this.config.rollingWindowMinutes + 1);
    this.current = new TickHistogram();
    this.binWidth = new VolatilityBinWidth(this.config);
    this.lastBinWidth = { sigma: NaN, proposedTicks: this.baseBin, binTicks: this.baseBin, rebucketed: false };
  }

  /** Open time of the latest closed minute (the window's end), NaN before the first close. */
  get lastClosedMinute(): number {
    return this.lastClosed;
  }

  /** Bin width in force, ticks. */
  get binTicks(): number {
    return this.binWidth.binTicks;
  }

  /** Bin-width state after the latest closed minute. */
  get binWidthState(): BinWidthState {
    return this.lastBinWidth;
  }

  /** Number of closed minutes with trades inside the window. */
  get minutesInWindow(): number {
    return this.ringCount;
  }

  /** Adds one trade (price in ticks). Trades must not go back to an earlier minute. */
  addTrade(ts: number, price: number, size: number): void {
    if (!(ts < this.currentEnd && ts >= this.currentStart)) this.startMinuteOf(ts);
    this.current.add(this.baseBin === 1 ? price : Math.floor(price / this.baseBin), size);
    this.currentClose = price;
  }

  /** Adds rows [from, to) of a columnar batch; minute closes fire the listener in between. */
  addTrades(trades: TradeColumns, from = 0, to: number = trades.ts.length): void {
    const { ts, price, size } = trades;
    for (let i = from; i < to; i++) this.addTrade(ts[i]!, price[i]!, size[i]!);
  }

  /**
   * Adds one whole minute and closes it: `minute` holds, per base bin key lo..hi, the sizes of
   * the minute's trades summed in trade order (volumes[key - origin]), and `lastPrice` is its
   * last trade price. The same as addTrade for each of those trades then advanceTo(the minute's
   * end); the fused market core (core/features/market-core.ts) has these sums from its footprint.
   */
  addClosedMinute(minuteTs: number, minute: BaseHistogramView, lastPrice: number): void {
    if (!(minuteTs < this.currentEnd && minuteTs >= this.currentStart)) this.startMinuteOf(minuteTs);
    const h = this.current;
    if (minute.lo <= minute.hi) {
      if (!h.isEmpty) throw new RangeError(`minute ${minuteTs} already has trades`);
      h.reserve(minute.lo, minute.hi);
      h.volumes.set(minute.volumes.subarray(minute.lo - minute.origin, minute.hi - minute.origin + 1), minute.lo - h.origin);
      h.lo = minute.lo;
      h.hi = minute.hi;
    }
    this.currentClose = lastPrice;
    this.closeCurrentMinute();
  }

  /**
   * Adds one whole minute whose volume is spread evenly over base keys loKey..hiKey (a candle:
   * bar-mode features, seed 000's candle profile) and closes it with `midTicks` as its mid. The
   * same as addTrade(minuteTs, key * baseBinTicks, perKey) for each key upward, markMid(midTicks)
   * and advanceTo(the minute's end), without a call per key: a year of 1m bars spreads ~11 keys a
   * bar, and that per-key call was the largest part of the bar-mode feature cost after the levels.
   */
  addCandleMinute(minuteTs: number, loKey: number, hiKey: number, perKey: number, midTicks: number): void {
    // No key (a NaN range): no trade would have opened the minute, so only the clock moves.
    if (!(loKey <= hiKey)) {
      this.currentMid = midTicks;
      return this.advanceTo(minuteTs + MINUTE_MS);
    }
    if (!(minuteTs < this.currentEnd && minuteTs >= this.currentStart)) this.startMinuteOf(minuteTs);
    this.currentMid = midTicks;
    const h = this.current;
    if (!h.isEmpty) throw new RangeError(`minute ${minuteTs} already has trades`);
    h.reserve(loKey, hiKey);
    // 0 + perKey, as addTrade would leave it (a -0 becomes +0; both are skipped as empty). A loop
    // rather than TypedArray.fill, a runtime call dearer than the dozen keys of a candle.
    const v = h.volumes;
    const value = 0 + perKey;
    for (let i = loKey - h.origin, end = hiKey - h.origin; i <= end; i++) v[i] = value;
    h.lo = loKey;
    h.hi = hiKey;
    this.currentClose = hiKey * this.baseBin;
    this.closeCurrentMinute();
  }

  /** Records the mid (ticks) of the open minute; sigma uses it instead of the last trade price. */
  markMid(midTicks: number): void {
    this.currentMid = midTicks;
  }

  /** Closes the open minute if `ts` is at or past its end (timer-driven close). */
  advanceTo(ts: number): void {
    if (ts >= this.currentEnd) this.closeCurrentMinute();
  }

  /** POC / VAH / VAL of the window at `binTicks` (default: the width in force). */
  levels(binTicks: number = this.binWidth.binTicks): ProfileLevels {
    // Keyed by two numbers, not a template string: features() asks once a minute.
    if (this.lastClosed !== this.cachedMinute || binTicks !== this.cachedBinTicks) {
      const k = Math.max(1, Math.round(binTicks / this.baseBin));
      this.cachedLevels =
        k === 1 ? this.calculator.compute(this, this.baseBin, binTicks, this.config.vaFraction) : this.aggregated.levels(this, k, this.baseBin, this.config.vaFraction);
      this.cachedMinute = this.lastClosed;
      this.cachedBinTicks = binTicks;
    }
    return this.cachedLevels;
  }

  /** The features_1m columns owned by the profile, for the latest closed minute. */
  features(): RollingProfileFeatures {
    const state = this.lastBinWidth;
    return {
      minuteTs: this.lastClosed,
      sigma: state.sigma,
      binTicks: state.binTicks,
      rebucketed: state.rebucketed,
      levels: this.levels(state.binTicks),
    };
  }

  /** Volume of the window at one base bin key (price / baseBinTicks, floored). */
  volumeAt(baseKey: number): number {
    const i = baseKey - this.origin;
    return baseKey >= this.lo && baseKey <= this.hi ? this.volumes[i]! : 0;
  }

  private startMinuteOf(ts: number): void {
    if (!Number.isFinite(ts)) throwNotFinite('trade time', ts);
    // A closed minute is final: its features may already have been acted on.
    const earliest = Number.isFinite(this.currentMinute) ? this.currentStart : this.lastClosed + MINUTE_MS;
    if (ts < earliest) throwOutOfOrder('trade time went back to a closed or earlier minute', ts, 'before', earliest);
    this.closeCurrentMinute();
    const minute = floorToMinute(ts);
    this.currentMinute = minute;
    this.currentStart = minute;
    this.currentEnd = minute + MINUTE_MS;
  }

  private closeCurrentMinute(): void {
    const minute = this.currentMinute;
    if (!Number.isFinite(minute)) return;
    const closing = this.current;
    this.currentMinute = NaN;
    this.currentStart = Infinity;
    this.currentEnd = -Infinity;
    this.current = this.spare.pop() ?? new TickHistogram();
    this.addMinute(closing);
    this.pushRing(closing, minute);
    this.evictBefore(minute - (this.config.rollingWindowMinutes - 1) * MINUTE_MS);
    this.shrinkRange();
    this.lastClosed = minute;
    const mid = Number.isFinite(this.currentMid) ? this.currentMid : this.currentClose;
    this.currentMid = NaN;
    this.lastBinWidth = this.binWidth.update(minute, mid);
    this.onMinuteClose?.(minute, this);
  }

  private addMinute(minute: TickHistogram): void {
    if (minute.isEmpty) return;
    this.reserve(minute.lo, minute.hi);
    const src = minute.volumes;
    for (let key = minute.lo; key <= minute.hi; key++) {
      const v = src[key - minute.origin]!;
      if (v === 0) continue;
      const i = key - this.origin;
      this.volumes[i]! += v;
      this.counts[i]!++;
    }
    if (minute.lo < this.lo) this.lo = minute.lo;
    if (minute.hi > this.hi) this.hi = minute.hi;
    this.aggregated.touch(minute.lo, minute.hi);
  }

  private subtractMinute(minute: TickHistogram): void {
    const src = minute.volumes;
    for (let key = minute.lo; key <= minute.hi; key++) {
      const v = src[key - minute.origin]!;
      if (v === 0) continue;
      const i = key - this.origin;
      const left = --this.counts[i]!;
      const rest = this.volumes[i]! - v;
      this.volumes[i] = left === 0 || rest < 0 ? 0 : rest;
    }
    this.aggregated.touch(minute.lo, minute.hi);
  }

  private pushRing(minute: TickHistogram, minuteTs: number): void {
    const slot = (this.ringHead + this.ringCount) % this.ring.length;
    this.ring[slot] = minute;
    this.ringMinute[slot] = minuteTs;
    this.ringCount++;
  }

  /** Drops minutes that opened before `firstKept`. */
  private evictBefore(firstKept: number): void {
    while (this.ringCount > 0 && this.ringMinute[this.ringHead]! < firstKept) {
      const old = this.ring[this.ringHead]!;
      this.ring[this.ringHead] = null;
      this.ringHead = (this.ringHead + 1) % this.ring.length;
      this.ringCount--;
      this.subtractMinute(old);
      old.clear();
      this.spare.push(old);
    }
  }

  private shrinkRange(): void {
    while (this.lo <= this.hi && this.counts[this.lo - this.origin] === 0) this.lo++;
    while (this.hi >= this.lo && this.counts[this.hi - this.origin] === 0) this.hi--;
    if (this.lo > this.hi) {
      this.lo = Infinity;
      this.hi = -Infinity;
    }
  }

  private reserve(lo: number, hi: number): void {
    if (lo >= this.origin && hi < this.origin + this.volumes.length) return;
    if (this.lo > this.hi) {
      // Empty window: everything is zero, so re-centre rather than grow.
      const cap = Math.max(this.volumes.length, (hi - lo + 1) * 2);
      if (cap !== this.volumes.length) {
        this.volumes = new Float64Array(cap);
        this.counts = new Int32Array(cap);
      }
      this.origin = lo - Math.floor((cap - (hi - lo + 1)) / 2);
      return;
    }
    const plan = planGrowth(this.origin, this.volumes.length, Math.min(lo, this.lo), Math.max(hi, this.hi));
    const shift = this.origin - plan.origin;
    this.volumes = regrowFloat64(this.volumes, shift, plan.capacity);
    this.counts = regrowInt32(this.counts, shift, plan.capacity);
    this.origin = plan.origin;
  }
}
