// Columnar trade and quote batches for the bulk (backtest) paths: one typed array per field, so a
// day of ticks is walked without creating an object per event. Prices in ticks, ts in UTC ms.

export interface TradeColumns {
  readonly ts: Float64Array;
  readonly price: Float64Array;
  readonly size: Float64Array;
  /** Exchange-reported aggressor: +1 buy, -1 sell, 0 unknown. */
  readonly side: Int8Array;
}

export interface QuoteColumns {
  readonly ts: Float64Array;
  readonly bidPrice: Float64Array;
  readonly bidSize: Float64Array;
  readonly askPrice: Float64Array;
  readonly askSize: Float64Array;
}

/** Builds columns from plain records; for tests and small imports, not for hot paths. */
export function tradeColumnsOf(trades: ReadonlyArray<{ ts: number; price: number; size: number; side: number }>): TradeColumns {
  const n = trades.length;
  const cols = { ts: new Float64Array(n), price: new Float64Array(n), size: new Float64Array(n), side: new Int8Array(n) };
  for (let i = 0; i < n; i++) {
    const t = trades[i]!;
    cols.ts[i] = t.ts;
    cols.price[i] = t.price;
    cols.size[i] = t.size;
    cols.side[i] = t.side;
  }
  return cols;
}

export function quoteColumnsOf(
  quotes: ReadonlyArray<{ ts: number; bidPrice: number; bidSize: number; askPrice: number; askSize: number }>,
): QuoteColumns {
  const n = quotes.length;
  const cols = {
    ts: new Float64Array(n),
    bidPrice: new Float64Array(n),
    bidSize: new Float64Array(n),
    askPrice: new Float64Array(n),
    askSize: new Float64Array(n),
  };
  for (let i = 0; i < n; i++) {
    const q = quotes[i]!;
    cols.ts[i] = q.ts;
    cols.bidPrice[i] = q.bidPrice;
    cols.bidSize[i] = q.bidSize;
    cols.askPrice[i] = q.askPrice;
    cols.askSize[i] = q.askSize;
  }
  return cols;
}
