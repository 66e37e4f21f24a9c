// Footprint bars (FOOTPRINT.md): per bar and price level, volume at the bid (sell aggressor) and
// at the ask (buy aggressor), delta, running max/min delta, and the bar's POC level.

import { footprintConfig, type FootprintConfig } from './config';
import { planGrowth, regrowFloat64 } from './tick-histogram';
import type { TradeColumns } from './trade-columns';
import { computeValueArea } from './value-area';
import { throwNotFinite, throwOutOfOrder } from '../market/time-order';

/**
 * One closed (or snapshot) footprint bar. Row r covers prices
 * [firstLevelPrice + r * levelTicks, firstLevelPrice + (r + 1) * levelTicks) in ticks, rows
 * from the bar's lowest level to its highest. Level prices are low edges of the level.
 */
export interface FootprintBar {
  /** Bar open time, UTC ms, a multiple of durationMs. */
  readonly ts: number;
  readonly durationMs: number;
  readonly levelTicks: number;
  readonly firstLevelPrice: number;
  /** Volume traded at the bid per row: sell aggressors (side -1). */
  readonly bid: Float64Array;
  /** Volume traded at the ask per row: buy aggressors (side 1). */
  readonly ask: Float64Array;
  /** All volume per row, including trades of unknown side. */
  readonly volume: Float64Array;
  readonly tradeCount: Uint32Array;
  readonly open: number;
  readonly high: number;
  readonly low: number;
  readonly close: number;
  /** Sum of trade sizes, summed in trade order exactly as MinuteBarBuilder does. */
  readonly totalVolume: number;
  readonly buyVolume: number;
  readonly sellVolume: number;
  /** buyVolume - sellVolume. */
  readonly delta: number;
  /** Highest / lowest running delta after any trade of the bar (the 0 before the first is not counted). */
  readonly maxDelta: number;
  readonly minDelta: number;
  /** Delta accumulated after the last trade at the bar's high (at its low). */
  readonly deltaSinceHigh: number;
  readonly deltaSinceLow: number;
  readonly trades: number;
  /** Row with the most volume (tie rule of value-area.ts). */
  readonly pocRow: number;
  readonly pocPrice: number;
}

/** Price (ticks, low edge) of a footprint row. */
export function rowPrice(bar: FootprintBar, row: number): number {
  return bar.firstLevelPrice + row * bar.levelTicks;
}

/**
 * The state of an open footprint bar: level arrays indexed by level - origin (bid and ask from
 * their offsets, so both may live in one array), for levels lo..hi, and the bar's statistics.
 */
export interface FootprintBarParts {
  readonly ts: number;
  readonly barMs: number;
  readonly levelTicks: number;
  readonly lo: number;
  readonly hi: number;
  readonly origin: number;
  readonly bid: Float64Array;
  readonly bidOffset: number;
  readonly ask: Float64Array;
  readonly askOffset: number;
  readonly vol: Float64Array;
  readonly count: Float64Array;
  readonly open: number;
  readonly high: number;
  readonly low: number;
  readonly close: number;
  readonly totalVolume: number;
  readonly buyVolume: number;
  readonly sellVolume: number;
  readonly maxDelta: number;
  readonly minDelta: number;
  readonly deltaAtHigh: number;
  readonly deltaAtLow: number;
  readonly trades: number;
}

/**
 * Copies an open bar out as a FootprintBar. Shared by FootprintBuilder and the fused market core
 * (core/features/market-core.ts), so both hand out bars built the same way.
 */
