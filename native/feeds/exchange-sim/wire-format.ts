// Engine units to Binance USD-M wire shapes: prices and sizes as decimal strings, the 12-field
// kline array, aggTrade / trade / bookTicker objects exactly as ccxt parses them.

import type { Quote } from '../../../core/market/events';
import type { Instrument } from '../../../core/market/instrument';
import { decimalsOf } from '../../../core/market/instrument';
import type { AggTrade, FundingPoint, IdTrade, Kline, OpenInterestPoint } from './data-source';

export type KlineRow = [number, string, string, string, string, string, number, string, number, string, string, string];

export class WireFormat {
  private readonly priceDecimals: number;
  private readonly sizeDecimals: number;

  constructor(readonly instrument: Instrument) {
    this.priceDecimals = decimalsOf(instrument.tickSize);
    this.sizeDecimals = decimalsOf(instrument.sizeStep);
  }

  get symbol(): string {
    return this.instrument.symbol;
  }

  price(ticks: number): string {
    return (ticks * this.instrument.tickSize).toFixed(this.priceDecimals);
  }

  size(contracts: number): string {
    return contracts.toFixed(this.sizeDecimals);
  }

  /** Quote-currency amounts (notional) keep eight decimals, as Binance prints them. */
  notional(value: number): string {
    return value.toFixed(8);
  }

  kline(k: Kline): KlineRow {
    return [
      k.openTime,
      this.price(k.open),
      this.price(k.high),
      this.price(k.low),
      this.price(k.close),
      this.size(k.volume),
      k.closeTime,
      this.notional(k.quoteVolume),
      k.trades,
      this.size(k.takerBuyVolume),
      this.notional(k.takerBuyQuoteVolume),
      '0',
    ];
  }

  /** m is "buyer is the maker": true when the seller was the aggressor. */
  aggTrade(a: AggTrade): { a: number; p: string; q: string; f: number; l: number; T: number; m: boolean } {
    return { a: a.aggId, p: this.price(a.price), q: this.size(a.size), f: a.firstId, l: a.lastId, T: a.ts, m: a.side === -1 };
  }

  restTrade(t: IdTrade): { id: number; price: string; qty: string; quoteQty: string; time: number; isBuyerMaker: boolean } {
    return {
      id: t.id,
      price: this.price(t.price),
      qty: this.size(t.size),
      quoteQty: this.notional(t.price * this.instrument.tickSize * t.size),
      time: t.ts,
      isBuyerMaker: t.side === -1,
    };
  }

  tradeEvent(t: IdTrade, eventTime: number): Record<string, string | number | boolean> {
    return {
      e: 'trade',
      E: eventTime,
      T: t.ts,
      s: this.symbol,
      t: t.id,
      p: this.price(t.price),
      q: this.size(t.size),
      X: 'MARKET',
      m: t.side === -1,
    };
  }

  aggTradeEvent(a: AggTrade, eventTime: number): Record<string, string | number | boolean> {
    return { e: 'aggTrade', E: eventTime, s: this.symbol, ...this.aggTrade(a) };
  }

  bookTickerEvent(q: Quote, updateId: number, eventTime: number): Record<string, string | number> {
    return {
      e: 'bookTicker',
      u: updateId,
      s: this.symbol,
      b: this.price(q.bidPrice),
      B: this.size(q.bidSize),
      a: this.price(q.askPrice),
      A: this.size(q.askSize),
      T: q.ts,
      E: eventTime,
    };
  }

  bookTickerRest(q: Quote, updateId: number): Record<string, string | number> {
    return {
      symbol: this.symbol,
      bidPrice: this.price(q.bidPrice),
      bidQty: this.size(q.bidSize),
      askPrice: this.price(q.askPrice),
      askQty: this.size(q.askSize),
      time: q.ts,
      lastUpdateId: updateId,
    };
  }

  fundingRate(f: FundingPoint): { symbol: string; fundingTime: number; fundingRate: string; markPrice: string } {
    return { symbol: this.symbol, fundingTime: f.ts, fundingRate: f.rate.toFixed(8), markPrice: this.price(f.markPrice) };
  }

  openInterest(p: OpenInterestPoint): { symbol: string; openInterest: string; time: number } {
    return { symbol: this.symbol, openInterest: this.size(p.openInterest), time: p.ts };
  }

  openInterestHist(p: OpenInterestPoint): { symbol: string; sumOpenInterest: string; sumOpenInterestValue: string; timestamp: number } {
    return {
      symbol: this.symbol,
      sumOpenInterest: p.openInterest.toFixed(8),
      sumOpenInterestValue: this.notional(p.value),
      timestamp: p.ts,
    };
  }
}
