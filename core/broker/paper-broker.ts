// The paper broker: orders, brackets, fills, position, balance and funding, driven identically by
// backtest, replay and live paper (DESIGN.md §2). The fill rules live in fill-rules.ts; this file
// does the bookkeeping and emits an append-only event for every change so a journal can persist it.

import type { Bar } from '../market/bars';
import type { QuoteColumns, TradeColumns } from '../market/columns';
import type { Quote, Trade } from '../market/events';
import type { Instrument } from '../market/instrument';
import { bracketProblem, opposite, sideSign, splitTargets } from './brackets';
import type { BrokerConfig } from './config';
import {
  barLimitFill,
  barStopFill,
  cappedAtLimit,
  limitCrossedByQuote,
  limitFilledByTrade,
  slippageTicks,
  stopTriggeredByQuote,
  stopTriggeredByTrade,
  touch,
  worsen,
} from './fill-rules';
import { dueFunding } from './funding';
import type { QuietBand } from './quiet-band';
import { applyFill, isOnStep, quoteValue, snapQty, unrealizedPnl } from './money';
import { cloneSnapshot, parseSnapshot, type BrokerSnapshot } from './snapshot';
import type {
  AccountState,
  Bracket,
  BracketRequest,
  BrokerEvent,
  CancelReason,
  CommandResult,
  FundingEvent,
  Liquidity,
  Order,
  OrderRequest,
  OrderRole,
  Position,
  RejectReason,
  ReverseProtection,
  Side,
  TargetSpec,
} from './types';

type EventBody = BrokerEvent extends infer E ? (E extends BrokerEvent ? Omit<E, 'seq' | 'ts'> : never) : never;

interface NewOrder {
  side: Side;
  type: Order['type'];
  qty: number;
  limitPrice: number | null;
  stopPrice: number | null;
  reduceOnly: boolean;
  ocoGroup: string | null;
  tag: string | null;
  role: OrderRole;
  bracketId: number | null;
  targetIndex: number | null;
  decisionTs: number;
}

interface FillPlan {
  price: number;
  refPrice: number;
  liquidity: Liquidity;
  ts: number;
  spreadTicks: number | null;
}

export interface OrderChanges {
  readonly qty?: number;
  readonly limitPrice?: number;
  readonly stopPrice?: number;
}

function reject<T>(reason: RejectReason, message: string): CommandResult<T> {
  return { ok: false, reason, message };
}

function ok<T>(value: T): CommandResult<T> {
  return { ok: true, value };
}

/** Processing order within one market event: market orders, then stops, then limits (stop before target). */
function phase(o: Order): number {
  if (o.type === 'market' || o.status === 'triggered') return 0;
  return o.type === 'stop' ? 1 : 2;
}

export class PaperBroker {
  private s: BrokerSnapshot;
  private events: BrokerEvent[] = [];
  // The latest quote given as numbers (quoteAt) and not yet made the snapshot's lastQuote object:
  // a quote that fills nothing needs no object, and a busy broker sees ~600 of them a minute.
  private quotePending = false;
  private pendingTs = NaN;
  private pendingBid = NaN;
  private pendingBidSize = NaN;
  private pendingAsk = NaN;
  private pendingAskSize = NaN;
  /** Stops placed by an entry filled in the bar being processed (id -> entry fill ts): checked in that same bar. */
  private bornThisBar = new Map<number, number>();

  constructor(
    private readonly inst: Instrument,
    private readonly cfg: BrokerConfig,
    snapshot?: BrokerSnapshot,
  ) {
    this.s = snapshot
      ? cloneSnapshot(snapshot)
      : {
          version: 1,
          clock: null,
          balance: cfg.initialBalance,
          position: { qty: 0, avgEntry: 0, realizedPnl: 0, fees: 0, funding: 0 },
          orders: [],
          brackets: [],
          nextOrderId: 1,
          nextBracketId: 1,
          nextFillId: 1,
          nextSeq: 1,
          lastQuote: null,
          lastTradePrice: null,
          lastBarTs: null,
          lastBarClose: null,
          lastCloseQuote: null,
          nextFundingTs: null,
          fundingCursor: 0,
        };
  }

  /** Rebuilds a broker from a journaled snapshot (validated); later inputs then behave exactly as before the crash. */
  static restore(inst: Instrument, cfg: BrokerConfig, snapshot: unknown): PaperBroker {
    return new PaperBroker(inst, cfg, parseSnapshot(snapshot));
  }

  /** Plain JSON copy of the whole state (events already drained are not part of it). */
  snapshot(): BrokerSnapshot {
    this.lastQuote();
    return cloneSnapshot(this.s);
  }

  /** Number of events waiting to be drained (lets a caller skip drainEvents()'s new array). */
  get pendingEventCount(): number {
    return this.events.length;
  }

  /** Events since the last drain, oldest first. The journal must persist them before acknowledging. */
  drainEvents(): BrokerEvent[] {
    const out = this.events;
    this.events = [];
    return out;
  }

  // ---------------------------------------------------------------- queries

  /** Latest time seen (market data or command), null before any. */
  now(): number | null {
    return this.s.clock;
  }

  position(): Position {
    return { ...this.s.position };
  }

