// The one engine behind backtests, replay and live paper trading (DESIGN.md §2): market events
// in time order build the minute features; at each minute close the strategy decides, the
// defense layer and the risk gate judge its entries, and the paper broker fills them on the
// quotes that follow. Drivers differ only in where events come from and how fast.

import { PaperBroker } from '../broker/paper-broker';
import { QuietBand } from '../broker/quiet-band';
import type { BrokerConfig } from '../broker/config';
import type { BrokerEvent, FundingEvent } from '../broker/types';
import type { BarFeatureSource } from '../features/bar-feature-columns';
import { BarFeatureStream } from '../features/bar-feature-stream';
import { MinuteFeatureStream, type FeatureRow, type MinuteSnapshot } from '../features/minute-feature-stream';
import type { FeatureConfig } from '../features/config';
import type { Bar } from '../market/bars';
import type { QuoteColumns, TradeColumns } from '../market/columns';
import type { Quote, Trade } from '../market/events';
import type { Instrument } from '../market/instrument';
import { throwOutOfOrder } from '../market/time-order';
import type { ClosedTrade, EquityPoint } from '../report/types';
import { evaluateEntry, type RiskConfig } from '../risk/intent';
import type { DefensePipeline } from '../strategy/defense/pipeline';
import type { ClosedTradeSummary } from '../strategy/defense/types';
import type { Intent, PositionView, Strategy } from '../strategy/types';
import { refusalCode } from './reason-codes';
import { EquityColumns, SignalColumns } from './run-columns';
import { TradeLedger } from './trade-ledger';

export interface EngineOptions {
  readonly instrument: Instrument;
  readonly strategy: Strategy;
  /** Closed minutes of history kept for the strategy. */
  readonly historyMinutes: number;
  readonly features: FeatureConfig;
  readonly defense: DefensePipeline;
  readonly risk: RiskConfig;
  readonly broker: BrokerConfig;
  /** Time stop (seed 003 §7.2): a position older than this is closed; null for none. */
  readonly maxHoldMinutes: number | null;
  /**
   * Live and paper drivers: how old the market data is when a decision is taken (their clock
   * against the feed's last quote), for the stale-data guard. Backtests leave it out: 0.
   */
  readonly dataAgeMs?: (decisionTs: number) => number;
  /**
   * Bar mode: the features of each bar replayed from an earlier computation with the same
   * `features` settings over the same bars (a sweep's runs share them); computed here if absent.
   */
  readonly barFeatures?: BarFeatureSource;
  /** Live and paper drivers: each minute's decision with its candidates and their fates. */
  readonly onDecision?: (decision: DecisionReport) => void;
}

/** An entry candidate of one minute and what became of it (defense, risk gate, broker). */
export interface CandidateReport {
  readonly tag: string;
  readonly side: 'long' | 'short';
  /** Decision price (the bar close), stop and targets, ticks. */
  readonly price: number;
  readonly stop: number;
  readonly targets: readonly number[];
  readonly accepted: boolean;
  /** "OK" when submitted, else the defense, risk or broker reason code. */
  readonly reasonCode: string;
  /** The refusing defense guard, if one refused it. */
  readonly guard: string | null;
}

export interface DecisionReport {
  readonly decisionTs: number;
  readonly bar: Bar;
  readonly features: FeatureRow;
  /** The strategy's recent bars, oldest first, this minute's last. */
  readonly history: { readonly bars: readonly Bar[] };
  readonly candidates: readonly CandidateReport[];
  readonly signal: SignalRow;
  /** Closed trades so far, oldest first. */
  readonly closedTrades: readonly ClosedTradeSummary[];
}

/** One row of the signals table (seed 003 §3.3). */
export interface SignalRow {
  readonly tsMin: number;
  readonly flags: Readonly<Record<string, boolean>>;
  readonly acceptanceState: number;
  readonly chosenAction: 'ENTER_LONG' | 'ENTER_SHORT' | 'EXIT' | 'HOLD';
  readonly reasonCode: string;
}

// A strategy without lastSignals: every minute's row shares one empty flags object.
const NO_FLAGS: Readonly<Record<string, boolean>> = Object.freeze({});

/** Where onTicks is in its chunk, and the last quote and trade the broker has not been told yet. */
class TickCursor {
  i = 0;
  j = 0;
  skippedQuote = -1;
  skippedTrade = -1;
}

const FLAT: PositionView = Object.freeze({ side: 'flat', qty: 0, avgEntry: Number.NaN, entryTs: Number.NaN, stop: Number.NaN });

