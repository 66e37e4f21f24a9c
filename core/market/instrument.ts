// Instruments are data: tick size, contract size and fees drive every price and PnL computation.
// Prices inside the engine are integer ticks of the instrument (DESIGN.md §3).

export interface Instrument {
  /** Symbol as the trader reads it, e.g. "BTCUSDT". */
  readonly symbol: string;
  /** Venue identifier ("binanceusdm", "sim", ...). */
  readonly venue: string;
  /** Minimum price increment in quote currency. */
  readonly tickSize: number;
  /** Base units represented by one contract (1 for linear BTCUSDT perps quoted in BTC). */
  readonly contractSize: number;
  /** Minimum order size step, in contracts. */
  readonly sizeStep: number;
  readonly takerFeeBps: number;
  readonly makerFeeBps: number;
  /** Funding interval in hours (0 when the instrument has no funding). */
  readonly fundingIntervalHours: number;
}

export const BTCUSDT_PERP: Instrument = {
  symbol: 'BTCUSDT',
  venue: 'binanceusdm',
  tickSize: 0.1,
  contractSize: 1,
  sizeStep: 0.001,
  takerFeeBps: 5,
  makerFeeBps: -1,
  fundingIntervalHours: 8,
};

/** Binance spot BTCUSDT: the instrument of the long kline histories in ../shared/data. */
export const BTCUSDT_SPOT: Instrument = {
  symbol: 'BTCUSDT',
  venue: 'binance',
  tickSize: 0.01,
  contractSize: 1,
  sizeStep: 0.00001,
  takerFeeBps: 10,
  makerFeeBps: 10,
  fundingIntervalHours: 0,
};

/** Converts a quote-currency price to integer ticks, rounding to the nearest tick. */
export function toTicks(price: number, tickSize: number): number {
  return Math.round(price / tickSize);
}

/** Converts integer ticks back to a price, rounded so that 0.1-tick instruments print cleanly. */
export function fromTicks(ticks: number, tickSize: number): number {
  const decimals = decimalsOf(tickSize);
  return Number((ticks * tickSize).toFixed(decimals));
}

/** Number of decimals needed to print a multiple of `step` exactly (0.1 -> 1, 0.25 -> 2, 5 -> 0). */
export function decimalsOf(step: number): number {
  for (let d = 0; d <= 12; d++) {
    const scaled = step * 10 ** d;
    if (Math.abs(scaled - Math.round(scaled)) < 1e-9) return d;
  }
  return 12;
}