  markPrice(): number | null {
    if (this.cfg.mode === 'bar') return this.s.lastBarClose;
    if (this.quotePending) return (this.pendingBid + this.pendingAsk) / 2;
    const q = this.s.lastQuote;
    return q ? (q.bidPrice + q.askPrice) / 2 : this.s.lastTradePrice;
  }

  account(): AccountState {
    const mark = this.markPrice();
    const unrealized = unrealizedPnl(this.s.position, mark, this.inst);
    return { balance: this.s.balance, unrealizedPnl: unrealized, equity: this.s.balance + unrealized, markPrice: mark, position: this.position() };
  }

  /** account().equity without building the account object (the engine reads it every minute). */
  equity(): number {
    return this.s.balance + unrealizedPnl(this.s.position, this.markPrice(), this.inst);
  }

  /** Signed position quantity (position().qty without the copy). */
  positionQty(): number {
    return this.s.position.qty;
  }

  workingOrders(): Order[] {
    return this.s.orders.map((o) => ({ ...o }));
  }

  order(id: number): Order | null {
    const o = this.find(id);
    return o ? { ...o } : null;
  }

  brackets(): Bracket[] {
    return this.s.brackets.map((b) => ({ ...b, targets: [...b.targets], targetOrderIds: [...b.targetOrderIds] }));
  }

  bracket(id: number): Bracket | null {
    return this.brackets().find((b) => b.id === id) ?? null;
  }

  // ---------------------------------------------------------------- commands

  /** A plain order. With requireStop only reduce-only orders are accepted here; entries go through submitBracket. */
  submit(req: OrderRequest, decisionTs: number): CommandResult<number> {
    const problem = this.orderProblem(req, decisionTs);
    if (problem) return this.rejected(decisionTs, problem.reason, problem.message);
    const o = this.place(
      {
        side: req.side,
        type: req.type,
        qty: req.qty,
        limitPrice: req.type === 'limit' ? (req.limitPrice ?? null) : null,
        stopPrice: req.type === 'stop' ? (req.stopPrice ?? null) : null,
        reduceOnly: req.reduceOnly ?? false,
        ocoGroup: req.ocoGroup ?? null,
        tag: req.tag ?? null,
        role: 'order',
        bracketId: null,
        targetIndex: null,
        decisionTs,
      },
      decisionTs,
    );
    return ok(o.id);
  }

  /** An entry with its stop and take-profits; returns the bracket id. */
  submitBracket(req: BracketRequest, decisionTs: number): CommandResult<number> {
    const problem = this.bracketRequestProblem(req, decisionTs);
    if (problem) return this.rejected(decisionTs, problem.reason, problem.message);
    const id = this.s.nextBracketId++;
    const entry = this.place(
      {
        side: req.side,
        type: req.entry.type,
        qty: req.qty,
        limitPrice: req.entry.type === 'limit' ? req.entry.limitPrice : null,
        stopPrice: req.entry.type === 'stop' ? req.entry.stopPrice : null,
        reduceOnly: false,
        ocoGroup: null,
        tag: req.tag ?? null,
        role: 'entry',
        bracketId: id,
        targetIndex: null,
        decisionTs,
      },
      decisionTs,
    );
    this.s.brackets.push({
      id,
      side: req.side,
      qty: req.qty,
      tag: req.tag ?? null,
      entryOrderId: entry.id,
      stopPrice: req.stopPrice,
      targets: req.targets.map((t) => ({ price: t.price, share: t.share })),
      stopOrderId: null,
      targetOrderIds: [],
      openQty: 0,
    });
    return ok(id);
  }

  cancel(orderId: number, ts: number): CommandResult<true> {
    const stale = this.staleProblem(ts);
    if (stale) return this.rejected(ts, stale.reason, stale.message);
    const o = this.find(orderId);
    if (!o) return this.rejected(ts, 'unknown-order', `no working order ${orderId}`);
    if (o.role === 'entry' && o.bracketId !== null) this.cancelBracketOrders(o.bracketId, 'user', ts);
    else this.cancelOrder(o, 'user', ts);
    return ok(true);
  }

  /** Cancels a bracket's entry, stop and targets; any position it opened stays open. */
  cancelBracket(bracketId: number, ts: number): CommandResult<true> {
    const stale = this.staleProblem(ts);
    if (stale) return this.rejected(ts, stale.reason, stale.message);
    if (!this.findBracket(bracketId)) return this.rejected(ts, 'unknown-bracket', `no bracket ${bracketId}`);
    this.cancelBracketOrders(bracketId, 'bracket-cancelled', ts);
    return ok(true);
  }

