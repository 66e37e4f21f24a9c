// What the local exchange simulator serves: history for ranges and a live event stream, in
// engine units (integer ticks, contracts, UTC ms). The simulated market backs it today; the
// SQLite store can back it later without the server changing.

import type { MarketEvent, Quote, Trade } from '../../../core/market/events';
import type { Instrument } from '../../../core/market/instrument';

/** A trade with its exchange id, which the wire protocol always carries. */
export interface IdTrade extends Trade {
  readonly id: number;
}

/** Consecutive fills at the same millisecond, price and aggressor side (Binance aggTrade). */
export interface AggTrade {
  readonly aggId: number;
  readonly firstId: number;
  readonly lastId: number;
  readonly ts: number;
  readonly price: number;
  readonly size: number;
  /** +1 buyer aggressor, -1 seller aggressor. */
  readonly side: 1 | -1;
}

export interface Kline {
  readonly openTime: number;
  /** Last millisecond of the interval (openTime + interval - 1). */
  readonly closeTime: number;
  readonly open: number;
  readonly high: number;
  readonly low: number;
  readonly close: number;
  readonly volume: number;
  /** Sum of price x size in quote currency (not ticks). */
  readonly quoteVolume: number;
  readonly trades: number;
  readonly takerBuyVolume: number;
  readonly takerBuyQuoteVolume: number;
}

export interface FundingPoint {
  readonly ts: number;
  /** Rate per funding interval, e.g. 0.0001 = 0.01 %. */
  readonly rate: number;
  /** Mark price at the funding time, ticks. */
  readonly markPrice: number;
}

export interface OpenInterestPoint {
  readonly ts: number;
  /** Contracts. */
  readonly openInterest: number;
  /** Open interest in quote currency. */
  readonly value: number;
}

/**
 * A range request with Binance semantics: with `startTime`, the first `limit` items at or after
 * it (and at or before `endTime` when given); with only `endTime`, the last `limit` items at or
 * before it; with neither, the most recent `limit` items. Results are in ascending order.
 */
export interface RangeQuery {
  readonly startTime?: number;
  readonly endTime?: number;
  readonly limit: number;
}

/** Like RangeQuery; `fromId` (inclusive) takes precedence over `startTime`. */
export interface IdRangeQuery extends RangeQuery {
  readonly fromId?: number;
}

export interface MarketDataSource {
  readonly instrument: Instrument;
  /** The source's clock, UTC ms: history never holds anything after it. */
  now(): number;
  /** First moment the source has data for (the listing time on the wire). */
  listedAt(): number;
  trades(query: IdRangeQuery): Promise<readonly IdTrade[]>;
  aggTrades(query: IdRangeQuery): Promise<readonly AggTrade[]>;
  /** Bars whose open time lies in the range; the forming bar is included. */
  klines(intervalMs: number, query: RangeQuery): Promise<readonly Kline[]>;
  fundingRates(query: RangeQuery): Promise<readonly FundingPoint[]>;
  openInterestAt(ts: number): Promise<OpenInterestPoint>;
  /** Samples at multiples of `periodMs`. */
  openInterestHistory(periodMs: number, query: RangeQuery): Promise<readonly OpenInterestPoint[]>;
  latestQuote(): Quote | null;
  /** Live events in time order from now on; returns the unsubscribe function. */
  subscribe(listener: (event: LiveEvent) => void): () => void;
  close(): void;
}

/**
 * Live events always carry trade ids, so clients can detect gaps and duplicates. An aggregate
 * trade follows the trades it aggregates, once it is complete.
 */
export type LiveEvent =
  | { readonly kind: 'trade'; readonly trade: IdTrade }
  | { readonly kind: 'quote'; readonly quote: Quote }
  | { readonly kind: 'aggTrade'; readonly agg: AggTrade };

export function hasTradeId(event: MarketEvent): event is Exclude<LiveEvent, { kind: 'aggTrade' }> {
  return event.kind === 'quote' || event.trade.id !== undefined;
}
