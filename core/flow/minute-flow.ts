// Per-UTC-minute order-flow features of seed 003 §5.5–§5.6: OF_1m, of_norm_1m,
// ambiguous_trade_frac_1m, CVD, and quote imbalance at minute close with its EMA.

import { MINUTE_MS } from '../market/bars';
import type { Quote, Trade } from '../market/events';
import type { QuoteColumns, TradeColumns } from './columns';
import {
  SEED003_SIDE_INFERENCE,
  TradeSideClassifier,
  type SideInferenceConfig,
  type SideInferenceStats,
} from './side-inference';

/**
 * Which sign a trade's volume carries in OF/CVD. 'inferred' is seed 003's rule (quote test);
 * 'exchange' trusts the reported aggressor (0 stays unsigned); 'exchange-else-inferred' uses the
 * reported aggressor and infers only where the exchange gives none.
 */
export type SignSource = 'inferred' | 'exchange' | 'exchange-else-inferred';

/**
 * When CVD restarts from zero: never, at each UTC day, or whenever `key(minuteTs)` changes
 * between consecutive emitted minutes (pass a session key from core/auction/sessions).
 */
export type CvdReset = 'none' | 'utc-day' | ((minuteTs: number) => number);

export interface MinuteFlowConfig {
  readonly sideInference: SideInferenceConfig;
  readonly signSource: SignSource;
  readonly cvdReset: CvdReset;
  /**
   * EMA span of qimb, in emitted minutes (alpha = 2 / (span + 1)). Seed 003 names
   * `qimb_ema_span` without a value; 5 minutes is our default.
   */
  readonly qimbEmaSpan: number;
}

/**
 * Seed 003 `ambiguous_trade_frac_max`: above this ambiguousFrac a minute's OF deserves less
 * confidence (the seed asks for stronger confirmation, e.g. from qimb). Applied by the strategy.
 */
export const SEED003_AMBIGUOUS_FRAC_MAX = 0.35;

export const DEFAULT_MINUTE_FLOW: MinuteFlowConfig = {
  sideInference: SEED003_SIDE_INFERENCE,
  signSource: 'inferred',
  cvdReset: 'none',
  qimbEmaSpan: 5,
};

export interface MinuteFlow {
  /** Minute open, UTC ms. */
  readonly ts: number;
  readonly trades: number;
  readonly volume: number;
  /** Volume signed +1 / -1 by the configured sign source. */
  readonly buyVolume: number;
  readonly sellVolume: number;
  /** Volume the configured sign source left unsigned. */
  readonly ambiguousVolume: number;
  /** OF_1m = Σ sign × size. */
  readonly of: number;
  /** of / volume. */
  readonly ofNorm: number;
  /** ambiguousVolume / volume. */
  readonly ambiguousFrac: number;
  /** Cumulative OF since the last reset, including this minute. */
  readonly cvd: number;
  /** L1 snapshot at ts + 59 999 ms: the latest quote at or before it (NaN before any quote). */
  readonly bidPrice: number;
  readonly bidSize: number;
  readonly askPrice: number;
  readonly askSize: number;
  readonly midClose: number;
  /** (bidSize − askSize) / (bidSize + askSize) of that snapshot (NaN without one or with both sizes 0). */
  readonly qimb: number;
  /** EMA of qimb over emitted minutes; minutes with NaN qimb leave it unchanged. */
  readonly qimbEma: number;
}

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

function emptyFlow(): Mutable<MinuteFlow> {
  return {
    ts: NaN,
    trades: 0,
    volume: 0,
    buyVolume: 0,
    sellVolume: 0,
    ambiguousVolume: 0,
    of: 0,
    ofNorm: NaN,
    ambiguousFrac: NaN,
    cvd: 0,
    bidPrice: NaN,
    bidSize: NaN,
    askPrice: NaN,
    askSize: NaN,
    midClose: NaN,
    qimb: NaN,
    qimbEma: NaN,
  };
}