  /**
   * Changes a working order's quantity or price. The change counts from ts: only data strictly after
   * ts can fill it, and a modified limit is checked for marketability again (amending through the
   * market makes it a taker). A stop moved through the market triggers on the next quote.
   */
  modify(orderId: number, changes: OrderChanges, ts: number): CommandResult<true> {
    const stale = this.staleProblem(ts);
    if (stale) return this.rejected(ts, stale.reason, stale.message);
    const o = this.find(orderId);
    if (!o || o.status !== 'working') return this.rejected(ts, 'unknown-order', `no modifiable order ${orderId}`);
    if (changes.qty !== undefined && !this.qtyOk(changes.qty)) return this.rejected(ts, 'bad-qty', `qty ${changes.qty} is not a positive multiple of ${this.inst.sizeStep}`);
    if (changes.limitPrice !== undefined && (o.type !== 'limit' || !Number.isInteger(changes.limitPrice))) return this.rejected(ts, 'bad-price', 'limit price must be integer ticks on a limit order');
    if (changes.stopPrice !== undefined && (o.type !== 'stop' || !Number.isInteger(changes.stopPrice))) return this.rejected(ts, 'bad-price', 'stop price must be integer ticks on a stop order');
    if (changes.qty !== undefined) o.qty = changes.qty;
    if (changes.limitPrice !== undefined) o.limitPrice = changes.limitPrice;
    if (changes.stopPrice !== undefined) o.stopPrice = changes.stopPrice;
    o.activeAfter = Math.max(o.activeAfter, ts);
    if (o.type === 'limit') o.resting = false;
    const b = o.bracketId !== null ? this.findBracket(o.bracketId) : null;
    if (b && o.role === 'stop' && changes.stopPrice !== undefined) b.stopPrice = changes.stopPrice;
    if (b && o.role === 'target' && o.targetIndex !== null && changes.limitPrice !== undefined) {
      b.targets = b.targets.map((t, i) => (i === o.targetIndex ? { price: changes.limitPrice as number, share: t.share } : t));
    }
    this.emit(ts, { type: 'order-modified', order: { ...o } });
    return ok(true);
  }

  /**
   * Moves a bracket's stop (e.g. to break-even). Before the entry fills this changes the stop it will
   * place; after, it modifies the working stop, or places a new one for the open quantity if the
   * stop had been cancelled while targets still work.
   */
  moveStop(bracketId: number, stopPrice: number, ts: number): CommandResult<true> {
    const stale = this.staleProblem(ts);
    if (stale) return this.rejected(ts, stale.reason, stale.message);
    const b = this.findBracket(bracketId);
    if (!b) return this.rejected(ts, 'unknown-bracket', `no bracket ${bracketId}`);
    if (!Number.isInteger(stopPrice)) return this.rejected(ts, 'bad-price', 'stop price must be integer ticks');
    if (b.stopOrderId !== null) return this.modify(b.stopOrderId, { stopPrice }, ts);
    b.stopPrice = stopPrice;
    if (b.entryOrderId === null && b.openQty > 0) this.placeStop(b, ts);
    else if (b.entryOrderId !== null) {
      const entry = this.find(b.entryOrderId);
      if (entry) this.emit(ts, { type: 'order-modified', order: { ...entry } });
    }
    return ok(true);
  }

  /** Moves take-profit `index` of a bracket (before the entry fills, the price it will be placed at). */
  moveTarget(bracketId: number, index: number, price: number, ts: number): CommandResult<true> {
    const stale = this.staleProblem(ts);
    if (stale) return this.rejected(ts, stale.reason, stale.message);
    const b = this.findBracket(bracketId);
    if (!b || index < 0 || index >= b.targets.length) return this.rejected(ts, 'unknown-bracket', `no target ${index} in bracket ${bracketId}`);
    if (!Number.isInteger(price)) return this.rejected(ts, 'bad-price', 'target price must be integer ticks');
    const working = b.targetOrderIds.map((id) => this.find(id)).find((o) => o?.targetIndex === index);
    if (working) return this.modify(working.id, { limitPrice: price }, ts);
    if (b.entryOrderId === null) return this.rejected(ts, 'unknown-order', `target ${index} of bracket ${bracketId} is no longer working`);
    b.targets = b.targets.map((t, i) => (i === index ? { price, share: t.share } : t));
    const entry = this.find(b.entryOrderId);
    if (entry) this.emit(ts, { type: 'order-modified', order: { ...entry } });
    return ok(true);
  }

  /** Cancels every working order and closes the position at market; the flatten order id, or null when already flat. */
  flatten(decisionTs: number): CommandResult<number | null> {
    const stale = this.staleProblem(decisionTs);
    if (stale) return this.rejected(decisionTs, stale.reason, stale.message);
    for (const o of [...this.s.orders]) this.cancelOrder(o, 'flatten', decisionTs);
    this.s.brackets = [];
    const q = this.s.position.qty;
    if (q === 0) return ok(null);
    const o = this.place(
      {
        side: q > 0 ? 'sell' : 'buy',
        type: 'market',
        qty: Math.abs(q),
        limitPrice: null,
        stopPrice: null,
        reduceOnly: true,
        ocoGroup: null,
        tag: null,
        role: 'flatten',
        bracketId: null,
        targetIndex: null,
        decisionTs,
      },
      decisionTs,
    );
    return ok(o.id);
  }

  /**
   * Flattens and opens the same size the other way as a market bracket with the given protection.
   * Both orders fill on the same quote (or bar): the close with exit slippage, the new entry with
   * entry slippage, each paying its own fee.
   */
  reverse(decisionTs: number, protection: ReverseProtection | null): CommandResult<{ flattenOrderId: number; bracketId: number }> {
    const q = this.s.position.qty;
    if (q === 0) return this.rejected(decisionTs, 'no-position', 'nothing to reverse');
    const req: BracketRequest = {
      side: q > 0 ? 'sell' : 'buy',
      qty: Math.abs(q),
      entry: { type: 'market' },
      stopPrice: protection?.stopPrice ?? null,
      targets: protection?.targets ?? [],
    };
    const problem = this.bracketRequestProblem(req, decisionTs);
    if (problem) return this.rejected(decisionTs, problem.reason, problem.message);
    const flat = this.flatten(decisionTs);
    const bracket = this.submitBracket(req, decisionTs);
    if (!flat.ok || flat.value === null || !bracket.ok) throw new Error('reverse: validated commands failed');
    return ok({ flattenOrderId: flat.value, bracketId: bracket.value });
  }

