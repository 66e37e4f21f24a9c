// Minute bars built from trades on UTC minute boundaries (seed 003 §4), with the L1 snapshot
// at minute close. Timeframes above 1m are aggregated from closed 1m bars.

import type { Quote, Trade } from './events';
import { throwNotFinite, throwOutOfOrder } from './time-order';

export const MINUTE_MS = 60_000;

export interface Bar {
  /** Bar open time, UTC ms, a multiple of the timeframe. */
  readonly ts: number;
  readonly open: number;
  readonly high: number;
  readonly low: number;
  readonly close: number;
  readonly volume: number;
  /** Volume-weighted average price, in ticks (fractional). */
  readonly vwap: number;
  readonly trades: number;
  /** Volume whose aggressor was a buyer (traded at the ask). */
  readonly buyVolume: number;
  /** Volume whose aggressor was a seller (traded at the bid). */
  readonly sellVolume: number;
  /** buyVolume - sellVolume. */
  readonly delta: number;
  /** Latest quote at or before the bar's last millisecond (null until a quote arrives). */
  readonly closeQuote: Quote | null;
}

export function floorToMinute(ts: number): number {
  return Math.floor(ts / MINUTE_MS) * MINUTE_MS;
}

interface MutableBar {
  ts: number;
  open: number;
  high: number;
  low: number;
  close: number;
  volume: number;
  notional: number;
  trades: number;
  buyVolume: number;
  sellVolume: number;
  closeQuote: Quote | null;
}

function freeze(bar: MutableBar): Bar {
  return {
    ts: bar.ts,
    open: bar.open,
    high: bar.high,
    low: bar.low,
    close: bar.close,
    volume: bar.volume,
    vwap: bar.volume > 0 ? bar.notional / bar.volume : bar.close,
    trades: bar.trades,
    buyVolume: bar.buyVolume,
    sellVolume: bar.sellVolume,
    delta: bar.buyVolume - bar.sellVolume,
    closeQuote: bar.closeQuote,
  };
}

/**
 * Builds 1-minute bars incrementally. Minutes without trades produce no bar (a gap the chart
 * shows as such); the quote snapshot follows the latest quote seen up to the minute's end.
 * Events must arrive in time order; an event older than the open bar is rejected, because a
 * closed bar is final once emitted.
 */
export class MinuteBarBuilder {
  private current: MutableBar | null = null;
  private lastQuote: Quote | null = null;
  private lastTs = -Infinity;

  /** Applies a quote. Returns the bar closed by time passing, if any. */
  onQuote(quote: Quote): Bar | null {
    this.checkOrder(quote.ts);
    const closed = this.closeIfBefore(floorToMinute(quote.ts));
    this.lastQuote = quote;
    if (this.current) this.current.closeQuote = quote;
    return closed;
  }

  /** Applies a trade. Returns the bar this trade closed (the previous minute), if any. */
  onTrade(trade: Trade): Bar | null {
    this.checkOrder(trade.ts);
    const minute = floorToMinute(trade.ts);
    const closed = this.closeIfBefore(minute);
    let bar = this.current;
    if (!bar) {
      bar = {
        ts: minute,
        open: trade.price,
        high: trade.price,
        low: trade.price,
        close: trade.price,
        volume: 0,
        notional: 0,
        trades: 0,
        buyVolume: 0,
        sellVolume: 0,
        closeQuote: this.lastQuote,
      };
      this.current = bar;
    }
    if (trade.price > bar.high) bar.high = trade.price;
    if (trade.price < bar.low) bar.low = trade.price;
    bar.close = trade.price;
    bar.volume += trade.size;
    bar.notional += trade.price * trade.size;
    bar.trades += 1;
    if (trade.side === 1) bar.buyVolume += trade.size;
    else if (trade.side === -1) bar.sellVolume += trade.size;
    return closed;
  }

  /** Closes the open bar if the clock has passed its end; used by drivers on timer ticks. */
  advanceTo(ts: number): Bar | null {
    return this.closeIfBefore(floorToMinute(ts));
  }

  /** The bar still forming, as it stands now. */
  openBar(): Bar | null {
    return this.current ? freeze(this.current) : null;
  }

  private closeIfBefore(minute: number): Bar | null {
    const bar = this.current;
    if (!bar || bar.ts >= minute) return null;
    this.current = null;
    return freeze(bar);
  }

  private checkOrder(ts: number): void {
    if (!Number.isFinite(ts)) throwNotFinite('event time', ts);
    if (ts < this.lastTs) throwOutOfOrder('event time went backwards', ts, 'after', this.lastTs);
    this.lastTs = ts;
  }
}
