// A paper trading account that survives: every order, fill, position and balance change the
// broker reports is written to the store's journal together with the broker's full state, in
// one transaction, before the command returns or the UI hears of it. Opening the account again
// restores that state, so a crash loses nothing acknowledged and repeats nothing.

import type { BrokerConfig } from '../../core/broker/config';
import { PaperBroker } from '../../core/broker/paper-broker';
import type { Bracket, BracketRequest, BrokerEvent, CommandResult, Fill, Order } from '../../core/broker/types';
import type { Quote } from '../../core/market/events';
import type { MarketEvent } from '../../core/market/events';
import type { Instrument } from '../../core/market/instrument';
import type { Store } from '../store/store';

export interface PaperAccountView {
  readonly name: string;
  readonly balance: number;
  readonly equity: number;
  readonly unrealizedPnl: number;
  readonly realizedPnl: number;
  readonly fees: number;
  readonly positionQty: number;
  readonly avgEntry: number;
  readonly stop: number | null;
  readonly targets: readonly number[];
  readonly workingOrders: number;
  readonly fills: readonly Fill[];
}

export class PaperAccount {
  private readonly fills: Fill[] = [];

  private constructor(
    readonly name: string,
    private readonly store: Store | null,
    private readonly accountId: number | null,
    private readonly broker: PaperBroker,
  ) {}

  /**
   * Opens (creating if needed) the named account. With a store it is durable; without one
   * (replays) it lives in memory only.
   */
  static open(store: Store | null, name: string, instrument: Instrument, config: BrokerConfig): PaperAccount {
    if (!store) return new PaperAccount(name, null, null, new PaperBroker(instrument, config));
    store.statement(`INSERT INTO paper_accounts (name, created_at, currency, starting_balance) VALUES (?, ?, 'USDT', ?) ON CONFLICT (name) DO NOTHING`).run(name, Date.now(), config.initialBalance);
    const { id } = store.statement('SELECT id FROM paper_accounts WHERE name = ?').get(name) as { id: number };
    const saved = store.statement('SELECT snapshot_json FROM paper_snapshots WHERE account_id = ?').get(id) as { snapshot_json: string } | undefined;
    const broker = saved ? PaperBroker.restore(instrument, config, JSON.parse(saved.snapshot_json)) : new PaperBroker(instrument, config);
    const account = new PaperAccount(name, store, id, broker);
    const recent = store
      .statement(`SELECT payload_json FROM paper_journal WHERE account_id = ? AND kind = 'order-filled' ORDER BY seq DESC LIMIT 50`)
      .all(id) as Array<{ payload_json: string }>;
    for (const row of recent.reverse()) account.fills.push((JSON.parse(row.payload_json) as { fill: Fill }).fill);
    return account;
  }

  /** Market data in: fills and triggers happen here; whatever changed is committed. */
  onMarket(events: readonly MarketEvent[]): BrokerEvent[] {
    const now = this.broker.now();
    for (const e of events) {
      const ts = e.kind === 'trade' ? e.trade.ts : e.quote.ts;
      // A restored account has seen data up to its clock: older data (a feed's history) is skipped.
      if (now !== null && ts <= now) continue;
      if (e.kind === 'trade') this.broker.onTrade(e.trade);
      else this.broker.onQuote(e.quote);
    }
    return this.commit();
  }

  /** A market entry with its stop and targets, decided now (fills at the next quote). */
  submitBracket(request: BracketRequest): CommandResult<number> {
    const now = this.broker.now();
    if (now === null) return { ok: false, reason: 'stale-decision-ts', message: 'no market data yet: wait for the first quote' };
    const result = this.broker.submitBracket(request, now);
    this.commit();
    return result;
  }

  flatten(): CommandResult<number | null> {
    const now = this.broker.now();
    if (now === null) return { ok: false, reason: 'stale-decision-ts', message: 'no market data yet' };
    const result = this.broker.flatten(now);
    this.commit();
    return result;
  }

  /** Any broker command (cancel, modify, move a stop, reverse...) decided now, committed like the rest. */
  command<T>(run: (broker: PaperBroker, now: number) => CommandResult<T>): CommandResult<T> {
    const now = this.broker.now();
    if (now === null) return { ok: false, reason: 'stale-decision-ts', message: 'no market data yet: wait for the first quote' };
    const result = run(this.broker, now);
    this.commit();
    return result;
  }

  /** The working orders, oldest first (copies). */
  orders(): Order[] {
    return this.broker.workingOrders();
  }

  brackets(): Bracket[] {
    return this.broker.brackets();
  }

  /** The last L1 quote the account saw (null before one). */
  lastQuote(): Quote | null {
    return this.broker.snapshot().lastQuote;
  }

  /** Mid of the last quote (or last trade), ticks; null before any market data. */
  markPrice(): number | null {
    return this.broker.markPrice();
  }

  view(): PaperAccountView {
    const account = this.broker.account();
    const bracket = this.broker.brackets().find((b) => b.openQty > 0 || b.entryOrderId !== null);
    return {
      name: this.name,
      balance: account.balance,
      equity: account.equity,
      unrealizedPnl: account.unrealizedPnl,
      realizedPnl: account.position.realizedPnl,
      fees: account.position.fees,
      positionQty: account.position.qty,
      avgEntry: account.position.avgEntry,
      stop: bracket?.stopPrice ?? null,
      targets: bracket?.targets.map((t) => t.price) ?? [],
      workingOrders: this.broker.workingOrders().length,
      fills: this.fills.slice(-50),
    };
  }

  /** Journals the broker's new events and its state in one transaction (durable before acknowledged). */
  private commit(): BrokerEvent[] {
    const events = this.broker.drainEvents();
    if (events.length === 0) return events;
    for (const e of events) if (e.type === 'order-filled') this.fills.push(e.fill);
    if (this.fills.length > 200) this.fills.splice(0, this.fills.length - 200);
    const store = this.store;
    const id = this.accountId;
    if (!store || id === null) return events;
    const last = events[events.length - 1] as BrokerEvent;
    store.transaction(() => {
      const insert = store.statement('INSERT INTO paper_journal (account_id, seq, ts, kind, payload_json) VALUES (?, ?, ?, ?, ?)');
      for (const e of events) insert.run(id, e.seq, e.ts, e.type, JSON.stringify(e));
      store
        .statement(
          `INSERT INTO paper_snapshots (account_id, ts, last_seq, snapshot_json) VALUES (?, ?, ?, ?)
           ON CONFLICT (account_id) DO UPDATE SET ts = excluded.ts, last_seq = excluded.last_seq, snapshot_json = excluded.snapshot_json`,
        )
        .run(id, last.ts, last.seq, JSON.stringify(this.broker.snapshot()));
    });
    return events;
  }
}