  // ---------------------------------------------------------------- market data

  /** Tick mode: an L1 quote. Fills market orders (and triggered stops), triggers stops, fills limits. */
  onQuote(q: Quote): void {
    this.requireMode('tick');
    this.advance(q.ts);
    this.s.lastQuote = q;
    this.quotePending = false;
    if (!this.quoteActs(q.ts, q.bidPrice, q.askPrice)) return;
    this.quoteFills(q);
  }

  /**
   * onQuote with the quote as numbers: the same state changes, and the quote becomes an object
   * only when it fills or triggers something or someone reads the last quote.
   */
  quoteAt(ts: number, bidPrice: number, bidSize: number, askPrice: number, askSize: number): void {
    this.requireMode('tick');
    this.advance(ts);
    this.quotePending = true;
    this.pendingTs = ts;
    this.pendingBid = bidPrice;
    this.pendingBidSize = bidSize;
    this.pendingAsk = askPrice;
    this.pendingAskSize = askSize;
    if (!this.quoteActs(ts, bidPrice, askPrice)) return;
    this.quoteFills(this.lastQuote() as Quote);
  }

  /** quoteAt for row j of quote columns (no boxed doubles on the call: see MinuteFeatureStream.quoteRow). */
  quoteRow(q: QuoteColumns, j: number): void {
    this.quoteAt(q.ts[j]!, q.bidPrice[j]!, q.bidSize[j]!, q.askPrice[j]!, q.askSize[j]!);
  }

  /** tradeAt for row i of trade columns. */
  tradeRow(t: TradeColumns, i: number): void {
    this.tradeAt(t.ts[i]!, t.price[i]!);
  }

  /** The latest quote, made an object from the pending numbers when needed. */
  private lastQuote(): Quote | null {
    if (this.quotePending) {
      this.s.lastQuote = { ts: this.pendingTs, bidPrice: this.pendingBid, bidSize: this.pendingBidSize, askPrice: this.pendingAsk, askSize: this.pendingAskSize };
      this.quotePending = false;
    }
    return this.s.lastQuote;
  }

  /** The ordered pass of a quote that fills or triggers something. */
  private quoteFills(q: Quote): void {
    for (const o of this.ordered()) {
      if ((o.status !== 'working' && o.status !== 'triggered') || o.activeAfter >= q.ts) continue;
      const spread = q.askPrice - q.bidPrice;
      if (phase(o) === 0) {
        const ref = touch(o.side, q);
        this.fill(o, { price: worsen(o.side, ref, this.slip(o, ref)), refPrice: ref, liquidity: 'taker', ts: q.ts, spreadTicks: spread });
      } else if (o.type === 'stop') {
        if (stopTriggeredByQuote(o.side, o.stopPrice as number, q)) this.trigger(o, q.ts);
      } else {
        const limit = o.limitPrice as number;
        if (!limitCrossedByQuote(o.side, limit, q)) o.resting = true;
        else if (o.resting) this.fill(o, { price: limit, refPrice: limit, liquidity: 'maker', ts: q.ts, spreadTicks: spread });
        else {
          const ref = touch(o.side, q);
          const price = cappedAtLimit(o.side, worsen(o.side, ref, this.slip(o, ref)), limit);
          this.fill(o, { price, refPrice: ref, liquidity: 'taker', ts: q.ts, spreadTicks: spread });
        }
      }
    }
  }

  /**
   * Tick mode: the band of quote and trade prices, and of times, within which market data changes
   * nothing here but the clock and the marks (see quiet-band.ts), drawn from the working orders by
   * the same rules quoteActs and tradeActs apply. Empty for quotes while an order would act on
   * any quote (a market order, a triggered stop, a limit not yet resting).
   */
  quietBand(band: QuietBand): void {
    let after = -Infinity;
    let bidFloor = -Infinity;
    let bidCeil = Infinity;
    let askFloor = -Infinity;
    let askCeil = Infinity;
    let tradeFloor = -Infinity;
    let tradeCeil = Infinity;
    let restFloor = -Infinity;
    let restCeil = Infinity;
    let quotesAct = false;
    for (const o of this.s.orders) {
      if (o.activeAfter > after) after = o.activeAfter;
      if (o.type === 'market' || o.status === 'triggered') {
        quotesAct = true;
      } else if (o.type === 'stop') {
        const stop = o.stopPrice as number;
        if (o.side === 'sell') {
          bidFloor = Math.max(bidFloor, stop);
          tradeFloor = Math.max(tradeFloor, stop);
        } else {
          askCeil = Math.min(askCeil, stop);
          tradeCeil = Math.min(tradeCeil, stop);
        }
      } else {
        const limit = o.limitPrice as number;
        // The next quote that does not cross it makes it rest: a change of state.
        if (!o.resting) quotesAct = true;
        else if (o.side === 'buy') restFloor = Math.max(restFloor, limit);
        else restCeil = Math.min(restCeil, limit);
        if (o.side === 'buy') askFloor = Math.max(askFloor, limit);
        else bidCeil = Math.min(bidCeil, limit);
      }
    }
    if (quotesAct) {
      bidFloor = Infinity;
      bidCeil = -Infinity;
    }
    band.after = after;
    band.until = this.s.position.qty === 0 ? Infinity : this.nextFundingDue();
    band.bidFloor = bidFloor;
    band.bidCeil = bidCeil;
    band.askFloor = askFloor;
    band.askCeil = askCeil;
    band.tradeFloor = tradeFloor;
    band.tradeCeil = tradeCeil;
    band.restFloor = restFloor;
    band.restCeil = restCeil;
  }

