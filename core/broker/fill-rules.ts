// The fill model as small pure rules (seed 003 §8.2 tick mode, §9.1 mode 2 bar mode), kept apart
// from the broker's bookkeeping so each rule can be read, and tested, on its own.
//
// Every order is live only for market data stamped strictly after its decision time (activeAfter).
// Orders fill whole (no partial fills, no queue or depth model); sizes on quotes and trades are ignored.
// Within one event: market orders first, then stops, then limits, each by order id, so a stop and a
// target reached together resolve to the stop. Fees: taker bps for market, stop and marketable
// limits, maker bps for resting limits, on the filled notional.
//
// Tick mode (onQuote / onTrade):
// - Market: the first quote after the decision; buy at ask + slippage, sell at bid - slippage.
//   Slippage is the exit setting when the order reduces the position, else the entry setting.
// - Stop (stop-market): triggers on a quote (sell: bid <= stop, buy: ask >= stop) or a trade print
//   (sell: price <= stop, buy: price >= stop); it is then a market order decided at the trigger time
//   and fills on the first quote strictly after it.
// - Limit: on the first quote after the decision, if it crosses (buy: ask <= limit, sell: bid >=
//   limit) it is a taker at the touch plus slippage, capped at the limit. Otherwise it rests and
//   later fills as maker at exactly its limit when a quote crosses it or a trade prints strictly
//   through it (buy: price < limit). Trades before that first quote do not fill it.
// Bar mode (onBar, 1m bars, processed at the bar's close; "open fills" are stamped at the bar's
// open ts, "inside" fills at its last ms, since the minute's path is unknown):
// - Market: the first bar opening after the decision; at the decision bar's close-quote touch
//   (barMarketPrice 'close-quote', when that bar is the one just before) else at the open; plus
//   slippage. The close quote stands in for "the first quote after the close".
// - Stop: a bar opening through a stop working at the open fills it at the open (gap); else a bar
//   whose high/low reaches it fills at the stop; plus slippage.
// - Limit: on its first bar, an open already at or through it is a taker at the open (capped at
//   the limit); a resting limit the open gaps strictly through is a maker at the limit, at the
//   open; else a maker fill at the limit when the bar trades strictly through (low < buy limit).
// - Entry bar: the stop of an entry filled in a bar is checked in that same bar, its targets only
//   from the next bar: the adverse extreme is assumed to come after the fill, the favourable one
//   before it (the conservative reading of one bar). Such a stop uses the gap rule only when the
//   entry itself filled at the open; after an inside-the-bar entry it fills at the stop, at the close.

import type { Bar } from '../market/bars';
import type { Quote } from '../market/events';
import type { SlippageModel } from './config';
import type { Liquidity, Side } from './types';

/** Slippage in whole ticks; bps are rounded up so the fill stays on the tick grid and is never flattering. */
export function slippageTicks(model: SlippageModel, isExit: boolean, refPrice: number): number {
  if (model.kind === 'ticks') return isExit ? model.exitTicks : model.entryTicks;
  return Math.ceil((Math.abs(refPrice) * model.bps) / 10_000 - 1e-9);
}

/** Moves a price against the trader: buys pay more, sells receive less. */
export function worsen(side: Side, price: number, ticks: number): number {
  return side === 'buy' ? price + ticks : price - ticks;
}

/** The touch a market order takes: buys lift the ask, sells hit the bid. */
export function touch(side: Side, q: Quote): number {
  return side === 'buy' ? q.askPrice : q.bidPrice;
}

/** Stop trigger on a quote: a sell stop when the bid is at or below it, a buy stop when the ask is at or above. */
export function stopTriggeredByQuote(side: Side, stop: number, q: Quote): boolean {
  return side === 'sell' ? q.bidPrice <= stop : q.askPrice >= stop;
}

/** Stop trigger on a trade print: a sell stop when a trade prints at or below it, a buy stop at or above. */
export function stopTriggeredByTrade(side: Side, stop: number, price: number): boolean {
  return side === 'sell' ? price <= stop : price >= stop;
}

/** A limit crosses the quote: a buy when the ask is at or below the limit, a sell when the bid is at or above. */
export function limitCrossedByQuote(side: Side, limit: number, q: Quote): boolean {
  return side === 'buy' ? q.askPrice <= limit : q.bidPrice >= limit;
}

/** A resting limit is filled by a print strictly through it (a print at the limit may not reach our place in the queue). */
export function limitFilledByTrade(side: Side, limit: number, price: number): boolean {
  return side === 'buy' ? price < limit : price > limit;
}

/** A marketable limit pays slippage like a market order but never more than its limit. */
export function cappedAtLimit(side: Side, price: number, limit: number): number {
  return side === 'buy' ? Math.min(price, limit) : Math.max(price, limit);
}

export interface BarFill {
  /** Reference price before slippage. */
  readonly refPrice: number;
  /** True when the fill happened at the bar's open (a gap), false when somewhere inside the bar. */
  readonly atOpen: boolean;
  readonly liquidity: Liquidity;
}

/**
 * Stop in bar mode. A bar opening through the stop fills it at the open (a gap) when the stop was
 * already working at the open; otherwise a bar whose range reaches the stop fills it at the stop
 * (plus slippage, added by the caller).
 */
export function barStopFill(side: Side, stop: number, bar: Bar, workingAtOpen: boolean): BarFill | null {
  const gapped = side === 'sell' ? bar.open <= stop : bar.open >= stop;
  if (workingAtOpen && gapped) return { refPrice: bar.open, atOpen: true, liquidity: 'taker' };
  const reached = side === 'sell' ? bar.low <= stop : bar.high >= stop;
  return reached ? { refPrice: stop, atOpen: false, liquidity: 'taker' } : null;
}

/**
 * Limit in bar mode. On its first bar a limit the open already crosses is marketable: a taker fill
 * at the open. A resting limit the bar opens strictly through was filled by the gap: maker at the
 * limit, at the open. Otherwise it fills as maker at the limit only when the bar trades strictly
 * through it (low < buy limit, high > sell limit), the bar analogue of the tick rule.
 */
export function barLimitFill(side: Side, limit: number, bar: Bar, firstBar: boolean): BarFill | null {
  const dir = side === 'buy' ? 1 : -1;
  const openBeyond = (limit - bar.open) * dir;
  if (firstBar && openBeyond >= 0) return { refPrice: bar.open, atOpen: true, liquidity: 'taker' };
  if (openBeyond > 0) return { refPrice: limit, atOpen: true, liquidity: 'maker' };
  const through = side === 'buy' ? bar.low < limit : bar.high > limit;
  return through ? { refPrice: limit, atOpen: false, liquidity: 'maker' } : null;
}