const SOURCE_INFERRED = 0;
const SOURCE_EXCHANGE = 1;
const SOURCE_EXCHANGE_ELSE_INFERRED = 2;
const DAY_MS = 86_400_000;

function sourceCode(source: SignSource): number {
  return source === 'inferred' ? SOURCE_INFERRED : source === 'exchange' ? SOURCE_EXCHANGE : SOURCE_EXCHANGE_ELSE_INFERRED;
}

/**
 * Turns one minute's accumulators and close snapshot into its features, carrying CVD and the
 * qimb EMA across minutes. Kept out of the engine's per-trade methods so they stay small enough
 * for V8 to inline into the caller's event loop.
 */
class MinuteCloser {
  readonly out: Mutable<MinuteFlow> = emptyFlow();
  private readonly resetKey: ((minuteTs: number) => number) | null;
  private readonly emaAlpha: number;
  private cvd = 0;
  private cvdKey = NaN;
  private qimbEma = NaN;

  constructor(config: MinuteFlowConfig) {
    if (!(config.qimbEmaSpan >= 1)) throw new RangeError(`qimbEmaSpan must be >= 1, got ${config.qimbEmaSpan}`);
    const reset = config.cvdReset;
    this.resetKey = reset === 'none' ? null : reset === 'utc-day' ? (ts: number) => Math.floor(ts / DAY_MS) : reset;
    this.emaAlpha = 2 / (config.qimbEmaSpan + 1);
  }

  close(
    minute: number,
    trades: number,
    buyVolume: number,
    sellVolume: number,
    ambiguousVolume: number,
    volume: number,
    bidPrice: number,
    bidSize: number,
    askPrice: number,
    askSize: number,
  ): MinuteFlow {
    const o = this.out;
    const of = buyVolume - sellVolume;
    o.ts = minute;
    o.trades = trades;
    o.volume = volume;
    o.buyVolume = buyVolume;
    o.sellVolume = sellVolume;
    o.ambiguousVolume = ambiguousVolume;
    o.of = of;
    o.ofNorm = volume > 0 ? of / volume : NaN;
    o.ambiguousFrac = volume > 0 ? ambiguousVolume / volume : NaN;

    if (this.resetKey !== null) {
      const key = this.resetKey(minute);
      if (key !== this.cvdKey) {
        this.cvdKey = key;
        this.cvd = 0;
      }
    }
    this.cvd += of;
    o.cvd = this.cvd;

    o.bidPrice = bidPrice;
    o.bidSize = bidSize;
    o.askPrice = askPrice;
    o.askSize = askSize;
    o.midClose = (bidPrice + askPrice) / 2;
    const depth = bidSize + askSize;
    const qimb = depth > 0 ? (bidSize - askSize) / depth : NaN;
    o.qimb = qimb;
    if (qimb === qimb) this.qimbEma = this.qimbEma === this.qimbEma ? this.qimbEma + this.emaAlpha * (qimb - this.qimbEma) : qimb;
    o.qimbEma = this.qimbEma;
    return o;
  }
}

/**
 * Streaming engine. Events must arrive in time order (a quote before a trade of the same ts, so
 * that it applies to it). A minute is emitted once the first event of a later minute arrives
 * (or on `advanceTo` / `flush`), and only minutes with at least one trade are emitted, so the
 * output lines up one-to-one with MinuteBarBuilder's bars. The hot methods take plain numbers and
 * allocate nothing; the finished minute is written into `closed`, overwritten at the next close.
 */
export class MinuteFlowEngine {
  readonly classifier: TradeSideClassifier;
  /** The minute most recently emitted; valid after a method returned true. */
  readonly closed: MinuteFlow;

  private readonly closer: MinuteCloser;
  private readonly source: number;

  private lastTs = -Infinity;
  private minute = NaN;
  private minuteEnd = Infinity;
  private open = false;
  private trades = 0;
  private volume = 0;
  private buyVolume = 0;
  private sellVolume = 0;
  private ambiguousVolume = 0;

  private bidPrice = NaN;
  private bidSize = NaN;
  private askPrice = NaN;
  private askSize = NaN;