  /**
   * Tick mode: a run of events that were all inside quietBand, given at once as its last quote
   * (row j of q, -1 for none) and its last trade (row i of t, -1 for none). This leaves the broker
   * as quoteAt/tradeAt for each of them would: nothing in the band fills, triggers or falls due,
   * so only the clock, the last quote and the last trade price move (and, with no position, the
   * funding cursor past boundaries that charge nothing). A tick backtest is quiet for nearly all
   * of its ~10M events a day.
   */
  skipQuiet(t: TradeColumns, i: number, q: QuoteColumns, j: number): void {
    this.requireMode('tick');
    if (i < 0 && j < 0) return;
    const tradeTs = i < 0 ? -Infinity : (t.ts[i] as number);
    const quoteTs = j < 0 ? -Infinity : (q.ts[j] as number);
    const ts = Math.max(tradeTs, quoteTs);
    if ((j >= 0 && this.quoteActs(quoteTs, q.bidPrice[j] as number, q.askPrice[j] as number)) || (i >= 0 && this.tradeActs(tradeTs, t.price[i] as number))) {
      throw new Error('broker: only market data inside the quiet band can be skipped');
    }
    this.advance(ts);
    if (j >= 0) {
      this.quotePending = true;
      this.pendingTs = quoteTs;
      this.pendingBid = q.bidPrice[j] as number;
      this.pendingBidSize = q.bidSize[j] as number;
      this.pendingAsk = q.askPrice[j] as number;
      this.pendingAskSize = q.askSize[j] as number;
    }
    if (i >= 0) this.s.lastTradePrice = t.price[i] as number;
  }

  /** When the next funding charge falls due (events at or after it charge it). */
  private nextFundingDue(): number {
    const model = this.cfg.funding;
    if (model.kind === 'none') return Infinity;
    if (model.kind === 'flat') return this.s.nextFundingTs ?? -Infinity;
    return model.events[this.s.fundingCursor]?.ts ?? Infinity;
  }

  /** Tick mode: a trade print. Triggers stops and fills resting limits it prints strictly through. */
  onTrade(t: Trade): void {
    this.tradeAt(t.ts, t.price);
  }

  /** onTrade with the print as numbers (its size and side do not matter to the fill rules). */
  tradeAt(ts: number, price: number): void {
    this.requireMode('tick');
    this.advance(ts);
    this.s.lastTradePrice = price;
    if (!this.tradeActs(ts, price)) return;
    const q = this.lastQuote();
    for (const o of this.ordered()) {
      if (o.status !== 'working' || o.activeAfter >= ts) continue;
      if (o.type === 'stop') {
        if (stopTriggeredByTrade(o.side, o.stopPrice as number, price)) this.trigger(o, ts);
      } else if (o.type === 'limit' && o.resting && limitFilledByTrade(o.side, o.limitPrice as number, price)) {
        const limit = o.limitPrice as number;
        this.fill(o, { price: limit, refPrice: limit, liquidity: 'maker', ts, spreadTicks: q ? q.askPrice - q.bidPrice : null });
      }
    }
  }

  /** Bar mode: a closed 1m bar. See fill-rules.ts and the report for every approximation. */
  onBar(bar: Bar): void {
    this.requireMode('bar');
    this.advance(bar.ts);
    const closeTs = bar.ts + this.cfg.barMs - 1;
    // Map.clear() allocates a fresh table even when the map is empty, and this runs twice a bar.
    if (this.bornThisBar.size > 0) this.bornThisBar.clear();
    const cq = this.cfg.barMarketPrice === 'close-quote' && this.s.lastBarTs === bar.ts - this.cfg.barMs ? this.s.lastCloseQuote : null;
    let progressed = true;
    while (progressed && this.s.orders.length > 0) {
      progressed = false;
      for (const o of this.ordered()) {
        if (o.status !== 'working' && o.status !== 'triggered') continue;
        if (!(o.activeAfter < bar.ts || this.bornThisBar.has(o.id))) continue;
        const before = this.s.nextFillId;
        if (phase(o) === 0) {
          const ref = cq ? touch(o.side, cq) : bar.open;
          const spread = cq ? cq.askPrice - cq.bidPrice : null;
          this.fill(o, { price: worsen(o.side, ref, this.slip(o, ref)), refPrice: ref, liquidity: 'taker', ts: bar.ts, spreadTicks: spread });
        } else if (o.type === 'stop') {
          const bornTs = this.bornThisBar.get(o.id);
          const f = barStopFill(o.side, o.stopPrice as number, bar, bornTs === undefined || bornTs === bar.ts);
          if (f) {
            const ts = f.atOpen ? bar.ts : closeTs;
            this.trigger(o, ts);
            this.fill(o, { price: worsen(o.side, f.refPrice, this.slip(o, f.refPrice)), refPrice: f.refPrice, liquidity: 'taker', ts, spreadTicks: null });
          }
        } else {
          const limit = o.limitPrice as number;
          const f = barLimitFill(o.side, limit, bar, !o.resting);
          o.resting = true;
          if (f) {
            const price = f.liquidity === 'maker' ? limit : cappedAtLimit(o.side, worsen(o.side, f.refPrice, this.slip(o, f.refPrice)), limit);
            this.fill(o, { price, refPrice: f.refPrice, liquidity: f.liquidity, ts: f.atOpen ? bar.ts : closeTs, spreadTicks: null });
          }
        }
        // A fill or a reduce-only cancel changes what later orders see: run another pass.
        if (this.s.nextFillId !== before || !this.find(o.id)) progressed = true;
      }
    }
    if (this.bornThisBar.size > 0) this.bornThisBar.clear();
    this.s.lastBarTs = bar.ts;
    this.s.lastBarClose = bar.close;
    this.s.lastCloseQuote = bar.closeQuote;
    this.s.clock = closeTs;
  }

