// The trader's manual paper account behind one-click orders: one durable account per feed
// (simulated prices never mix with an exchange's), an in-memory one for replays, fed with the
// active session's market events; every change is pushed to the UI after it is committed.

import type { EventPayload, HandlerParams } from '../../core/api/contract';
import { DEFAULT_BROKER_CONFIG } from '../../core/broker/config';
import type { MarketEvent } from '../../core/market/events';
import { decimalsOf, fromTicks, type Instrument } from '../../core/market/instrument';
import type { BracketRequest, CommandResult } from '../../core/broker/types';
import type { Quote } from '../../core/market/events';
import { bracketPrices } from '../../core/trading/bracket-preset';
import { PaperAccount } from '../paper/paper-account';
import type { Alert } from '../alerts/alert';
import type { Store } from '../store/store';
import type { FeedChoice } from './feed-provider';

export type PaperStatePayload = EventPayload<'paper.state'>;

export function paperAccountName(choice: FeedChoice): string | null {
  if (choice.source === 'replay') return null;
  if (choice.source === 'exchange') return `${choice.exchange}:${choice.symbol}`;
  return choice.source;
}

export class PaperDesk {
  private account: PaperAccount | null = null;
  private lastQty = 0;
  private instrument: Instrument | null = null;

  constructor(
    private readonly store: Store | null,
    private readonly emitState: (state: PaperStatePayload) => void,
    private readonly onAlert: (alert: Alert) => void = () => {},
  ) {}

  /** Pushes the new state and tells the trader when a position opened or closed. */
  private emit(state: PaperStatePayload): void {
    this.emitState(state);
    const last = state.fills[state.fills.length - 1];
    const ts = last?.ts ?? Date.now();
    if (this.lastQty === 0 && state.positionQty !== 0) {
      this.onAlert({ kind: 'trade-open', ts, title: `${state.positionQty > 0 ? 'Long' : 'Short'} ${Math.abs(state.positionQty)} opened (${state.account})`, message: `Average entry ${this.price(state.avgEntry)}; stop ${state.stop === null ? 'none' : this.price(state.stop)}; targets ${state.targets.map((t) => this.price(t)).join(', ') || 'none'}.` });
    } else if (this.lastQty !== 0 && state.positionQty === 0) {
      this.onAlert({ kind: 'trade-close', ts, title: `Position closed (${state.account})`, message: `Realized ${state.realizedPnl.toFixed(2)}, fees ${state.fees.toFixed(2)}; balance ${state.balance.toFixed(2)}.` });
    }
    this.lastQty = state.positionQty;
  }

  /** A new feed: its own account (durable unless replaying). */
  attach(choice: FeedChoice, instrument: Instrument): void {
    const name = paperAccountName(choice);
    this.instrument = instrument;
    this.account = PaperAccount.open(name ? this.store : null, name ?? 'replay', instrument, { ...DEFAULT_BROKER_CONFIG, funding: { kind: 'none' } });
    this.lastQty = this.account.view().positionQty;
  }

  onMarket(events: readonly MarketEvent[]): void {
    if (!this.account) return;
    if (this.account.onMarket(events).length > 0) this.emit(this.state());
  }

  /** A market entry, or a limit resting below (buy) or above (sell) the market, with the preset's bracket. */
  order(o: HandlerParams<'paper.order'>): PaperStatePayload {
    const account = this.require();
    let entryRef: number;
    let entry: BracketRequest['entry'];
    if (o.type === 'limit' && o.limitPrice !== undefined) {
      const quote = this.quote(account);
      if (o.side === 'buy' && o.limitPrice >= quote.askPrice) throw new Error(`a buy limit must be below the market (ask ${this.price(quote.askPrice)}): above it, buy at market`);
      if (o.side === 'sell' && o.limitPrice <= quote.bidPrice) throw new Error(`a sell limit must be above the market (bid ${this.price(quote.bidPrice)}): below it, sell at market`);
      entryRef = o.limitPrice;
      entry = { type: 'limit', limitPrice: o.limitPrice };
    } else {
      entryRef = this.markTicks(account);
      entry = { type: 'market' };
    }
    const prices = bracketPrices(o.bracket, o.side, entryRef, this.tickSize());
    this.check(account.submitBracket({ side: o.side, qty: o.qty, entry, stopPrice: prices.stopPrice, targets: prices.targets, tag: 'manual' }), 'order refused');
    return this.changed();
  }

  flatten(): PaperStatePayload {
    this.check(this.require().flatten(), 'flatten refused');
    return this.changed();
  }

  /** Closes the position and opens the same size the other way, protected by the preset. */
  reverse(preset: HandlerParams<'paper.reverse'>['bracket']): PaperStatePayload {
    const account = this.require();
    const qty = account.view().positionQty;
    if (qty === 0) throw new Error('nothing to reverse: no position');
    const prices = bracketPrices(preset, qty > 0 ? 'sell' : 'buy', this.markTicks(account), this.tickSize());
    this.check(account.command((broker, now) => broker.reverse(now, prices)), 'reverse refused');
    return this.changed();
  }

  cancel(orderId: number): PaperStatePayload {
    this.check(this.require().command((broker, now) => broker.cancel(orderId, now)), 'cancel refused');
    return this.changed();
  }

