// MarketDataSource backed by the simulated market: generates history from a start time up to
// the clock on construction, then keeps generating in real time and pushes every new event.

import type { Quote } from '../../../core/market/events';
import type { Instrument } from '../../../core/market/instrument';
import { BTCUSDT_PERP, toTicks } from '../../../core/market/instrument';
import { defaultSimConfig, SimulatedMarket, type SimulatedMarketConfig } from '../sim/simulated-market';
import type {
  AggTrade,
  FundingPoint,
  IdRangeQuery,
  IdTrade,
  Kline,
  LiveEvent,
  MarketDataSource,
  OpenInterestPoint,
  RangeQuery,
} from './data-source';
import { hasTradeId } from './data-source';
import { GrowableColumn } from './growable-columns';
import { lowerBound, selectGrid, selectRows, upperBound } from './range-select';
import { simFundingRate, simOpenInterest } from './sim-derivatives';

const MINUTE_MS = 60_000;
const DAY_MS = 86_400_000;
/** Binance weeks open on Monday 00:00 UTC; the epoch was a Thursday. */
const WEEK_ORIGIN_MS = 4 * DAY_MS;
/** Binance keeps only the last 30 days of open interest statistics. */
const OI_HISTORY_MS = 30 * DAY_MS;
/** Aggregate ids live in their own range, as on Binance, so they are never mistaken for trade ids. */
const FIRST_AGG_ID = 500_000_000;

export interface SimSourceOptions {
  readonly seed: number;
  /** Time of the first simulated event; default `now() - historyMinutes`. */
  readonly startTs?: number;
  readonly historyMinutes?: number;
  /** Days of funding history before the first trade (the listing time on the wire). */
  readonly fundingHistoryDays?: number;
  readonly now?: () => number;
  /** How often new events are generated and pushed, ms. */
  readonly pollMs?: number;
  readonly instrument?: Instrument;
  readonly overrides?: Partial<SimulatedMarketConfig>;
}

export class SimMarketSource implements MarketDataSource {
  readonly instrument: Instrument;
  private readonly seed: number;
  private readonly clock: () => number;
  private readonly market: SimulatedMarket;
  private readonly startTs: number;
  private readonly listingTs: number;
  private readonly startPriceTicks: number;
  private readonly listeners = new Set<(event: LiveEvent) => void>();
  private timer: ReturnType<typeof setInterval> | null = null;
  private quote: Quote | null = null;

  private readonly tTs = new GrowableColumn();
  private readonly tId = new GrowableColumn();
  private readonly tPrice = new GrowableColumn();
  private readonly tSize = new GrowableColumn();
  private readonly tSide = new GrowableColumn();

  private readonly aId = new GrowableColumn();
  private readonly aFirst = new GrowableColumn();
  private readonly aLast = new GrowableColumn();
  private readonly aTs = new GrowableColumn();
  private readonly aPrice = new GrowableColumn();
  private readonly aSize = new GrowableColumn();
  private readonly aSide = new GrowableColumn();

  constructor(options: SimSourceOptions) {
    this.instrument = options.instrument ?? BTCUSDT_PERP;
    this.seed = options.seed;
    this.clock = options.now ?? Date.now;
    this.startTs = options.startTs ?? this.clock() - (options.historyMinutes ?? 120) * MINUTE_MS;
    const fundingMs = this.instrument.fundingIntervalHours * 3_600_000 || DAY_MS;
    this.listingTs =
      Math.floor((this.startTs - (options.fundingHistoryDays ?? 30) * DAY_MS) / fundingMs) * fundingMs;
    const config = defaultSimConfig(this.instrument, { ...options.overrides, seed: options.seed, startTs: this.startTs });
    this.startPriceTicks = toTicks(config.startPrice, this.instrument.tickSize);
    this.market = new SimulatedMarket(config);
    this.pump(false);
    this.timer = setInterval(() => this.pump(true), options.pollMs ?? 25);
    // The HTTP server, not the generator, decides whether the process stays alive.
    this.timer.unref();
  }

  now(): number {
    return this.clock();
  }

  listedAt(): number {
    return this.listingTs;
  }

  latestQuote(): Quote | null {
    return this.quote;
  }

  subscribe(listener: (event: LiveEvent) => void): () => void {
    this.listeners.add(listener);
    return () => {
      this.listeners.delete(listener);
    };
  }

  close(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    this.listeners.clear();
  }

  async trades(query: IdRangeQuery): Promise<readonly IdTrade[]> {
    const n = this.tTs.length;
    const { from, to } = selectRows(this.tTs.view(), this.tId.view(), n, query);
    const out: IdTrade[] = [];
    for (let i = from; i < to; i++) {
      out.push({
        id: this.tId.at(i),
        ts: this.tTs.at(i),
        price: this.tPrice.at(i),
        size: this.tSize.at(i),
        side: this.tSide.at(i) as 1 | -1,
      });
    }
    return out;
  }

  async aggTrades(query: IdRangeQuery): Promise<readonly AggTrade[]> {
    const n = this.aTs.length;
    const { from, to } = selectRows(this.aTs.view(), this.aId.view(), n, query);
    const out: AggTrade[] = [];
    for (let i = from; i < to; i++) {
      out.push({
        aggId: this.aId.at(i),
        firstId: this.aFirst.at(i),
        lastId: this.aLast.at(i),
        ts: this.aTs.at(i),
        price: this.aPrice.at(i),
        size: this.aSize.at(i),
        side: this.aSide.at(i) as 1 | -1,
      });
    }
    return out;
  }