  /**
   * A funding event from the market stream (in addition to, or instead of, the configured model).
   * One stamped before the clock (exchanges publish late; a bar is processed at its close) is still
   * charged, on the current position, without moving time back.
   */
  onFunding(ev: FundingEvent): void {
    if (this.s.clock === null || ev.ts >= this.s.clock) this.advance(ev.ts);
    this.applyFunding(ev.ts, ev.rate, ev.markPrice ?? null);
  }

  // ---------------------------------------------------------------- internals: validation

  private qtyOk(qty: number): boolean {
    return Number.isFinite(qty) && qty > 0 && isOnStep(qty, this.inst.sizeStep);
  }

  private staleProblem(ts: number): { reason: RejectReason; message: string } | null {
    if (!Number.isFinite(ts)) return { reason: 'stale-decision-ts', message: `bad decision ts ${ts}` };
    if (this.s.clock !== null && ts < this.s.clock) {
      return { reason: 'stale-decision-ts', message: `decision ts ${ts} is before data already processed (${this.s.clock}): submit before forwarding later market data` };
    }
    return null;
  }

  private orderProblem(req: OrderRequest, ts: number): { reason: RejectReason; message: string } | null {
    const stale = this.staleProblem(ts);
    if (stale) return stale;
    if (!this.qtyOk(req.qty)) return { reason: 'bad-qty', message: `qty ${req.qty} is not a positive multiple of ${this.inst.sizeStep}` };
    if (req.type === 'limit' && req.limitPrice === undefined) return { reason: 'missing-price', message: 'a limit order needs limitPrice' };
    if (req.type === 'stop' && req.stopPrice === undefined) return { reason: 'missing-price', message: 'a stop order needs stopPrice' };
    for (const p of [req.limitPrice, req.stopPrice]) {
      if (p !== undefined && !Number.isInteger(p)) return { reason: 'bad-price', message: `price ${p} is not integer ticks` };
    }
    if (this.cfg.requireStop && !req.reduceOnly) return { reason: 'stop-required', message: 'entries need a stop: use submitBracket (requireStop)' };
    return null;
  }

  private bracketRequestProblem(req: BracketRequest, ts: number): { reason: RejectReason; message: string } | null {
    const stale = this.staleProblem(ts);
    if (stale) return stale;
    if (!this.qtyOk(req.qty)) return { reason: 'bad-qty', message: `qty ${req.qty} is not a positive multiple of ${this.inst.sizeStep}` };
    const e = req.entry;
    const entryRef = e.type === 'limit' ? e.limitPrice : e.type === 'stop' ? e.stopPrice : this.markPrice();
    if (entryRef !== null && !Number.isInteger(entryRef) && e.type !== 'market') return { reason: 'bad-price', message: 'entry price must be integer ticks' };
    return bracketProblem(req, entryRef, this.cfg.requireStop);
  }

  private rejected<T>(ts: number, reason: RejectReason, message: string): CommandResult<T> {
    this.emit(ts, { type: 'order-rejected', reason, message });
    return reject(reason, message);
  }

  // ---------------------------------------------------------------- internals: state changes

  private emit(ts: number, body: EventBody): void {
    this.events.push({ seq: this.s.nextSeq++, ts, ...body } as BrokerEvent);
  }

  private requireMode(mode: BrokerConfig['mode']): void {
    if (this.cfg.mode !== mode) wrongMode(this.cfg.mode, mode);
  }

  /** Market time moves forward only; corrupt (backwards) data fails fast. Due funding is charged first. */
  private advance(ts: number): void {
    if (!Number.isFinite(ts) || (this.s.clock !== null && ts < this.s.clock)) badEventTime(ts, this.s.clock);
    // Between flat-rate boundaries nothing can be due: skip dueFunding's array (a bar backtest
    // advances 525,600 times a year and crosses a boundary 1,095 times).
    const next = this.s.nextFundingTs;
    const quiet = this.cfg.funding.kind === 'none' || (this.cfg.funding.kind === 'flat' && next !== null && ts < next);
    if (!quiet) for (const f of dueFunding(this.cfg.funding, this.inst.fundingIntervalHours, this.s, ts)) this.applyFunding(f.ts, f.rate, f.markPrice);
    this.s.clock = ts;
  }