export class Engine {
  readonly broker: PaperBroker;
  private readonly stream: MinuteFeatureStream;
  private barStream: BarFeatureSource | null = null;
  private readonly ledger: TradeLedger;
  private readonly bars: Bar[] = [];
  private readonly featureRows: FeatureRow[] = [];
  // The arrays are updated in place, so one wrapper serves every minute's context.
  private readonly history = { bars: this.bars, features: this.featureRows };
  // The signals table and the equity curve gain a row every minute, and a year of bars kept as
  // 525,600 objects each survived into the old generation: a quarter of the bar backtest was the
  // garbage collector copying them. They are kept as columns (numbers, and shared strings and
  // flag objects) and turned into rows when read, each row once.
  private readonly signalCols = new SignalColumns();
  private readonly equityCols = new EquityColumns();
  private readonly summaries: ClosedTradeSummary[] = [];
  private readonly brokerEvents: BrokerEvent[] = [];
  private lastEventTs = -Infinity;
  private firstTs = NaN;
  private readonly cursor = new TickCursor();
  private readonly band = new QuietBand();

  /**
   * Length of the bars decisions are made on: 1m in tick mode (minutes are built from the ticks),
   * the broker's bar length in bar mode (klines of their own timeframe, e.g. 15m).
   */
  private readonly barMs: number;
  /** historyMinutes as a count of those bars: the same span of time whatever their length. */
  private readonly historyBars: number;

  constructor(private readonly o: EngineOptions) {
    this.barMs = o.broker.mode === 'bar' ? o.broker.barMs : 60_000;
    this.historyBars = Math.max(1, Math.ceil((o.historyMinutes * 60_000) / this.barMs));
    this.broker = new PaperBroker(o.instrument, o.broker);
    this.stream = new MinuteFeatureStream(o.features);
    this.ledger = new TradeLedger(o.instrument);
  }

  onQuote(q: Quote): void {
    this.beforeEvent(q.ts);
    this.broker.onQuote(q);
    this.afterBroker();
    this.stream.onQuote(q);
  }

  onTrade(t: Trade): void {
    this.beforeEvent(t.ts);
    this.broker.onTrade(t);
    this.afterBroker();
    this.stream.onTrade(t);
  }

  /**
   * Tick mode over columns: every trade and quote in time order (a quote before a trade of the same
   * millisecond), exactly as onQuote/onTrade one by one would take them, without an object per
   * event: the feature stream takes rows, and the broker is called only for events outside its
   * quiet band (no order can fill or trigger, no funding falls due; see quiet-band.ts), being told
   * the last quote and trade of each quiet run before the next event it must see and before each
   * decision. May be called once per chunk (an hour block from the store); chunks must follow in time.
   */
  onTicks(t: TradeColumns, q: QuoteColumns): void {
    const c = this.cursor;
    c.i = 0;
    c.j = 0;
    c.skippedQuote = -1;
    c.skippedTrade = -1;
    if (Number.isNaN(this.firstTs) && (t.length > 0 || q.length > 0)) this.firstTs = Math.min(t.length > 0 ? t.ts[0]! : Infinity, q.length > 0 ? q.ts[0]! : Infinity);
    this.broker.quietBand(this.band);
    // One call per minute: a function V8 optimizes whole after a few calls, where one loop over
    // the chunk ran in on-stack-replacement code that fell back to the interpreter whenever a
    // rare path first ran.
    while (this.eventsUntilClose(t, q, c)) {
      // The decision sees the broker as it stands after the previous event.
      this.tellSkipped(t, q, c);
      this.decide(this.stream.closeMinute(this.lastEventTs));
      this.afterBroker();
      this.broker.quietBand(this.band);
    }
    this.tellSkipped(t, q, c);
  }

