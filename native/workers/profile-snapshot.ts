// The shared memory the profile worker publishes into and readers read from: the rolling
// profile's base histogram (1 tick bins) with its levels, and the forming footprint bar's
// bid/ask cells. One SharedArrayBuffer, guarded by a seqlock (DESIGN.md §4).

import type { FootprintBar } from '../../core/profile/footprint';
import type { ProfileLevels } from '../../core/profile/profile-levels';
import { SeqLock } from './seqlock';

/** Base bins the snapshot can hold (about ±3,200 USD at BTC's 0.1 tick). */
export const HISTOGRAM_CAPACITY = 65_536;
export const FOOTPRINT_CAPACITY = 8_192;

const CONTROL_SLOTS = 4;
const META = {
  histogramOrigin: 0,
  histogramLength: 1,
  valid: 2,
  poc: 3,
  vah: 4,
  val: 5,
  binTicks: 6,
  coverage: 7,
  total: 8,
  lastClosedMinute: 9,
  tradesProcessed: 10,
  truncated: 11,
  barTs: 12,
  barFirstLevel: 13,
  barLevelTicks: 14,
  barRows: 15,
  barOpen: 16,
  barHigh: 17,
  barLow: 18,
  barClose: 19,
  barVolume: 20,
  barDelta: 21,
  barPocPrice: 22,
} as const;
const META_SLOTS = 24;

export function snapshotBytes(): number {
  return CONTROL_SLOTS * 4 + (META_SLOTS + HISTOGRAM_CAPACITY + 2 * FOOTPRINT_CAPACITY) * 8;
}

interface Views {
  control: Int32Array;
  meta: Float64Array;
  histogram: Float64Array;
  bid: Float64Array;
  ask: Float64Array;
}

function views(buffer: SharedArrayBuffer): Views {
  if (buffer.byteLength < snapshotBytes()) throw new RangeError('profile snapshot buffer is too small');
  let at = CONTROL_SLOTS * 4;
  const f64 = (n: number): Float64Array => {
    const v = new Float64Array(buffer, at, n);
    at += n * 8;
    return v;
  };
  return {
    control: new Int32Array(buffer, 0, CONTROL_SLOTS),
    meta: f64(META_SLOTS),
    histogram: f64(HISTOGRAM_CAPACITY),
    bid: f64(FOOTPRINT_CAPACITY),
    ask: f64(FOOTPRINT_CAPACITY),
  };
}

/** Source of a published rolling profile: its base histogram over keys lo..hi. */
export interface HistogramSource {
  readonly volumes: Float64Array;
  readonly origin: number;
  readonly lo: number;
  readonly hi: number;
}

export class ProfileSnapshotWriter {
  private readonly v: Views;
  private readonly lock: SeqLock;

  constructor(buffer: SharedArrayBuffer) {
    this.v = views(buffer);
    this.lock = new SeqLock(this.v.control);
  }