  async klines(intervalMs: number, query: RangeQuery): Promise<readonly Kline[]> {
    const n = this.tTs.length;
    if (n === 0) return [];
    const ts = this.tTs.view();
    const origin = intervalMs === 7 * DAY_MS ? WEEK_ORIGIN_MS : 0;
    const firstOpen = origin + Math.floor((this.tTs.at(0) - origin) / intervalMs) * intervalMs;
    const opens = selectGrid(origin, intervalMs, firstOpen, this.clock(), query);
    const tick = this.instrument.tickSize;
    const out: Kline[] = [];
    for (const openTime of opens) {
      const from = lowerBound(ts, n, openTime);
      const to = lowerBound(ts, n, openTime + intervalMs);
      // An interval without trades repeats the previous close with zero volume, as Binance does.
      const previous = from > 0 ? this.tPrice.at(from - 1) : this.tPrice.at(0);
      let open = previous;
      let high = previous;
      let low = previous;
      let close = previous;
      let volume = 0;
      let quoteTicks = 0;
      let buyVolume = 0;
      let buyQuoteTicks = 0;
      for (let i = from; i < to; i++) {
        const price = this.tPrice.at(i);
        const size = this.tSize.at(i);
        if (i === from) {
          open = price;
          high = price;
          low = price;
        }
        if (price > high) high = price;
        if (price < low) low = price;
        close = price;
        volume += size;
        quoteTicks += price * size;
        if (this.tSide.at(i) > 0) {
          buyVolume += size;
          buyQuoteTicks += price * size;
        }
      }
      out.push({
        openTime,
        closeTime: openTime + intervalMs - 1,
        open,
        high,
        low,
        close,
        volume,
        quoteVolume: quoteTicks * tick,
        trades: to - from,
        takerBuyVolume: buyVolume,
        takerBuyQuoteVolume: buyQuoteTicks * tick,
      });
    }
    return out;
  }

  async fundingRates(query: RangeQuery): Promise<readonly FundingPoint[]> {
    const hours = this.instrument.fundingIntervalHours;
    if (hours <= 0) return [];
    const step = hours * 3_600_000;
    return selectGrid(0, step, this.listingTs, this.clock(), query).map((ts) => ({
      ts,
      rate: simFundingRate(this.seed, ts, hours),
      markPrice: this.priceAt(ts),
    }));
  }

  async openInterestAt(ts: number): Promise<OpenInterestPoint> {
    return this.oiPoint(ts);
  }

  async openInterestHistory(periodMs: number, query: RangeQuery): Promise<readonly OpenInterestPoint[]> {
    const now = this.clock();
    const first = Math.max(this.listingTs, now - OI_HISTORY_MS);
    return selectGrid(0, periodMs, first, now, query).map((ts) => this.oiPoint(ts));
  }

  private oiPoint(ts: number): OpenInterestPoint {
    const openInterest = simOpenInterest(this.seed, ts);
    return { ts, openInterest, value: openInterest * this.priceAt(ts) * this.instrument.tickSize };
  }

  /** Last traded price at or before `ts`, ticks; the opening price before the first trade. */
  private priceAt(ts: number): number {
    const i = upperBound(this.tTs.view(), this.tTs.length, ts) - 1;
    return i >= 0 ? this.tPrice.at(i) : this.startPriceTicks;
  }

  private pump(notify: boolean): void {
    const now = this.clock();
    const aggsBefore = this.aTs.length;
    this.market.emitUntil(now, (event) => {
      if (!hasTradeId(event)) return;
      this.store(event);
      if (notify) this.notify(event);
    });
    // The simulator emits all fills of a millisecond in one batch, so the batch's aggregates are
    // complete here and none from an earlier batch can still grow.
    if (!notify) return;
    for (let i = aggsBefore; i < this.aTs.length; i++) {
      this.notify({
        kind: 'aggTrade',
        agg: {
          aggId: this.aId.at(i),
          firstId: this.aFirst.at(i),
          lastId: this.aLast.at(i),
          ts: this.aTs.at(i),
          price: this.aPrice.at(i),
          size: this.aSize.at(i),
          side: this.aSide.at(i) as 1 | -1,
        },
      });
    }
  }

  private notify(event: LiveEvent): void {
    for (const listener of this.listeners) listener(event);
  }

  private store(event: Exclude<LiveEvent, { kind: 'aggTrade' }>): void {
    if (event.kind === 'quote') {
      this.quote = event.quote;
      return;
    }
    const t = event.trade;
    const side: 1 | -1 = t.side === 1 ? 1 : -1;
    this.tTs.push(t.ts);
    this.tId.push(t.id);
    this.tPrice.push(t.price);
    this.tSize.push(t.size);
    this.tSide.push(side);
    const last = this.aTs.length - 1;
    if (last >= 0 && this.aTs.at(last) === t.ts && this.aPrice.at(last) === t.price && this.aSide.at(last) === side) {
      this.aSize.setLast(this.aSize.at(last) + t.size);
      this.aLast.setLast(t.id);
      return;
    }
    this.aId.push(last < 0 ? FIRST_AGG_ID : this.aId.at(last) + 1);
    this.aFirst.push(t.id);
    this.aLast.push(t.id);
    this.aTs.push(t.ts);
    this.aPrice.push(t.price);
    this.aSize.push(t.size);
    this.aSide.push(side);
  }
}
