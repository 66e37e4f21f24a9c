// Trade-side inference (seed 003 §5.5.1): sign each print against the latest L1 quote at or before
// it, with a staleness limit and an optional tick-rule fallback, and measure it against the
// exchange-reported aggressor where one exists.

import type { QuoteColumns, TradeColumns } from './columns';

export type InferredSign = -1 | 0 | 1;

export interface SideInferenceConfig {
  /**
   * Oldest quote, in ms before the trade, still trusted to sign it. Inclusive: a quote exactly
   * this old is used, one millisecond older is stale. Seed 003 `max_quote_staleness_ms` = 250.
   */
  readonly maxQuoteStalenessMs: number;
  /**
   * Sign trades the quote rule cannot (inside the spread, or no fresh quote) by the tick rule.
   * Seed 003 `use_tick_rule_fallback` = false.
   */
  readonly tickRuleFallback: boolean;
}

export const SEED003_SIDE_INFERENCE: SideInferenceConfig = { maxQuoteStalenessMs: 250, tickRuleFallback: false };

export interface SideInferenceStats {
  readonly trades: number;
  readonly volume: number;
  /** Trades signed by the quote rule (at or through the ask or the bid of a fresh quote). */
  readonly quoteSigned: number;
  /** Trades with a fresh quote but printed strictly inside its spread. */
  readonly insideSpread: number;
  /** Trades with no quote, or only one older than the staleness limit. */
  readonly staleOrMissingQuote: number;
  /** Trades the tick-rule fallback signed (0 when the fallback is off). */
  readonly tickRuleSigned: number;
  /** Trades left unsigned after every rule, and their volume. */
  readonly ambiguous: number;
  readonly ambiguousVolume: number;
  /** Trades with an exchange-reported side and a fresh quote: the base of the agreement rate. */
  readonly reportedWithQuote: number;
  /** Of those, trades whose inferred sign (after any tick-rule fallback) equals the reported side. */
  readonly agreeing: number;
  /** Of those, trades the inference left ambiguous. */
  readonly ambiguousAmongReported: number;
  /** agreeing / reportedWithQuote (NaN when the base is empty). */
  readonly agreementRate: number;
  /** ambiguousAmongReported / reportedWithQuote (NaN when the base is empty). */
  readonly ambiguousRateAmongReported: number;
}

/**
 * Streaming classifier: feed quotes and trades in time order. A quote must be fed before a trade
 * with the same timestamp for it to apply (the bulk path does this: quote ts <= trade ts applies,
 * as seed 003 says "at or before"). Where a venue stamps the book update a trade caused with the
 * trade's own millisecond, that post-trade quote is the one used; the agreement rate against the
 * exchange side is the check on it. Keeps no per-trade allocation: state is a handful of numbers.
 */
export class TradeSideClassifier {
  private readonly maxAge: number;
  private readonly tickRuleFallback: boolean;
  private quoteTs = NaN;
  private bid = NaN;
  private ask = NaN;
  private lastPrice = NaN;
  private lastTickSign: InferredSign = 0;

  private trades = 0;
  private volume = 0;
  private quoteSigned = 0;
  private insideSpread = 0;
  private staleOrMissing = 0;
  private tickRuleSigned = 0;
  private ambiguous = 0;
  private ambiguousVolume = 0;
  private reportedWithQuote = 0;
  private agreeing = 0;
  private ambiguousAmongReported = 0;

  constructor(config: SideInferenceConfig = SEED003_SIDE_INFERENCE) {
    this.maxAge = config.maxQuoteStalenessMs;
    this.tickRuleFallback = config.tickRuleFallback;
  }

  onQuote(ts: number, bidPrice: number, askPrice: number): void {
    this.quoteTs = ts;
    this.bid = bidPrice;
    this.ask = askPrice;
  }

