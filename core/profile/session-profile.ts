// Session volume profiles: developing POC / VAH / VAL after every minute, the final levels of
// each completed session, and naked POCs (prior sessions' POCs price has not traded since).

import { floorToMinute, MINUTE_MS } from '../market/bars';
import { INVALID_LEVELS, LevelsCalculator, type BaseHistogramView, type ProfileLevels } from './profile-levels';
import type { SessionClassifier, SessionSlot } from './sessions';
import { TickHistogram } from './tick-histogram';
import type { TradeColumns } from './trade-columns';
import { DEFAULT_VA_FRACTION } from './value-area';
import { throwNotFinite, throwOutOfOrder } from '../market/time-order';

export interface SessionProfileOptions {
  readonly vaFraction?: number;
  /** Width of the stored histogram bins, ticks (default 1). */
  readonly baseBinTicks?: number;
  /** Width the levels are reported at, ticks (a multiple of the base bin; default the base). */
  readonly binTicks?: number;
}

export interface SessionLevels {
  readonly key: number;
  readonly name: string;
  /** Open time of the session's first and latest minute with trades (UTC ms). */
  readonly firstMinute: number;
  readonly lastMinute: number;
  readonly high: number;
  readonly low: number;
  readonly levels: ProfileLevels;
}

export interface NakedPoc {
  readonly sessionKey: number;
  readonly name: string;
  /** Low edge (ticks) of the POC bin; with 1-tick bins, the POC price. */
  readonly poc: number;
  readonly binTicks: number;
  /** Open time of the session's last minute: only later minutes can touch it. */
  readonly sessionLastMinute: number;
}

export type SessionMinuteListener = (minuteTs: number, profile: SessionProfile) => void;

/**
 * Trades accumulate into the profile of their minute's session; a minute whose session differs
 * from the current one completes the current session first (its levels are frozen and its POC
 * becomes naked). Developing levels are read after a minute closes, so they use closed minutes
 * only. A POC is touched, and stops being naked, when a later minute's low <= POC bin top and
 * high >= POC (with 1-tick bins: low <= poc <= high). Minutes outside every session still
 * touch POCs. Minutes close on the next minute's first trade or on advanceTo().
 */
export class SessionProfile {
  private readonly vaFraction: number;
  private readonly baseBin: number;
  private readonly binTicks: number;
  private readonly histogram = new TickHistogram(1024);
  /** The open minute's trades, kept apart so reads never see a minute before it closes. */
  private readonly minuteHistogram = new TickHistogram(256);
  private readonly calculator = new LevelsCalculator();

  private session: SessionSlot | null = null;
  private sessionFirstMinute = NaN;
  private sessionLastMinute = NaN;
  private sessionHigh = -Infinity;
  private sessionLow = Infinity;

  private minute = NaN;
  private minuteEnd = -Infinity;
  private minuteHigh = -Infinity;
  private minuteLow = Infinity;
  private minuteSession: SessionSlot | null = null;
  private lastClosed = NaN;

  private developingCache: SessionLevels | null = null;
  private developingKey = NaN;
  private readonly done: SessionLevels[] = [];
  private naked: NakedPoc[] = [];

  constructor(
    private readonly classify: SessionClassifier,
    options: SessionProfileOptions = {},
    private readonly onMinuteClose?: SessionMinuteListener,
  ) {
    this.vaFraction = options.vaFraction ?? DEFAULT_VA_FRACTION;
    this.baseBin = options.baseBinTicks ?? 1;
    this.binTicks = options.binTicks ?? this.baseBin;
  }

  addTrade(ts: number, price: number, size: number): void {
    if (!(ts < this.minuteEnd && ts >= this.minute)) this.startMinuteOf(ts);
    if (price > this.minuteHigh) this.minuteHigh = price;
    if (price < this.minuteLow) this.minuteLow = price;
    if (this.minuteSession) this.minuteHistogram.add(this.baseBin === 1 ? price : Math.floor(price / this.baseBin), size);
  }

  addTrades(trades: TradeColumns, from = 0, to: number = trades.ts.length): void {
    const { ts, price, size } = trades;
    for (let i = from; i < to; i++) this.addTrade(ts[i]!, price[i]!, size[i]!);
  }

  /** Closes the open minute once `ts` reaches its end, and completes a session that has ended. */
  advanceTo(ts: number): void {
    if (ts < this.minuteEnd) return;
    this.closeMinute();
    // advanceTo(Infinity) is the end of the data: the session in progress is complete.
    const slot = Number.isFinite(ts) ? this.classify(floorToMinute(ts)) : null;
    if (this.session && slot?.key !== this.session.key) this.completeSession();
  }

