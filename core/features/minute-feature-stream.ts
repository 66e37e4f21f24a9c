// The feature table of minute-features.ts, computed as events arrive: the form the engine uses
// in live, replay and tick backtests. A minute is emitted when the first event of a later
// minute arrives (or the clock passes it), with its bar and its features_1m row; the result
// equals the bulk computation row for row (tests/core/features).

import { floorToMinute, type Bar } from '../market/bars';
import type { QuoteColumns, TradeColumns } from '../market/columns';
import type { Quote, Trade } from '../market/events';
import { BulkVolumeClassifier } from '../flow/bvc';
import { MinuteFlowEngine } from '../flow/minute-flow';
import { RollingProfile } from '../profile/rolling-profile';
import { DEFAULT_FEATURE_CONFIG, type FeatureConfig } from './config';
import type { FeatureColumn } from './minute-features';
import { minuteFlowSettings, rollingProfileSettings } from './settings';

export type FeatureRow = { readonly [K in FeatureColumn]: number };

export interface MinuteSnapshot {
  readonly bar: Bar;
  readonly features: FeatureRow;
  /** CVD of the configured sign source, cumulative since the stream started. */
  readonly cvd: number;
}

function laterEvent(): never {
  throw new RangeError('feature stream: close the minute before a later event');
}

export class MinuteFeatureStream {
  private readonly flow: MinuteFlowEngine;
  private readonly profile: RollingProfile;
  private readonly bvc: BulkVolumeClassifier;
  /** End of the open minute (UTC ms); Infinity while no minute is open. Read by batch drivers. */
  minuteEnd = Infinity;

  // The open minute's bar, built as MinuteBarBuilder builds it but in fields, so the hot path
  // takes plain numbers: a tick backtest feeds ~10M events a day and an object per event was a
  // large share of its cost (tests/core/features/minute-feature-stream.test.ts holds it equal to
  // the bar builder).
  private barTs = NaN;
  private barOpen = NaN;
  private barHigh = NaN;
  private barLow = NaN;
  private barClose = NaN;
  private barVolume = 0;
  private barNotional = 0;
  private barTrades = 0;
  private barBuy = 0;
  private barSell = 0;
  // The latest quote, which is every bar's close quote (MinuteBarBuilder: the quote in force when
  // the bar opened, replaced by each quote while it is open). Made an object once per quote that
  // closes a bar, or the caller's own object from onQuote.
  private quoteTs = NaN;
  private bidPrice = NaN;
  private bidSize = NaN;
  private askPrice = NaN;
  private askSize = NaN;
  private hasQuote = false;
  private lastQuoteObject: Quote | null = null;

  constructor(config: FeatureConfig = DEFAULT_FEATURE_CONFIG) {
    this.flow = new MinuteFlowEngine(minuteFlowSettings(config));
    this.profile = new RollingProfile(rollingProfileSettings(config));
    this.bvc = new BulkVolumeClassifier({ lookback: config.bvc_lookback });
  }

  onQuote(q: Quote): MinuteSnapshot | null {
    const closed = q.ts >= this.minuteEnd ? this.closeMinute(q.ts) : null;
    this.quote(q.ts, q.bidPrice, q.bidSize, q.askPrice, q.askSize);
    // The caller's object serves as the close quote as long as no later quote replaced it.
    this.lastQuoteObject = q;
    return closed;
  }

  onTrade(t: Trade): MinuteSnapshot | null {
    const closed = t.ts >= this.minuteEnd ? this.closeMinute(t.ts) : null;
    this.trade(t.ts, t.price, t.size, t.side);
    return closed;
  }

  /**
   * A quote as numbers, for a minute that is still open or not yet started: the caller has
   * closed the minute first when ts >= minuteEnd (closeMinute), as onQuote does. A quote only
   * replaces the one before (nothing here adds up quotes), so a driver may leave out a quote that
   * another replaces before the next trade or minute close (Engine.onTicks does; keep it so).
   */
  quote(ts: number, bidPrice: number, bidSize: number, askPrice: number, askSize: number): void {
    if (ts >= this.minuteEnd) laterEvent();
    this.flow.quote(ts, bidPrice, bidSize, askPrice, askSize);
    this.quoteTs = ts;
    this.bidPrice = bidPrice;
    this.bidSize = bidSize;
    this.askPrice = askPrice;
    this.askSize = askSize;
    this.hasQuote = true;
    this.lastQuoteObject = null;
  }