export function footprintBarOf(p: FootprintBarParts): FootprintBar {
  const from = p.lo - p.origin;
  const to = p.hi - p.origin + 1;
  const n = Math.max(0, to - from);
  // The bar's four arrays are views of one buffer: allocating a typed array's memory is what
  // costs (four per bar were ~5% of the one-pass market core on the benchmark tape).
  const buffer = new ArrayBuffer(n * (3 * Float64Array.BYTES_PER_ELEMENT + Uint32Array.BYTES_PER_ELEMENT));
  const volume = new Float64Array(buffer, 0, n);
  const bid = new Float64Array(buffer, 8 * n, n);
  const ask = new Float64Array(buffer, 16 * n, n);
  const tradeCount = new Uint32Array(buffer, 24 * n, n);
  if (n > 0) {
    volume.set(p.vol.subarray(from, to));
    bid.set(p.bid.subarray(p.bidOffset + from, p.bidOffset + to));
    ask.set(p.ask.subarray(p.askOffset + from, p.askOffset + to));
    // Converts element by element, as the Uint32Array constructor does.
    tradeCount.set(p.count.subarray(from, to));
  }
  const pocRow = computeValueArea(volume).pocIndex;
  const delta = p.buyVolume - p.sellVolume;
  const firstLevelPrice = p.lo * p.levelTicks;
  return {
    ts: p.ts,
    durationMs: p.barMs,
    levelTicks: p.levelTicks,
    firstLevelPrice,
    bid,
    ask,
    volume,
    tradeCount,
    open: p.open,
    high: p.high,
    low: p.low,
    close: p.close,
    totalVolume: p.totalVolume,
    buyVolume: p.buyVolume,
    sellVolume: p.sellVolume,
    delta,
    maxDelta: p.maxDelta,
    minDelta: p.minDelta,
    deltaSinceHigh: delta - p.deltaAtHigh,
    deltaSinceLow: delta - p.deltaAtLow,
    trades: p.trades,
    pocRow,
    pocPrice: firstLevelPrice + pocRow * p.levelTicks,
  };
}

/**
 * Builds footprint bars from trades in time order. Per trade it touches only typed arrays of
 * the open bar; a bar is copied out (four small arrays) when it closes. A trade at or after
 * the open bar's end closes it; a trade before the open bar's start is rejected.
 */
export class FootprintBuilder {
  readonly config: FootprintConfig;
  private readonly levelTicks: number;
  private readonly barMs: number;

  private bid: Float64Array = new Float64Array(256);
  private ask: Float64Array = new Float64Array(256);
  private vol: Float64Array = new Float64Array(256);
  private count: Float64Array = new Float64Array(256);
  private origin = 0;
  private lo = Infinity;
  private hi = -Infinity;

  private start = Infinity;
  private end = -Infinity;
  /** End of the last bar handed out; earlier trades are too late. */
  private closedEnd = -Infinity;
  private open = NaN;
  private high = -Infinity;
  private low = Infinity;
  private close = NaN;
  private totalVolume = 0;
  private buyVolume = 0;
  private sellVolume = 0;
  private maxDelta = -Infinity;
  private minDelta = Infinity;
  private deltaAtHigh = 0;
  private deltaAtLow = 0;
  private trades = 0;

  constructor(config: Partial<FootprintConfig> = {}) {
    this.config = footprintConfig(config);
    this.levelTicks = this.config.levelTicks;
    this.barMs = this.config.barMs;
  }

  /** Adds one trade (price in ticks). Returns the bar this trade closed, if any. */
  addTrade(ts: number, price: number, size: number, side: number): FootprintBar | null {
    const closed = ts < this.end && ts >= this.start ? null : this.startBarOf(ts);
    const level = this.levelTicks === 1 ? price : Math.floor(price / this.levelTicks);
    let i = level - this.origin;
    if (i < 0 || i >= this.vol.length) {
      this.reserve(level);
      i = level - this.origin;
    }
    if (level < this.lo) this.lo = level;
    if (level > this.hi) this.hi = level;
    this.vol[i]! += size;
    this.count[i]!++;
    if (side === 1) {
      this.ask[i]! += size;
      this.buyVolume += size;
    } else if (side === -1) {
      this.bid[i]! += size;
      this.sellVolume += size;
    }
    const delta = this.buyVolume - this.sellVolume;
    if (delta > this.maxDelta) this.maxDelta = delta;
    if (delta < this.minDelta) this.minDelta = delta;
    if (this.trades === 0) this.open = price;
    if (price >= this.high) {
      this.high = price;
      this.deltaAtHigh = delta;
    }
    if (price <= this.low) {
      this.low = price;
      this.deltaAtLow = delta;
    }
    this.close = price;
    this.totalVolume += size;
    this.trades++;
    return closed;
  }