  /**
   * Hot path: most quotes change nothing, so check each order's condition without sorting or
   * allocating, and run the ordered pass only when something fills or triggers. Marking a
   * non-crossed limit as resting here is the same state change the full pass would make.
   */
  private quoteActs(ts: number, bid: number, ask: number): boolean {
    const orders = this.s.orders;
    for (let i = 0; i < orders.length; i++) {
      const o = orders[i] as Order;
      if (o.activeAfter >= ts) continue;
      if (o.type === 'market' || o.status === 'triggered') return true;
      // stopTriggeredByQuote and limitCrossedByQuote on the numbers.
      if (o.type === 'stop') {
        if (o.side === 'sell' ? bid <= (o.stopPrice as number) : ask >= (o.stopPrice as number)) return true;
      } else if (o.side === 'buy' ? ask <= (o.limitPrice as number) : bid >= (o.limitPrice as number)) return true;
      else o.resting = true;
    }
    return false;
  }

  private tradeActs(ts: number, price: number): boolean {
    const orders = this.s.orders;
    for (let i = 0; i < orders.length; i++) {
      const o = orders[i] as Order;
      if (o.status !== 'working' || o.activeAfter >= ts) continue;
      if (o.type === 'stop' && stopTriggeredByTrade(o.side, o.stopPrice as number, price)) return true;
      if (o.type === 'limit' && o.resting && limitFilledByTrade(o.side, o.limitPrice as number, price)) return true;
    }
    return false;
  }

  private ordered(): Order[] {
    return [...this.s.orders].sort((a, b) => phase(a) - phase(b) || a.id - b.id);
  }

  private find(id: number): Order | undefined {
    return this.s.orders.find((o) => o.id === id);
  }

  private findBracket(id: number): Bracket | undefined {
    return this.s.brackets.find((b) => b.id === id);
  }

  private place(n: NewOrder, ts: number): Order {
    const o: Order = { id: this.s.nextOrderId++, ...n, activeAfter: n.decisionTs, status: 'working', resting: false, triggeredTs: null };
    this.s.orders.push(o);
    this.emit(ts, { type: 'order-submitted', order: { ...o } });
    this.emit(ts, { type: 'order-accepted', order: { ...o } });
    return o;
  }

  private trigger(o: Order, ts: number): void {
    o.status = 'triggered';
    o.triggeredTs = ts;
    // A triggered stop is a market order decided at the trigger time: it fills on the next quote.
    o.activeAfter = ts;
    this.emit(ts, { type: 'order-triggered', orderId: o.id });
  }

  private slip(o: Order, ref: number): number {
    const q = this.s.position.qty;
    const isExit = o.reduceOnly || (q !== 0 && Math.sign(q) !== sideSign(o.side));
    return slippageTicks(this.cfg.slippage, isExit, ref);
  }

  private removeOrder(o: Order): void {
    this.s.orders = this.s.orders.filter((x) => x.id !== o.id);
  }

  private cancelOrder(o: Order, reason: CancelReason, ts: number): void {
    if (o.status === 'filled' || o.status === 'cancelled') return;
    o.status = 'cancelled';
    this.removeOrder(o);
    this.detachFromBracket(o);
    this.emit(ts, { type: 'order-cancelled', orderId: o.id, reason });
  }

  /** Keeps bracket bookkeeping in step when one of its orders goes away; drops brackets left empty. */
  private detachFromBracket(o: Order): void {
    if (o.bracketId === null) return;
    const b = this.findBracket(o.bracketId);
    if (!b) return;
    if (b.entryOrderId === o.id) b.entryOrderId = null;
    if (b.stopOrderId === o.id) b.stopOrderId = null;
    b.targetOrderIds = b.targetOrderIds.filter((id) => id !== o.id);
    if (b.entryOrderId === null && b.stopOrderId === null && b.targetOrderIds.length === 0) {
      this.s.brackets = this.s.brackets.filter((x) => x.id !== b.id);
    }
  }

  private cancelBracketOrders(bracketId: number, reason: CancelReason, ts: number): void {
    for (const o of this.s.orders.filter((x) => x.bracketId === bracketId)) this.cancelOrder(o, reason, ts);
    this.s.brackets = this.s.brackets.filter((b) => b.id !== bracketId);
  }

