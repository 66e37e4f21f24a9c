// Backtest runs kept in the store: settings, metrics, trades and the equity curve, so earlier
// runs can be listed and compared side by side.

import type { ClosedTrade, EquityPoint } from '../../core/report/types';
import type { Store } from './store';

export interface SavedRun {
  readonly id: number;
  readonly createdAt: number;
  readonly strategy: string;
  readonly params: Record<string, unknown>;
  readonly mode: 'bars' | 'ticks';
  readonly fromTs: number;
  readonly toTs: number;
  /** The report's metrics (JSON-safe form). */
  readonly metrics: unknown;
}

export interface NewRun {
  readonly createdAt: number;
  readonly strategy: string;
  readonly params: Record<string, unknown>;
  readonly instrumentId: number;
  readonly mode: 'bars' | 'ticks';
  readonly fromTs: number;
  readonly toTs: number;
  readonly metricsJson: string;
  readonly trades: readonly ClosedTrade[];
  readonly equity: readonly EquityPoint[];
}

/** Keeps at most this many equity points per run: enough for any plot. */
const MAX_EQUITY_POINTS = 5_000;

export function saveBacktestRun(store: Store, run: NewRun): number {
  return store.transaction(() => {
    const id = Number(
      store
        .statement(
          `INSERT INTO backtest_runs (created_at, strategy, params_json, instrument_id, mode, from_ts, to_ts, metrics_json) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
        )
        .run(run.createdAt, run.strategy, JSON.stringify(run.params), run.instrumentId, run.mode, run.fromTs, run.toTs, run.metricsJson).lastInsertRowid,
    );
    const trade = store.statement(
      `INSERT INTO backtest_trades (run_id, seq, side, qty, entry_ts, entry_px, exit_ts, exit_px, stop_px, targets_json, fees, funding, pnl, tag)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, NULL, NULL, ?, ?, ?, ?)`,
    );
    run.trades.forEach((t, i) => {
      trade.run(id, i + 1, t.side === 'long' ? 'BUY' : 'SELL', t.qty, t.entryTs, t.entryPrice, t.exitTs, t.exitPrice, t.fees, t.funding, t.netPnl, t.strategyTag);
    });
    const equity = store.statement('INSERT OR REPLACE INTO backtest_equity (run_id, ts, equity) VALUES (?, ?, ?)');
    const step = Math.max(1, Math.ceil(run.equity.length / MAX_EQUITY_POINTS));
    for (let i = 0; i < run.equity.length; i += step) equity.run(id, run.equity[i]!.ts, run.equity[i]!.equity);
    const last = run.equity[run.equity.length - 1];
    if (last) equity.run(id, last.ts, last.equity);
    return id;
  });
}

export function listBacktestRuns(store: Store, limit = 50): SavedRun[] {
  const rows = store
    .statement(
      `SELECT id, created_at AS createdAt, strategy, params_json AS params, mode, from_ts AS fromTs, to_ts AS toTs, metrics_json AS metrics
       FROM backtest_runs ORDER BY id DESC LIMIT ?`,
    )
    .all(limit) as Array<{ id: number; createdAt: number; strategy: string; params: string; mode: 'bars' | 'ticks'; fromTs: number; toTs: number; metrics: string }>;
  return rows.map((r) => ({ ...r, params: JSON.parse(r.params) as Record<string, unknown>, metrics: JSON.parse(r.metrics) as unknown }));
}

export function loadRunTrades(store: Store, runId: number): Array<{ seq: number; side: string; qty: number; entryTs: number; entryPx: number; exitTs: number; exitPx: number; pnl: number; tag: string }> {
  return store
    .statement(
      `SELECT seq, side, qty, entry_ts AS entryTs, entry_px AS entryPx, exit_ts AS exitTs, exit_px AS exitPx, pnl, tag FROM backtest_trades WHERE run_id = ? ORDER BY seq`,
    )
    .all(runId) as Array<{ seq: number; side: string; qty: number; entryTs: number; entryPx: number; exitTs: number; exitPx: number; pnl: number; tag: string }>;
}