  constructor(config: Partial<MinuteFlowConfig> = {}) {
    const c = { ...DEFAULT_MINUTE_FLOW, ...config };
    this.closer = new MinuteCloser(c);
    this.classifier = new TradeSideClassifier(c.sideInference);
    this.source = sourceCode(c.signSource);
    this.closed = this.closer.out;
  }

  /** Applies an L1 quote. Returns true when it closed a minute (read `closed`). */
  quote(ts: number, bidPrice: number, bidSize: number, askPrice: number, askSize: number): boolean {
    this.checkOrder(ts);
    // Close first: the minute's snapshot must not see a quote from after its last millisecond.
    const closed = ts >= this.minuteEnd ? this.finish() : false;
    this.bidPrice = bidPrice;
    this.bidSize = bidSize;
    this.askPrice = askPrice;
    this.askSize = askSize;
    this.classifier.onQuote(ts, bidPrice, askPrice);
    return closed;
  }

  /** Applies a trade (`side` is the exchange-reported aggressor). Returns true when it closed a minute. */
  trade(ts: number, price: number, size: number, side: number): boolean {
    this.checkOrder(ts);
    let closed = false;
    if (ts >= this.minuteEnd) closed = this.finish();
    if (!this.open) {
      this.open = true;
      this.minute = Math.floor(ts / MINUTE_MS) * MINUTE_MS;
      this.minuteEnd = this.minute + MINUTE_MS;
      this.trades = 0;
      this.volume = 0;
      this.buyVolume = 0;
      this.sellVolume = 0;
      this.ambiguousVolume = 0;
    }
    // Inference always runs so its agreement statistics exist whatever the sign source.
    const inferred = this.classifier.classify(ts, price, size, side);
    const sign = this.source === SOURCE_INFERRED ? inferred : this.source === SOURCE_EXCHANGE || side !== 0 ? side : inferred;
    this.trades++;
    this.volume += size;
    if (sign > 0) this.buyVolume += size;
    else if (sign < 0) this.sellVolume += size;
    else this.ambiguousVolume += size;
    return closed;
  }

  /**
   * Closes the open minute if the clock has passed its end (timer ticks in live mode). The clock
   * then counts as an event: a later event stamped before `ts` throws instead of reopening a
   * minute that was already emitted.
   */
  advanceTo(ts: number): boolean {
    this.checkOrder(ts);
    return ts >= this.minuteEnd ? this.finish() : false;
  }

  /** Emits the open minute as it stands (end of data). */
  flush(): boolean {
    return this.open ? this.finish() : false;
  }

  onQuote(q: Quote): MinuteFlow | null {
    return this.quote(q.ts, q.bidPrice, q.bidSize, q.askPrice, q.askSize) ? { ...this.closed } : null;
  }

  onTrade(t: Trade): MinuteFlow | null {
    return this.trade(t.ts, t.price, t.size, t.side) ? { ...this.closed } : null;
  }

  stats(): SideInferenceStats {
    return this.classifier.stats();
  }

  private finish(): true {
    this.closer.close(
      this.minute,
      this.trades,
      this.buyVolume,
      this.sellVolume,
      this.ambiguousVolume,
      this.volume,
      this.bidPrice,
      this.bidSize,
      this.askPrice,
      this.askSize,
    );
    this.open = false;
    this.minuteEnd = Infinity;
    return true;
  }

  private checkOrder(ts: number): void {
    if (ts < this.lastTs || ts !== ts) throw new RangeError(`event time went backwards or is NaN: ${ts} after ${this.lastTs}`);
    this.lastTs = ts;
  }
}

