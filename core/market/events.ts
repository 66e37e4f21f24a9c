// The market events every driver (live, replay, backtest) feeds into the engine.
// Prices are integer ticks; sizes are contracts; timestamps are UTC epoch milliseconds.

/** Aggressor side: +1 buyer lifted the ask, -1 seller hit the bid, 0 unknown. */
export type AggressorSide = 1 | -1 | 0;

export interface Trade {
  readonly ts: number;
  readonly price: number;
  readonly size: number;
  readonly side: AggressorSide;
  /** Exchange trade id when the source has one (used for gap and duplicate detection). */
  readonly id?: number;
}

/** Best bid and offer (L1). */
export interface Quote {
  readonly ts: number;
  readonly bidPrice: number;
  readonly bidSize: number;
  readonly askPrice: number;
  readonly askSize: number;
}

export type MarketEvent =
  | { readonly kind: 'trade'; readonly trade: Trade }
  | { readonly kind: 'quote'; readonly quote: Quote };
