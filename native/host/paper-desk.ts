// The trader's manual paper account behind one-click orders: one durable account per feed
// (simulated prices never mix with an exchange's), an in-memory one for replays, fed with the
// active session's market events; every change is pushed to the UI after it is committed.

import type { EventPayload, HandlerParams } from '../../core/api/contract';
import { DEFAULT_BROKER_CONFIG } from '../../core/broker/config';
import type { MarketEvent } from '../../core/market/events';
import type { Instrument } from '../../core/market/instrument';
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
      this.onAlert({ kind: 'trade-open', ts, title: `${state.positionQty > 0 ? 'Long' : 'Short'} ${Math.abs(state.positionQty)} opened (${state.account})`, message: `Average entry ${state.avgEntry}; stop ${state.stop ?? 'none'}; targets ${state.targets.join(', ') || 'none'} (ticks).` });
    } else if (this.lastQty !== 0 && state.positionQty === 0) {
      this.onAlert({ kind: 'trade-close', ts, title: `Position closed (${state.account})`, message: `Realized ${state.realizedPnl.toFixed(2)}, fees ${state.fees.toFixed(2)}; balance ${state.balance.toFixed(2)}.` });
    }
    this.lastQty = state.positionQty;
  }

  /** A new feed: its own account (durable unless replaying). */
  attach(choice: FeedChoice, instrument: Instrument): void {
    const name = paperAccountName(choice);
    this.account = PaperAccount.open(name ? this.store : null, name ?? 'replay', instrument, { ...DEFAULT_BROKER_CONFIG, funding: { kind: 'none' } });
    this.lastQty = this.account.view().positionQty;
  }

  onMarket(events: readonly MarketEvent[]): void {
    if (!this.account) return;
    if (this.account.onMarket(events).length > 0) this.emit(this.state());
  }

  order(o: HandlerParams<'paper.order'>): PaperStatePayload {
    const account = this.require();
    const view = account.view();
    const mark = view.positionQty !== 0 ? view.avgEntry : this.markTicks(account);
    const dir = o.side === 'buy' ? 1 : -1;
    const result = account.submitBracket({
      side: o.side,
      qty: o.qty,
      entry: { type: 'market' },
      stopPrice: mark - dir * o.stopTicks,
      targets: o.targetTicks.map((t) => ({ price: mark + dir * t, share: 1 / o.targetTicks.length })),
      tag: 'manual',
    });
    if (!result.ok) throw new Error(`order refused: ${result.message}`);
    const state = this.state();
    this.emit(state);
    return state;
  }

  flatten(): PaperStatePayload {
    const result = this.require().flatten();
    if (!result.ok) throw new Error(`flatten refused: ${result.message}`);
    const state = this.state();
    this.emit(state);
    return state;
  }

  state(): PaperStatePayload {
    const v = this.require().view();
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
      fills: v.fills.map((f) => ({ ts: f.ts, side: f.side, qty: f.qty, price: f.price, fee: f.fee, role: f.role, realizedPnl: f.realizedPnl })),
    };
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