/** Columnar minute features, one row per minute that had a trade. */
export interface MinuteFlowColumns {
  readonly length: number;
  readonly ts: Float64Array;
  readonly trades: Float64Array;
  readonly volume: Float64Array;
  readonly buyVolume: Float64Array;
  readonly sellVolume: Float64Array;
  readonly ambiguousVolume: Float64Array;
  readonly of: Float64Array;
  readonly ofNorm: Float64Array;
  readonly ambiguousFrac: Float64Array;
  readonly cvd: Float64Array;
  readonly bidPrice: Float64Array;
  readonly bidSize: Float64Array;
  readonly askPrice: Float64Array;
  readonly askSize: Float64Array;
  readonly midClose: Float64Array;
  readonly qimb: Float64Array;
  readonly qimbEma: Float64Array;
}

const FLOW_FIELDS = [
  'ts',
  'trades',
  'volume',
  'buyVolume',
  'sellVolume',
  'ambiguousVolume',
  'of',
  'ofNorm',
  'ambiguousFrac',
  'cvd',
  'bidPrice',
  'bidSize',
  'askPrice',
  'askSize',
  'midClose',
  'qimb',
  'qimbEma',
] as const satisfies ReadonlyArray<keyof MinuteFlow>;

/** Reads row `i` of the columns back as a record (tests, exports; not for hot loops). */
export function minuteFlowAt(cols: MinuteFlowColumns, i: number): MinuteFlow {
  const row = emptyFlow();
  for (const f of FLOW_FIELDS) row[f] = cols[f][i]!;
  return row;
}

function countTradeMinutes(ts: Float64Array): number {
  let count = 0;
  let end = -Infinity;
  for (let i = 0; i < ts.length; i++) {
    const t = ts[i]!;
    if (t >= end) {
      count++;
      end = Math.floor(t / MINUTE_MS) * MINUTE_MS + MINUTE_MS;
    }
  }
  return count;
}

function writeRow(cols: MinuteFlowColumnsMutable, row: number, m: MinuteFlow): void {
  for (const f of FLOW_FIELDS) cols[f][row] = m[f];
}

type MinuteFlowColumnsMutable = { length: number } & Record<(typeof FLOW_FIELDS)[number], Float64Array>;

/**
 * Bulk path: merges sorted trade and quote columns in time order (a quote with ts <= a trade's ts
 * applies to it) through MinuteFlowEngine, so bulk and streaming results are the same by
 * construction, and returns one row per traded minute. The last minute is emitted at the end of
 * the data even if the data stops before its last millisecond.
 */
export function computeMinuteFlow(
  trades: TradeColumns,
  quotes: QuoteColumns,
  config: Partial<MinuteFlowConfig> = {},
): { flow: MinuteFlowColumns; stats: SideInferenceStats } {
  const n = countTradeMinutes(trades.ts);
  const cols = { length: n } as MinuteFlowColumnsMutable;
  for (const f of FLOW_FIELDS) cols[f] = new Float64Array(n);
  const engine = new MinuteFlowEngine(config);
  const closed = engine.closed;
  let row = 0;

  const tTs = trades.ts;
  const tPrice = trades.price;
  const tSize = trades.size;
  const tSide = trades.side;
  const qTs = quotes.ts;
  const qBid = quotes.bidPrice;
  const qBidSize = quotes.bidSize;
  const qAsk = quotes.askPrice;
  const qAskSize = quotes.askSize;
  const nq = qTs.length;
  let j = 0;
  for (let i = 0; i < tTs.length; i++) {
    const ts = tTs[i]!;
    while (j < nq && qTs[j]! <= ts) {
      if (engine.quote(qTs[j]!, qBid[j]!, qBidSize[j]!, qAsk[j]!, qAskSize[j]!)) writeRow(cols, row++, closed);
      j++;
    }
    if (engine.trade(ts, tPrice[i]!, tSize[i]!, tSide[i]!)) writeRow(cols, row++, closed);
  }
  // Quotes after the last trade still decide its minute's close snapshot (or close it).
  for (; j < nq; j++) {
    if (engine.quote(qTs[j]!, qBid[j]!, qBidSize[j]!, qAsk[j]!, qAskSize[j]!)) writeRow(cols, row++, closed);
  }
  if (engine.flush()) writeRow(cols, row++, closed);
  return { flow: cols, stats: engine.stats() };
}