  /**
   * quote() for row j of quote columns. Batch drivers call this rather than quote(): a double
   * passed to a call that is not inlined is boxed (ts, the sizes), which was 35 bytes of garbage
   * an event over a 10M-event day; an index and the columns are not.
   */
  quoteRow(q: QuoteColumns, j: number): void {
    this.quote(q.ts[j]!, q.bidPrice[j]!, q.bidSize[j]!, q.askPrice[j]!, q.askSize[j]!);
  }

  /** trade() for row i of trade columns (see quoteRow). */
  tradeRow(t: TradeColumns, i: number): void {
    this.trade(t.ts[i]!, t.price[i]!, t.size[i]!, t.side[i]!);
  }

  /** A trade as numbers, under the same contract as quote(). */
  trade(ts: number, price: number, size: number, side: number): void {
    if (ts >= this.minuteEnd) laterEvent();
    this.flow.trade(ts, price, size, side);
    if (this.minuteEnd === Infinity) this.openBar(ts, price);
    if (price > this.barHigh) this.barHigh = price;
    if (price < this.barLow) this.barLow = price;
    this.barClose = price;
    this.barVolume += size;
    this.barNotional += price * size;
    this.barTrades += 1;
    if (side === 1) this.barBuy += size;
    else if (side === -1) this.barSell += size;
    this.profile.addTrade(ts, price, size);
  }

  // Off the hot path (see MinuteFlowEngine.openMinute): once a minute.
  private openBar(ts: number, price: number): void {
    this.minuteEnd = ts - (ts % 60_000) + 60_000;
    this.barTs = floorToMinute(ts);
    this.barOpen = price;
    this.barHigh = price;
    this.barLow = price;
    this.barVolume = 0;
    this.barNotional = 0;
    this.barTrades = 0;
    this.barBuy = 0;
    this.barSell = 0;
  }

  /** Closes the open minute once the clock is past it (timer in live mode, end of data). */
  advanceTo(ts: number): MinuteSnapshot | null {
    return ts >= this.minuteEnd ? this.closeMinute(ts) : null;
  }

  /** Closes the open minute at `ts` (>= minuteEnd): its bar and feature row. */
  closeMinute(ts: number): MinuteSnapshot {
    this.flow.advanceTo(ts);
    const flow = this.flow.closed;
    if (this.minuteEnd === Infinity) throw new Error('feature stream: a minute closed without a bar');
    const bar = this.closeBar();
    if (Number.isFinite(flow.midClose)) this.profile.markMid(flow.midClose);
    this.profile.advanceTo(ts);
    this.minuteEnd = Infinity;
    const f = this.profile.features();
    const bvc = this.bvc.update(bar.close, bar.volume);
    const valid = f.levels.valid;
    return {
      bar,
      cvd: flow.cvd,
      features: {
        ts_min: bar.ts,
        mid_close: flow.midClose,
        sigma_240: f.sigma,
        bin_width: f.binTicks,
        poc: valid ? f.levels.poc : Number.NaN,
        vah: valid ? f.levels.vah : Number.NaN,
        val: valid ? f.levels.val : Number.NaN,
        va_coverage: valid ? f.levels.coverage : Number.NaN,
        of_1m: flow.of,
        of_norm_1m: flow.ofNorm,
        qimb_close: flow.qimb,
        ambiguous_trade_frac_1m: flow.ambiguousFrac,
        bvc_buy_frac_1m: bvc.buyFrac,
        bvc_net_proxy_1m: bvc.net,
      },
    };
  }

  private closeBar(): Bar {
    if (this.hasQuote && this.lastQuoteObject === null) {
      this.lastQuoteObject = { ts: this.quoteTs, bidPrice: this.bidPrice, bidSize: this.bidSize, askPrice: this.askPrice, askSize: this.askSize };
    }
    const volume = this.barVolume;
    return {
      ts: this.barTs,
      open: this.barOpen,
      high: this.barHigh,
      low: this.barLow,
      close: this.barClose,
      volume,
      vwap: volume > 0 ? this.barNotional / volume : this.barClose,
      trades: this.barTrades,
      buyVolume: this.barBuy,
      sellVolume: this.barSell,
      delta: this.barBuy - this.barSell,
      closeQuote: this.lastQuoteObject,
    };
  }
}