  /** Infers the sign of one trade and updates the quality counters. */
  classify(ts: number, price: number, size: number, reportedSide: number): InferredSign {
    // With the fallback on, the tick rule is tracked on every print so it is ready whenever the
    // quote rule fails; with it off, the hot path skips it.
    const tickSign: InferredSign = this.tickRuleFallback ? this.tickRule(price) : 0;

    const age = ts - this.quoteTs;
    // A quote stamped after the trade is not "at or before" it, so it cannot sign it.
    const fresh = age >= 0 && age <= this.maxAge;
    let sign: InferredSign = 0;
    if (fresh) {
      // Seed order: the ask test comes first, so a locked quote signs a print at that price +1.
      if (price >= this.ask) sign = 1;
      else if (price <= this.bid) sign = -1;
      if (sign !== 0) this.quoteSigned++;
      else this.insideSpread++;
    } else {
      this.staleOrMissing++;
    }
    if (sign === 0 && tickSign !== 0) {
      sign = tickSign;
      this.tickRuleSigned++;
    }

    this.trades++;
    this.volume += size;
    if (sign === 0) {
      this.ambiguous++;
      this.ambiguousVolume += size;
    }
    if (fresh && reportedSide !== 0) {
      this.reportedWithQuote++;
      if (sign === reportedSide) this.agreeing++;
      else if (sign === 0) this.ambiguousAmongReported++;
    }
    return sign;
  }

  // Its own method, off the hot path of the seed's default (no fallback): classify() is inlined
  // into the tick backtest's event loop only while it stays small (see MinuteFlowEngine.openMinute).
  private tickRule(price: number): InferredSign {
    let tickSign = this.lastTickSign;
    if (price > this.lastPrice) tickSign = 1;
    else if (price < this.lastPrice) tickSign = -1;
    this.lastPrice = price;
    this.lastTickSign = tickSign;
    return tickSign;
  }

  stats(): SideInferenceStats {
    return sideInferenceStats({
      trades: this.trades,
      volume: this.volume,
      quoteSigned: this.quoteSigned,
      insideSpread: this.insideSpread,
      staleOrMissingQuote: this.staleOrMissing,
      tickRuleSigned: this.tickRuleSigned,
      ambiguous: this.ambiguous,
      ambiguousVolume: this.ambiguousVolume,
      reportedWithQuote: this.reportedWithQuote,
      agreeing: this.agreeing,
      ambiguousAmongReported: this.ambiguousAmongReported,
    });
  }
}

/** The counters of SideInferenceStats, without the two rates derived from them. */
export type SideInferenceCounts = Omit<SideInferenceStats, 'agreementRate' | 'ambiguousRateAmongReported'>;

/**
 * Adds the rates to the counters. Shared by the classifier and the inlined bulk loop of
 * minute-flow.ts, so both report statistics the same way.
 */
export function sideInferenceStats(c: SideInferenceCounts): SideInferenceStats {
  const base = c.reportedWithQuote;
  return {
    ...c,
    agreementRate: base > 0 ? c.agreeing / base : NaN,
    ambiguousRateAmongReported: base > 0 ? c.ambiguousAmongReported / base : NaN,
  };
}

/**
 * Signs a whole batch. Trades and quotes must each be sorted by ts; every quote with
 * ts <= a trade's ts is applied before that trade. `out` may be passed to reuse a buffer.
 */
export function inferTradeSides(
  trades: TradeColumns,
  quotes: QuoteColumns,
  config: SideInferenceConfig = SEED003_SIDE_INFERENCE,
  out: Int8Array = new Int8Array(trades.ts.length),
): { signs: Int8Array; stats: SideInferenceStats } {
  const classifier = new TradeSideClassifier(config);
  const tTs = trades.ts;
  const tPrice = trades.price;
  const tSize = trades.size;
  const tSide = trades.side;
  const qTs = quotes.ts;
  const qBid = quotes.bidPrice;
  const qAsk = quotes.askPrice;
  const nq = qTs.length;
  let j = 0;
  for (let i = 0; i < tTs.length; i++) {
    const ts = tTs[i]!;
    while (j < nq && qTs[j]! <= ts) {
      classifier.onQuote(qTs[j]!, qBid[j]!, qAsk[j]!);
      j++;
    }
    out[i] = classifier.classify(ts, tPrice[i]!, tSize[i]!, tSide[i]!);
  }
  return { signs: out, stats: classifier.stats() };
}