  /**
   * Feeds events from the cursor on until one closes the open minute (true, that event not yet
   * taken) or the chunk ends (false).
   */
  private eventsUntilClose(t: TradeColumns, q: QuoteColumns, c: TickCursor): boolean {
    const stream = this.stream;
    const broker = this.broker;
    const band = this.band;
    const tTs = t.ts;
    const tPrice = t.price;
    const qTs = q.ts;
    const qBid = q.bidPrice;
    const qAsk = q.askPrice;
    const nt = t.length;
    const nq = q.length;
    let i = c.i;
    let j = c.j;
    let lastTs = this.lastEventTs;
    let closing = false;
    while (i < nt || j < nq) {
      const tradeTs = i < nt ? tTs[i]! : Infinity;
      const quoteTs = j < nq ? qTs[j]! : Infinity;
      const isQuote = quoteTs <= tradeTs;
      const ts = isQuote ? quoteTs : tradeTs;
      if (!(ts >= lastTs)) throwOutOfOrder('engine: event time went backwards', ts, 'after', lastTs);
      lastTs = ts;
      if (ts >= stream.minuteEnd) {
        closing = true;
        break;
      }
      if (isQuote) {
        const bid = qBid[j]!;
        const ask = qAsk[j]!;
        if (ts > band.after && ts < band.until && bid > band.bidFloor && bid < band.bidCeil && ask > band.askFloor && ask < band.askCeil) {
          c.skippedQuote = j;
        } else {
          this.tellSkipped(t, q, c);
          broker.quoteRow(q, j);
          this.afterBroker();
          broker.quietBand(band);
        }
        // A quote that the next event replaces (another quote of the open minute, before any
        // trade) is never seen by the features: each quote only overwrites the last (the latest
        // quote signs the next trade and closes the bar; nothing counts quotes). Of ~4 quotes a
        // trade, the features then take ~1.
        if (j + 1 >= nq || qTs[j + 1]! > tradeTs || qTs[j + 1]! >= stream.minuteEnd) stream.quoteRow(q, j);
        j++;
      } else {
        const price = tPrice[i]!;
        if (ts > band.after && ts < band.until && price > band.tradeFloor && price < band.tradeCeil && price >= band.restFloor && price <= band.restCeil) {
          c.skippedTrade = i;
        } else {
          this.tellSkipped(t, q, c);
          broker.tradeRow(t, i);
          this.afterBroker();
          broker.quietBand(band);
        }
        stream.tradeRow(t, i);
        i++;
      }
    }
    c.i = i;
    c.j = j;
    this.lastEventTs = lastTs;
    return closing;
  }

  /** The broker learns of the quiet events it was not called for: the last quote and trade among them. */
  private tellSkipped(t: TradeColumns, q: QuoteColumns, c: TickCursor): void {
    if (c.skippedQuote < 0 && c.skippedTrade < 0) return;
    this.broker.skipQuiet(t, c.skippedTrade, q, c.skippedQuote);
    c.skippedQuote = -1;
    c.skippedTrade = -1;
  }

  /**
   * Bar mode: a closed 1m bar. The broker first fills what earlier decisions left working against
   * this bar (its documented approximations), then the bar's features are computed and the
   * strategy decides at its close.
   */
  onBar(bar: Bar): void {
    if (this.o.broker.mode !== 'bar') throw new Error('engine: onBar needs a broker in bar mode');
    if (bar.ts < this.lastEventTs) throwOutOfOrder('engine: bar time went backwards', bar.ts, 'after', this.lastEventTs);
    if (Number.isNaN(this.firstTs)) this.firstTs = bar.ts;
    this.lastEventTs = bar.ts + this.barMs;
    this.broker.onBar(bar);
    this.afterBroker();
    this.barStream ??= this.o.barFeatures ?? new BarFeatureStream(this.o.features);
    this.decide(this.barStream.onBar(bar));
    this.afterBroker();
  }

  onFunding(ev: FundingEvent): void {
    this.broker.onFunding(ev);
    this.afterBroker();
  }

  /** End of data: closes the last minute so its decision is recorded (no fill can follow it). */
  finish(ts: number): void {
    const snap = this.stream.advanceTo(ts);
    if (snap) this.decide(snap);
    this.afterBroker();
  }

  trades(): readonly ClosedTrade[] {
    return this.ledger.trades();
  }
  equity(): readonly EquityPoint[] {
    return this.equityCols.rows();
  }
  signals(): readonly SignalRow[] {
    return this.signalCols.rows();
  }
  /** Every broker event so far, in order (the journal of a paper account). */
  events(): readonly BrokerEvent[] {
    return this.brokerEvents;
  }
  span(): { startTs: number; endTs: number } {
    return { startTs: this.firstTs, endTs: this.lastEventTs };
  }

  /** A minute closes when the first event of a later one arrives: decide before that event trades. */
  private beforeEvent(ts: number): void {
    if (ts < this.lastEventTs) throwOutOfOrder('engine: event time went backwards', ts, 'after', this.lastEventTs);
    if (Number.isNaN(this.firstTs)) this.firstTs = ts;
    this.lastEventTs = ts;
    const snap = this.stream.advanceTo(ts);
    if (snap) this.decide(snap);
  }

  private afterBroker(): void {
    // Twice a bar, and almost always nothing: do not let the broker swap in a fresh array.
    if (this.broker.pendingEventCount === 0) return;
    const events = this.broker.drainEvents();
    for (const e of events) this.brokerEvents.push(e);
    for (const trade of this.ledger.apply(events)) {
      this.summaries.push({ side: trade.side, exitTs: trade.exitTs, pnl: trade.netPnl });
    }
  }

