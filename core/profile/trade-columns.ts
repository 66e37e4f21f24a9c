// Columnar trade batches for the bulk APIs: one typed array per field, so a day of trades
// streams through the profile code without an object per trade.

/** Trades as parallel columns; row i is (ts[i], price[i], size[i], side[i]). Prices in ticks. */
export interface TradeColumns {
  /** UTC epoch milliseconds, non-decreasing. */
  readonly ts: Float64Array;
  /** Integer ticks. */
  readonly price: Int32Array | Float64Array;
  readonly size: Float64Array;
  /** +1 buy aggressor, -1 sell aggressor, 0 unknown. Optional where side does not matter. */
  readonly side?: Int8Array;
}