  /** Open time of the latest closed minute. */
  get lastClosedMinute(): number {
    return this.lastClosed;
  }

  /**
   * Levels of the session in progress as of the latest closed minute; null between sessions.
   * Computed on demand and cached per minute, so call it from the listener to get every step.
   */
  developing(): SessionLevels | null {
    if (!this.session || Number.isNaN(this.sessionLastMinute)) return null;
    if (this.developingKey !== this.lastClosed || !this.developingCache) {
      this.developingCache = this.snapshotSession();
      this.developingKey = this.lastClosed;
    }
    return this.developingCache;
  }

  /** The histogram of the session in progress (closed minutes only, base-bin keys); read-only. */
  get histogramView(): BaseHistogramView {
    return this.histogram;
  }

  /** Completed sessions, oldest first. */
  completed(): readonly SessionLevels[] {
    return this.done;
  }

  /** POCs of completed sessions not yet traded through, oldest first. */
  nakedPocs(): readonly NakedPoc[] {
    return this.naked;
  }

  private startMinuteOf(ts: number): void {
    if (!Number.isFinite(ts)) throwNotFinite('trade time', ts);
    const earliest = Number.isNaN(this.minute) ? this.lastClosed + MINUTE_MS : this.minute;
    if (ts < earliest) throwOutOfOrder('trade time went back to a closed or earlier minute', ts, 'before', earliest);
    this.closeMinute();
    const minute = floorToMinute(ts);
    const slot = this.classify(minute);
    if (this.session && slot?.key !== this.session.key) this.completeSession();
    if (slot && !this.session) this.beginSession(slot);
    this.minute = minute;
    this.minuteEnd = minute + MINUTE_MS;
    this.minuteSession = slot;
  }

  private closeMinute(): void {
    if (Number.isNaN(this.minute)) return;
    const minute = this.minute;
    this.touchNakedPocs(this.minuteLow, this.minuteHigh);
    if (this.minuteSession) {
      this.mergeMinute();
      this.sessionLastMinute = minute;
      if (Number.isNaN(this.sessionFirstMinute)) this.sessionFirstMinute = minute;
      if (this.minuteHigh > this.sessionHigh) this.sessionHigh = this.minuteHigh;
      if (this.minuteLow < this.sessionLow) this.sessionLow = this.minuteLow;
    }
    this.minute = NaN;
    this.minuteEnd = -Infinity;
    this.minuteHigh = -Infinity;
    this.minuteLow = Infinity;
    this.minuteSession = null;
    this.lastClosed = minute;
    this.onMinuteClose?.(minute, this);
  }

  private mergeMinute(): void {
    const m = this.minuteHistogram;
    if (m.isEmpty) return;
    this.histogram.reserve(m.lo, m.hi);
    for (let key = m.lo; key <= m.hi; key++) {
      const v = m.volumes[key - m.origin]!;
      if (v !== 0) this.histogram.add(key, v);
    }
    m.clear();
  }

  private touchNakedPocs(low: number, high: number): void {
    if (this.naked.length === 0 || !(low <= high)) return;
    this.naked = this.naked.filter((p) => !(low <= p.poc + p.binTicks - 1 && high >= p.poc));
  }

  private beginSession(slot: SessionSlot): void {
    this.session = slot;
    this.sessionFirstMinute = NaN;
    this.sessionLastMinute = NaN;
    this.sessionHigh = -Infinity;
    this.sessionLow = Infinity;
    this.histogram.clear();
    this.developingCache = null;
  }

  private completeSession(): void {
    const finished = Number.isNaN(this.sessionLastMinute) ? null : this.snapshotSession();
    this.session = null;
    this.histogram.clear();
    this.developingCache = null;
    if (!finished) return;
    this.done.push(finished);
    if (finished.levels.valid) {
      this.naked.push({
        sessionKey: finished.key,
        name: finished.name,
        poc: finished.levels.poc,
        binTicks: finished.levels.binTicks,
        sessionLastMinute: finished.lastMinute,
      });
    }
  }

  private snapshotSession(): SessionLevels {
    const slot = this.session!;
    const levels = this.histogram.isEmpty
      ? INVALID_LEVELS
      : this.calculator.compute(this.histogram, this.baseBin, this.binTicks, this.vaFraction);
    return {
      key: slot.key,
      name: slot.name,
      firstMinute: this.sessionFirstMinute,
      lastMinute: this.sessionLastMinute,
      high: this.sessionHigh,
      low: this.sessionLow,
      levels,
    };
  }
}