  private position(): PositionView {
    // Flat most minutes: one shared view instead of a broker position copy and a new object.
    if (this.broker.positionQty() === 0) return FLAT;
    const open = this.ledger.current();
    if (!open) return FLAT;
    const pos = this.broker.position();
    const bracket = this.broker.brackets().find((b) => b.openQty > 0);
    return { side: pos.qty > 0 ? 'long' : 'short', qty: Math.abs(pos.qty), avgEntry: pos.avgEntry, entryTs: open.entryTs, stop: bracket?.stopPrice ?? Number.NaN };
  }

  private decide(snap: MinuteSnapshot): void {
    const o = this.o;
    // The decision belongs to the bar's last millisecond: only later data can fill it.
    const decisionTs = snap.bar.ts + this.barMs - 1;
    this.bars.push(snap.bar);
    this.featureRows.push(snap.features);
    if (this.bars.length > this.historyBars) {
      this.bars.shift();
      this.featureRows.shift();
    }
    this.equityCols.push(snap.bar.ts + this.barMs, this.broker.equity());

    const position = this.position();
    let chosen: SignalRow['chosenAction'] = 'HOLD';
    let reason = 'NO_SIGNAL';
    const candidates: CandidateReport[] | null = o.onDecision ? [] : null;
    if (position.side !== 'flat' && o.maxHoldMinutes !== null && decisionTs - position.entryTs >= o.maxHoldMinutes * 60_000) {
      this.broker.flatten(decisionTs);
      chosen = 'EXIT';
      reason = 'TIME_STOP';
    }
    const intents: readonly Intent[] = o.strategy.onMinute({
      ts: snap.bar.ts + this.barMs,
      instrument: o.instrument,
      bar: snap.bar,
      features: snap.features,
      history: this.history,
      position,
    });
    for (const intent of intents) {
      if (intent.kind === 'exit') {
        if (position.side !== 'flat') {
          this.broker.flatten(decisionTs);
          chosen = 'EXIT';
          reason = intent.reason;
        }
        continue;
      }
      if (intent.kind === 'move-stop') {
        const bracket = this.broker.brackets().find((b) => b.openQty > 0);
        if (bracket) this.broker.moveStop(bracket.id, intent.price, decisionTs);
        continue;
      }
      if (position.side !== 'flat' || chosen === 'EXIT') continue;
      const fate = o.defense.judge({
        ts: decisionTs,
        intent,
        price: snap.bar.close,
        bar: snap.bar,
        features: snap.features,
        closedTrades: this.summaries,
        dataAgeMs: o.dataAgeMs ? o.dataAgeMs(decisionTs) : 0,
      });
      const report = (accepted: boolean, reasonCode: string): void => {
        candidates?.push({ tag: intent.tag, side: intent.side, price: snap.bar.close, stop: intent.stop, targets: intent.targets.map((t) => t.price), accepted, reasonCode, guard: fate.guard });
      };
      if (!fate.accepted) {
        reason = fate.reasonCode;
        report(false, reason);
        continue;
      }
      const side = intent.side === 'long' ? 'buy' : 'sell';
      const decision = evaluateEntry(
        { side, entryPrice: snap.bar.close, stopPrice: intent.stop, targets: intent.targets, tag: intent.tag },
        this.broker.account().balance,
        o.instrument,
        o.risk,
      );
      if (!decision.ok) {
        reason = refusalCode('RISK', decision.reason);
        report(false, reason);
        continue;
      }
      const submitted = this.broker.submitBracket(decision.bracket, decisionTs);
      if (!submitted.ok) {
        reason = refusalCode('BROKER', submitted.reason);
        report(false, reason);
        continue;
      }
      this.ledger.noteInitialRisk(decision.riskAmount);
      chosen = intent.side === 'long' ? 'ENTER_LONG' : 'ENTER_SHORT';
      reason = intent.reason;
      report(true, 'OK');
      break;
    }
    const signals = o.strategy.lastSignals?.();
    const flags = signals?.flags ?? NO_FLAGS;
    const acceptanceState = signals?.acceptanceState ?? 0;
    this.signalCols.push(snap.bar.ts, flags, acceptanceState, chosen, reason);
    if (candidates) {
      const row: SignalRow = { tsMin: snap.bar.ts, flags, acceptanceState, chosenAction: chosen, reasonCode: reason };
      o.onDecision?.({ decisionTs, bar: snap.bar, features: snap.features, history: this.history, candidates, signal: row, closedTrades: this.summaries });
    }
  }
}
