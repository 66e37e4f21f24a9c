// What the app and the CLI show of paper runs, read from the store: the runs, their fills, their
// signals (from the monitoring log).

import type { RunLogEntry, StrategyRun, StrategySignal } from '../../core/api/areas/strategies';
import type { RequestResult } from '../../core/api/contract';
import { DEFAULT_BROKER_CONFIG } from '../../core/broker/config';
import type { Fill } from '../../core/broker/types';
import { fromTicks, type Instrument } from '../../core/market/instrument';
import { PaperAccount } from './paper-account';
import { PaperRunConfigSchema, type PaperRunConfig } from './paper-run';
import type { Store } from '../store/store';

/** What a run trades on, for the screen and the CLI. */
export function feedLabel(feed: PaperRunConfig['feed']): string {
  if (feed.kind === 'sim') return `simulated market, seed ${feed.seed}`;
  return feed.venue === 'exchange-sim' ? `local exchange simulator, ${feed.symbol}` : `${feed.exchange} ${feed.symbol}`;
}

export interface StoredRun {
  readonly name: string;
  readonly accountId: number;
  readonly config: PaperRunConfig;
  readonly eventsProcessed: number;
  readonly lastTs: number | null;
  readonly ownerPid: number | null;
}

export function storedRuns(store: Store): StoredRun[] {
  const rows = store
    .statement('SELECT a.name, a.id, r.config_json, r.events_processed, r.last_ts, r.owner_pid FROM paper_runs r JOIN paper_accounts a ON a.id = r.account_id ORDER BY a.id')
    .all() as Array<{ name: string; id: number; config_json: string; events_processed: number; last_ts: number | null; owner_pid: number | null }>;
  return rows.flatMap((r) => {
    const config = PaperRunConfigSchema.safeParse(JSON.parse(r.config_json));
    return config.success ? [{ name: r.name, accountId: r.id, config: config.data, eventsProcessed: r.events_processed, lastTs: r.last_ts, ownerPid: r.owner_pid }] : [];
  });
}

export function fillCount(store: Store, name: string): number {
  return (store.statement(`SELECT COUNT(*) AS n FROM paper_journal j JOIN paper_accounts a ON a.id = j.account_id WHERE a.name = ? AND j.kind = 'order-filled'`).get(name) as { n: number }).n;
}

/** The account of a run as the store holds it (balance, position, PnL). */
export function storedAccount(store: Store, name: string, instrument: Instrument): StrategyRun['account'] {
  const v = PaperAccount.open(store, name, instrument, DEFAULT_BROKER_CONFIG).view();
  return {
    balance: v.balance,
    equity: v.equity,
    realizedPnl: v.realizedPnl,
    unrealizedPnl: v.unrealizedPnl,
    fees: v.fees,
    positionQty: v.positionQty,
    avgEntry: v.positionQty !== 0 ? fromTicks(v.avgEntry, instrument.tickSize) : null,
    fills: fillCount(store, name),
  };
}

/** The last `limit` fills of a run, oldest first, prices in price units. */
export function runFills(store: Store, name: string, instrument: Instrument, limit = 100): RequestResult<'strategies.detail'>['fills'] {
  const rows = store
    .statement(
      `SELECT seq, payload_json FROM (SELECT j.seq, j.payload_json FROM paper_journal j JOIN paper_accounts a ON a.id = j.account_id
       WHERE a.name = ? AND j.kind = 'order-filled' ORDER BY j.seq DESC LIMIT ?) ORDER BY seq`,
    )
    .all(name, limit) as Array<{ seq: number; payload_json: string }>;
  return rows.map((r) => {
    const f = (JSON.parse(r.payload_json) as { fill: Fill }).fill;
    return { seq: r.seq, ts: f.ts, role: f.role, side: f.side, qty: f.qty, price: fromTicks(f.price, instrument.tickSize), fee: f.fee, realizedPnl: f.realizedPnl };
  });
}

/** A signal line of the monitoring log as the chart's signal event. */
export function signalFromLog(entry: RunLogEntry, runId: string, strategyId: string): StrategySignal | null {
  if (entry.kind !== 'signal') return null;
  const d = entry.data;
  const side = d['side'];
  const price = d['price'];
  if ((side !== 'long' && side !== 'short') || typeof price !== 'number') return null;
  return { runId, strategyId, ts: entry.ts, tag: String(d['tag'] ?? ''), side, price, accepted: d['accepted'] === true, reasonCode: String(d['reasonCode'] ?? '') };
}