  /** Cancels every working order; an open position stays (unprotected: the trader asked for it). */
  cancelAll(): PaperStatePayload {
    this.check(
      this.require().command((broker, now) => {
        for (const o of broker.workingOrders()) {
          // Cancelling an entry took its bracket's other orders with it.
          if (broker.order(o.id)?.status !== 'working') continue;
          const r = broker.cancel(o.id, now);
          if (!r.ok) return r;
        }
        return { ok: true, value: true };
      }),
      'cancel refused',
    );
    return this.changed();
  }

  /**
   * A dragged line: a stop's trigger, a target's or a limit entry's new price. Nothing may be
   * dragged through the market (a stop there would trigger at once, a limit would fill at once);
   * a limit entry takes its bracket's stop and targets along, keeping their distances.
   */
  move(orderId: number, price: number): PaperStatePayload {
    const account = this.require();
    const order = account.orders().find((o) => o.id === orderId);
    if (!order) throw new Error(`no working order ${orderId}`);
    const quote = this.quote(account);
    const buy = order.side === 'buy';
    const p = (ticks: number): string => this.price(ticks);
    if (order.type === 'stop') {
      if (buy && price <= quote.askPrice) throw new Error(`a buy stop must stay above the market (ask ${p(quote.askPrice)}): it cannot be dragged through it`);
      if (!buy && price >= quote.bidPrice) throw new Error(`a sell stop must stay below the market (bid ${p(quote.bidPrice)}): it cannot be dragged through it`);
    } else if (order.type === 'limit') {
      if (buy && price >= quote.askPrice) throw new Error(`a buy limit must stay below the market (ask ${p(quote.askPrice)}): it would fill at once`);
      if (!buy && price <= quote.bidPrice) throw new Error(`a sell limit must stay above the market (bid ${p(quote.bidPrice)}): it would fill at once`);
    } else throw new Error('a market order cannot be moved');
    const bracket = order.bracketId !== null ? account.brackets().find((b) => b.id === order.bracketId) : undefined;
    const result = account.command((broker, now) => {
      if (bracket && order.role === 'stop') return broker.moveStop(bracket.id, price, now);
      if (bracket && order.role === 'target' && order.targetIndex !== null) return broker.moveTarget(bracket.id, order.targetIndex, price, now);
      if (bracket && order.role === 'entry' && order.limitPrice !== null) {
        const delta = price - order.limitPrice;
        const moved = broker.modify(order.id, { limitPrice: price }, now);
        if (!moved.ok) return moved;
        if (bracket.stopPrice !== null) {
          const r = broker.moveStop(bracket.id, bracket.stopPrice + delta, now);
          if (!r.ok) return r;
        }
        for (let i = 0; i < bracket.targets.length; i++) {
          const r = broker.moveTarget(bracket.id, i, (bracket.targets[i]?.price ?? 0) + delta, now);
          if (!r.ok) return r;
        }
        return moved;
      }
      return broker.modify(order.id, order.type === 'stop' ? { stopPrice: price } : { limitPrice: price }, now);
    });
    this.check(result, 'move refused');
    return this.changed();
  }

  state(): PaperStatePayload {
    const account = this.require();
    const v = account.view();
    return {
      account: v.name,
      balance: v.balance,
      equity: v.equity,
      unrealizedPnl: v.unrealizedPnl,
      realizedPnl: v.realizedPnl,
      fees: v.fees,
      positionQty: v.positionQty,
      avgEntry: v.avgEntry,
      stop: v.stop,
      targets: [...v.targets],
      workingOrders: v.workingOrders,
      orders: account.orders().map((o) => ({
        id: o.id,
        side: o.side,
        type: o.type,
        role: o.role,
        qty: o.qty,
        price: o.type === 'limit' ? o.limitPrice : o.type === 'stop' ? o.stopPrice : null,
        bracketId: o.bracketId,
        targetIndex: o.targetIndex,
      })),
      markPrice: account.markPrice(),
      fills: v.fills.map((f) => ({ ts: f.ts, side: f.side, qty: f.qty, price: f.price, fee: f.fee, role: f.role, realizedPnl: f.realizedPnl })),
    };
  }

  private changed(): PaperStatePayload {
    const state = this.state();
    this.emit(state);
    return state;
  }

  private check(result: CommandResult<unknown>, what: string): void {
    if (!result.ok) throw new Error(`${what}: ${result.message}`);
  }

  private quote(account: PaperAccount): Quote {
    const quote = account.lastQuote();
    if (!quote) throw new Error('no quote yet: wait for the market');
    return quote;
  }

  private tickSize(): number {
    return this.instrument?.tickSize ?? 1;
  }

  private price(ticks: number): string {
    const tick = this.tickSize();
    return fromTicks(ticks, tick).toFixed(decimalsOf(tick));
  }

  private markTicks(account: PaperAccount): number {
    const mark = account.markPrice();
    if (mark === null) throw new Error('no market data yet: wait for the first quote');
    return Math.round(mark);
  }

  private require(): PaperAccount {
    if (!this.account) throw new Error('no paper account: no feed is connected');
    return this.account;
  }
}
