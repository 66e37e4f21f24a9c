// Columnar (struct-of-arrays) trade and quote batches: how day-sized streams move through the
// market core without an object per event. Prices in ticks, sizes in contracts, ts in UTC ms.

import type { Quote, Trade } from './events';

export interface TradeColumns {
  readonly length: number;
  readonly ts: Float64Array;
  readonly price: Float64Array;
  readonly size: Float64Array;
  /** +1 buyer aggressor, -1 seller aggressor, 0 unknown. */
  readonly side: Int8Array;
}

export interface QuoteColumns {
  readonly length: number;
  readonly ts: Float64Array;
  readonly bidPrice: Float64Array;
  readonly bidSize: Float64Array;
  readonly askPrice: Float64Array;
  readonly askSize: Float64Array;
}

export function tradeColumnsFrom(trades: readonly Trade[]): TradeColumns {
  const n = trades.length;
  const out = { length: n, ts: new Float64Array(n), price: new Float64Array(n), size: new Float64Array(n), side: new Int8Array(n) };
  for (let i = 0; i < n; i++) {
    const t = trades[i] as Trade;
    out.ts[i] = t.ts;
    out.price[i] = t.price;
    out.size[i] = t.size;
    out.side[i] = t.side;
  }
  return out;
}

export function quoteColumnsFrom(quotes: readonly Quote[]): QuoteColumns {
  const n = quotes.length;
  const out = {
    length: n,
    ts: new Float64Array(n),
    bidPrice: new Float64Array(n),
    bidSize: new Float64Array(n),
    askPrice: new Float64Array(n),
    askSize: new Float64Array(n),
  };
  for (let i = 0; i < n; i++) {
    const q = quotes[i] as Quote;
    out.ts[i] = q.ts;
    out.bidPrice[i] = q.bidPrice;
    out.bidSize[i] = q.bidSize;
    out.askPrice[i] = q.askPrice;
    out.askSize[i] = q.askSize;
  }
  return out;
}

export function tradesFromColumns(c: TradeColumns): Trade[] {
  const out: Trade[] = new Array(c.length);
  for (let i = 0; i < c.length; i++) {
    out[i] = { ts: c.ts[i] as number, price: c.price[i] as number, size: c.size[i] as number, side: c.side[i] as 1 | -1 | 0 };
  }
  return out;
}

export function quotesFromColumns(c: QuoteColumns): Quote[] {
  const out: Quote[] = new Array(c.length);
  for (let i = 0; i < c.length; i++) {
    out[i] = {
      ts: c.ts[i] as number,
      bidPrice: c.bidPrice[i] as number,
      bidSize: c.bidSize[i] as number,
      askPrice: c.askPrice[i] as number,
      askSize: c.askSize[i] as number,
    };
  }
  return out;
}