  publish(profile: HistogramSource, levels: ProfileLevels, lastClosedMinute: number, tradesProcessed: number, bar: FootprintBar | null): void {
    const { meta, histogram, bid, ask } = this.v;
    this.lock.write(() => {
      let lo = profile.lo;
      let hi = profile.hi;
      let truncated = 0;
      if (hi - lo + 1 > HISTOGRAM_CAPACITY) {
        // Keep the window centred on the POC; the levels were computed on the full histogram.
        const centre = Number.isFinite(levels.poc) ? levels.poc : Math.round((lo + hi) / 2);
        lo = Math.max(lo, centre - HISTOGRAM_CAPACITY / 2);
        hi = lo + HISTOGRAM_CAPACITY - 1;
        truncated = 1;
      }
      const length = lo <= hi ? hi - lo + 1 : 0;
      if (length > 0) histogram.set(profile.volumes.subarray(lo - profile.origin, hi - profile.origin + 1));
      meta[META.histogramOrigin] = length > 0 ? lo : 0;
      meta[META.histogramLength] = length;
      meta[META.truncated] = truncated;
      meta[META.valid] = levels.valid ? 1 : 0;
      meta[META.poc] = levels.poc;
      meta[META.vah] = levels.vah;
      meta[META.val] = levels.val;
      meta[META.binTicks] = levels.binTicks;
      meta[META.coverage] = levels.coverage;
      meta[META.total] = levels.total;
      meta[META.lastClosedMinute] = lastClosedMinute;
      meta[META.tradesProcessed] = tradesProcessed;
      const rows = bar ? Math.min(bar.bid.length, FOOTPRINT_CAPACITY) : 0;
      meta[META.barRows] = rows;
      if (bar) {
        bid.set(bar.bid.subarray(0, rows));
        ask.set(bar.ask.subarray(0, rows));
        meta[META.barTs] = bar.ts;
        meta[META.barFirstLevel] = bar.firstLevelPrice;
        meta[META.barLevelTicks] = bar.levelTicks;
        meta[META.barOpen] = bar.open;
        meta[META.barHigh] = bar.high;
        meta[META.barLow] = bar.low;
        meta[META.barClose] = bar.close;
        meta[META.barVolume] = bar.totalVolume;
        meta[META.barDelta] = bar.delta;
        meta[META.barPocPrice] = bar.pocPrice;
      }
    });
  }
}

export interface ProfileView {
  readonly levels: ProfileLevels;
  readonly lastClosedMinute: number;
  readonly tradesProcessed: number;
  /** Base-bin key of histogram[0]; histogram is a view into shared memory, valid inside the read. */
  readonly histogramOrigin: number;
  readonly histogram: Float64Array;
  readonly truncated: boolean;
  readonly bar: null | {
    readonly ts: number;
    readonly firstLevelPrice: number;
    readonly levelTicks: number;
    readonly bid: Float64Array;
    readonly ask: Float64Array;
    readonly open: number;
    readonly high: number;
    readonly low: number;
    readonly close: number;
    readonly volume: number;
    readonly delta: number;
    readonly pocPrice: number;
  };
}

export class ProfileSnapshotReader {
  private readonly v: Views;
  private readonly lock: SeqLock;

  constructor(buffer: SharedArrayBuffer) {
    this.v = views(buffer);
    this.lock = new SeqLock(this.v.control);
  }

  get version(): number {
    return this.lock.version;
  }

  /**
   * Calls `fn` with views straight into shared memory (no copy), retrying if the worker wrote
   * meanwhile. `fn` must not keep the views: copy what outlives the call.
   */
  read<T>(fn: (view: ProfileView) => T): T {
    const { meta, histogram, bid, ask } = this.v;
    return this.lock.read(() => {
      const rows = meta[META.barRows] as number;
      return fn({
        levels: {
          valid: meta[META.valid] === 1,
          poc: meta[META.poc] as number,
          vah: meta[META.vah] as number,
          val: meta[META.val] as number,
          binTicks: meta[META.binTicks] as number,
          coverage: meta[META.coverage] as number,
          total: meta[META.total] as number,
        },
        lastClosedMinute: meta[META.lastClosedMinute] as number,
        tradesProcessed: meta[META.tradesProcessed] as number,
        histogramOrigin: meta[META.histogramOrigin] as number,
        histogram: histogram.subarray(0, meta[META.histogramLength] as number),
        truncated: meta[META.truncated] === 1,
        bar:
          rows > 0
            ? {
                ts: meta[META.barTs] as number,
                firstLevelPrice: meta[META.barFirstLevel] as number,
                levelTicks: meta[META.barLevelTicks] as number,
                bid: bid.subarray(0, rows),
                ask: ask.subarray(0, rows),
                open: meta[META.barOpen] as number,
                high: meta[META.barHigh] as number,
                low: meta[META.barLow] as number,
                close: meta[META.barClose] as number,
                volume: meta[META.barVolume] as number,
                delta: meta[META.barDelta] as number,
                pocPrice: meta[META.barPocPrice] as number,
              }
            : null,
      });
    });
  }
}