  private fill(o: Order, plan: FillPlan): void {
    const pos = this.s.position;
    let qty = o.qty;
    if (o.reduceOnly) {
      if (pos.qty === 0 || Math.sign(pos.qty) === sideSign(o.side)) {
        this.cancelOrder(o, 'reduce-only-no-position', plan.ts);
        return;
      }
      qty = Math.min(qty, Math.abs(pos.qty));
    }
    const signed = sideSign(o.side) * qty;
    const change = applyFill(pos, signed, plan.price, this.inst);
    const notional = quoteValue(plan.price, qty, this.inst);
    const feeBps = plan.liquidity === 'maker' ? this.cfg.makerFeeBps : this.cfg.takerFeeBps;
    const fee = (notional * feeBps) / 10_000;
    const slippage = Math.abs(plan.price - plan.refPrice);
    this.s.position = {
      qty: change.next.qty,
      avgEntry: change.next.avgEntry,
      realizedPnl: pos.realizedPnl + change.realized,
      fees: pos.fees + fee,
      funding: pos.funding,
    };
    const delta = change.realized - fee;
    this.s.balance += delta;
    o.status = 'filled';
    this.removeOrder(o);
    const fill = {
      id: this.s.nextFillId++,
      orderId: o.id,
      bracketId: o.bracketId,
      role: o.role,
      targetIndex: o.targetIndex,
      tag: o.tag,
      side: o.side,
      qty,
      price: plan.price,
      decisionTs: o.decisionTs,
      triggerTs: o.triggeredTs,
      ts: plan.ts,
      liquidity: plan.liquidity,
      notional,
      fee,
      refPrice: plan.refPrice,
      slippageTicks: slippage,
      slippageCost: quoteValue(slippage, qty, this.inst),
      spreadTicks: plan.spreadTicks,
      realizedPnl: change.realized,
      positionAfter: change.next.qty,
    };
    this.emit(plan.ts, { type: 'order-filled', fill });
    this.emit(plan.ts, { type: 'position-changed', position: this.position() });
    this.emit(plan.ts, { type: 'balance-changed', balance: this.s.balance, delta, cause: 'fill' });
    if (o.ocoGroup !== null) {
      for (const other of this.s.orders.filter((x) => x.ocoGroup === o.ocoGroup)) this.cancelOrder(other, 'oco', plan.ts);
    }
    this.afterBracketFill(o, qty, plan.ts);
    // Flat: exits left over (a bracket closed by another order, a manual stop) have nothing to protect.
    if (this.s.position.qty === 0) {
      for (const other of this.s.orders.filter((x) => x.reduceOnly)) this.cancelOrder(other, 'reduce-only-no-position', plan.ts);
    }
  }

  private afterBracketFill(o: Order, qty: number, ts: number): void {
    const b = o.bracketId !== null ? this.findBracket(o.bracketId) : undefined;
    if (!b) return;
    if (o.role === 'entry') {
      b.entryOrderId = null;
      b.openQty = qty;
      if (b.stopPrice !== null) this.placeStop(b, ts);
      this.placeTargets(b, ts);
    } else if (o.role === 'target') {
      b.openQty = snapQty(b.openQty - qty, this.inst.sizeStep);
      b.targetOrderIds = b.targetOrderIds.filter((id) => id !== o.id);
      const stop = b.stopOrderId !== null ? this.find(b.stopOrderId) : undefined;
      if (b.openQty <= 0) {
        if (stop) this.cancelOrder(stop, 'targets-filled', ts);
        this.s.brackets = this.s.brackets.filter((x) => x.id !== b.id);
      } else if (stop && stop.qty !== b.openQty) {
        stop.qty = b.openQty;
        this.emit(ts, { type: 'order-modified', order: { ...stop } });
      }
    } else if (o.role === 'stop') {
      b.stopOrderId = null;
      for (const id of [...b.targetOrderIds]) {
        const t = this.find(id);
        if (t) this.cancelOrder(t, 'stop-filled', ts);
      }
      this.s.brackets = this.s.brackets.filter((x) => x.id !== b.id);
    }
  }

  private placeStop(b: Bracket, ts: number): void {
    const stop = this.place(this.child(b, 'stop', 'stop', b.openQty, null, b.stopPrice, null, ts), ts);
    b.stopOrderId = stop.id;
    if (this.cfg.mode === 'bar') this.bornThisBar.set(stop.id, ts);
  }

  private placeTargets(b: Bracket, ts: number): void {
    const qtys = splitTargets(b.openQty, b.targets, this.inst.sizeStep);
    b.targets.forEach((t: TargetSpec, i) => {
      const q = qtys[i] ?? 0;
      if (q <= 0) return;
      const o = this.place(this.child(b, 'target', 'limit', q, t.price, null, i, ts), ts);
      b.targetOrderIds.push(o.id);
    });
  }

  private child(b: Bracket, role: OrderRole, type: Order['type'], qty: number, limitPrice: number | null, stopPrice: number | null, targetIndex: number | null, ts: number): NewOrder {
    return { side: opposite(b.side), type, qty, limitPrice, stopPrice, reduceOnly: true, ocoGroup: null, tag: b.tag, role, bracketId: b.id, targetIndex, decisionTs: ts };
  }

  // ---------------------------------------------------------------- internals: funding

  /** Charges one funding period on the position notional at the mark; longs pay positive rates. */
  private applyFunding(ts: number, rate: number, markPrice: number | null): void {
    const qty = this.s.position.qty;
    const mark = markPrice ?? this.markPrice();
    if (qty === 0 || mark === null) return;
    const amount = quoteValue(mark, qty, this.inst) * rate;
    this.s.balance -= amount;
    this.s.position = { ...this.s.position, funding: this.s.position.funding + amount };
    this.emit(ts, { type: 'funding-applied', rate, markPrice: mark, positionQty: qty, amount });
    this.emit(ts, { type: 'balance-changed', balance: this.s.balance, delta: -amount, cause: 'funding' });
  }
}

// The refusals of the per-event checks, in functions of their own so that their messages are made
// only when thrown (see core/market/time-order.ts).
function wrongMode(mode: BrokerConfig['mode'], asked: BrokerConfig['mode']): never {
  throw new Error(`broker is in ${mode} mode: ${asked}-mode input is not accepted`);
}

function badEventTime(ts: number, clock: number | null): never {
  if (!Number.isFinite(ts)) throw new Error(`market event with bad ts ${ts}`);
  throw new Error(`market data went back in time: ${ts} < ${clock}`);
}