  /** Adds rows [from, to) of a batch; returns the bars closed by it, oldest first. */
  addTrades(trades: TradeColumns, from = 0, to: number = trades.ts.length): FootprintBar[] {
    const closed: FootprintBar[] = [];
    const { ts, price, size, side } = trades;
    for (let i = from; i < to; i++) {
      const bar = this.addTrade(ts[i]!, price[i]!, size[i]!, side ? side[i]! : 0);
      if (bar) closed.push(bar);
    }
    return closed;
  }

  /** Closes the open bar if `ts` is at or past its end (timer-driven close). */
  advanceTo(ts: number): FootprintBar | null {
    if (ts < this.end) return null;
    const bar = this.snapshot();
    if (bar) this.closedEnd = this.end;
    this.reset();
    return bar;
  }

  /** The bar still forming, as it stands now (a copy). */
  openBar(): FootprintBar | null {
    return this.snapshot();
  }

  private startBarOf(ts: number): FootprintBar | null {
    if (!Number.isFinite(ts)) throwNotFinite('trade time', ts);
    // A closed bar is final, so a trade inside it (or before the open bar) is rejected.
    const earliest = this.trades > 0 ? this.start : this.closedEnd;
    if (ts < earliest) throwOutOfOrder('trade time went back to a closed or earlier bar', ts, 'before', earliest);
    const closed = this.snapshot();
    if (closed) this.closedEnd = this.end;
    this.reset();
    this.start = Math.floor(ts / this.barMs) * this.barMs;
    this.end = this.start + this.barMs;
    return closed;
  }

  private snapshot(): FootprintBar | null {
    if (this.trades === 0) return null;
    return footprintBarOf({
      ts: this.start,
      barMs: this.barMs,
      levelTicks: this.levelTicks,
      lo: this.lo,
      hi: this.hi,
      origin: this.origin,
      bid: this.bid,
      bidOffset: 0,
      ask: this.ask,
      askOffset: 0,
      vol: this.vol,
      count: this.count,
      open: this.open,
      high: this.high,
      low: this.low,
      close: this.close,
      totalVolume: this.totalVolume,
      buyVolume: this.buyVolume,
      sellVolume: this.sellVolume,
      maxDelta: this.maxDelta,
      minDelta: this.minDelta,
      deltaAtHigh: this.deltaAtHigh,
      deltaAtLow: this.deltaAtLow,
      trades: this.trades,
    });
  }

  private reset(): void {
    if (this.lo <= this.hi) {
      const from = this.lo - this.origin;
      const to = this.hi - this.origin + 1;
      this.bid.fill(0, from, to);
      this.ask.fill(0, from, to);
      this.vol.fill(0, from, to);
      this.count.fill(0, from, to);
    }
    this.lo = Infinity;
    this.hi = -Infinity;
    this.start = Infinity;
    this.end = -Infinity;
    this.open = NaN;
    this.high = -Infinity;
    this.low = Infinity;
    this.close = NaN;
    this.totalVolume = 0;
    this.buyVolume = 0;
    this.sellVolume = 0;
    this.maxDelta = -Infinity;
    this.minDelta = Infinity;
    this.deltaAtHigh = 0;
    this.deltaAtLow = 0;
    this.trades = 0;
  }

  private reserve(level: number): void {
    if (this.lo > this.hi) {
      // Empty bar: the arrays are all zero, so re-centre on the level instead of growing.
      this.origin = level - (this.vol.length >> 1);
      return;
    }
    const plan = planGrowth(this.origin, this.vol.length, Math.min(level, this.lo), Math.max(level, this.hi));
    const shift = this.origin - plan.origin;
    this.bid = regrowFloat64(this.bid, shift, plan.capacity);
    this.ask = regrowFloat64(this.ask, shift, plan.capacity);
    this.vol = regrowFloat64(this.vol, shift, plan.capacity);
    this.count = regrowFloat64(this.count, shift, plan.capacity);
    this.origin = plan.origin;
  }
}
