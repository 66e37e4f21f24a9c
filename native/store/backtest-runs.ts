// Backtest runs kept in the store: settings, metrics, trades and the equity curve, so earlier
// runs can be listed and compared side by side.

import type { Timeframe } from '../../core/market/timeframes';
import type { TradeLevels } from '../../core/report/trade-levels';
import type { ClosedTrade, EquityPoint } from '../../core/report/types';
import type { Store } from './store';

export interface SavedRun {
  readonly id: number;
  readonly createdAt: number;
  readonly strategy: string;
  readonly params: Record<string, unknown>;
  readonly mode: 'bars' | 'ticks';
  /** The bars the run stepped through (1m in tick mode). */
  readonly timeframe: Timeframe;
  readonly fromTs: number;
  readonly toTs: number;
  /** "venue:SYMBOL" and its tick size. */
  readonly instrument: string;
  readonly tickSize: number;
  /** The report's metrics (JSON-safe form). */
  readonly metrics: unknown;
}

export interface NewRun {
  readonly createdAt: number;
  readonly strategy: string;
  readonly params: Record<string, unknown>;
  readonly instrumentId: number;
  readonly mode: 'bars' | 'ticks';
  readonly timeframe: Timeframe;
  readonly fromTs: number;
  readonly toTs: number;
  readonly metricsJson: string;
  readonly trades: readonly ClosedTrade[];
  readonly equity: readonly EquityPoint[];
  /** Stop and targets per trade, in the order of `trades` (kept for drawing the trade). */
  readonly levels?: readonly TradeLevels[];
}

/** Keeps at most this many equity points per run: enough for any plot. */
const MAX_EQUITY_POINTS = 5_000;

export function saveBacktestRun(store: Store, run: NewRun): number {
  return store.transaction(() => {
    const id = Number(
      store
        .statement(
          `INSERT INTO backtest_runs (created_at, strategy, params_json, instrument_id, mode, timeframe, from_ts, to_ts, metrics_json) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        )
        .run(run.createdAt, run.strategy, JSON.stringify(run.params), run.instrumentId, run.mode, run.timeframe, run.fromTs, run.toTs, run.metricsJson).lastInsertRowid,
    );
    const trade = store.statement(
      `INSERT INTO backtest_trades (run_id, seq, side, qty, entry_ts, entry_px, exit_ts, exit_px, stop_px, targets_json, fees, funding, pnl, tag)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    run.trades.forEach((t, i) => {
      const levels = run.levels?.[i];
      const targets = levels ? JSON.stringify({ targets: levels.targets, finalStop: levels.finalStop }) : null;
      trade.run(id, i + 1, t.side === 'long' ? 'BUY' : 'SELL', t.qty, t.entryTs, t.entryPrice, t.exitTs, t.exitPrice, levels?.initialStop ?? null, targets, t.fees, t.funding, t.netPnl, t.strategyTag);
    });
    const equity = store.statement('INSERT OR REPLACE INTO backtest_equity (run_id, ts, equity) VALUES (?, ?, ?)');
    const step = Math.max(1, Math.ceil(run.equity.length / MAX_EQUITY_POINTS));
    for (let i = 0; i < run.equity.length; i += step) equity.run(id, run.equity[i]!.ts, run.equity[i]!.equity);
    const last = run.equity[run.equity.length - 1];
    if (last) equity.run(id, last.ts, last.equity);
    return id;
  });
}

type RunRow = { id: number; createdAt: number; strategy: string; params: string; mode: 'bars' | 'ticks'; timeframe: Timeframe; fromTs: number; toTs: number; instrument: string; tickSize: number; metrics: string };
const RUN_COLUMNS = `r.id, r.created_at AS createdAt, r.strategy, r.params_json AS params, r.mode, r.timeframe, r.from_ts AS fromTs, r.to_ts AS toTs,
  i.venue || ':' || i.symbol AS instrument, i.tick_size AS tickSize, r.metrics_json AS metrics
  FROM backtest_runs r JOIN instruments i ON i.id = r.instrument_id`;
const savedRun = (r: RunRow): SavedRun => ({ ...r, params: JSON.parse(r.params) as Record<string, unknown>, metrics: JSON.parse(r.metrics) as unknown });

export function listBacktestRuns(store: Store, limit = 50): SavedRun[] {
  const rows = store.statement(`SELECT ${RUN_COLUMNS} ORDER BY r.id DESC LIMIT ?`).all(limit) as RunRow[];
  return rows.map(savedRun);
}

export function loadBacktestRun(store: Store, runId: number): SavedRun | null {
  const row = store.statement(`SELECT ${RUN_COLUMNS} WHERE r.id = ?`).get(runId) as RunRow | undefined;
  return row ? savedRun(row) : null;
}

export function loadRunEquity(store: Store, runId: number): EquityPoint[] {
  return store.statement('SELECT ts, equity FROM backtest_equity WHERE run_id = ? ORDER BY ts').all(runId) as EquityPoint[];
}

export interface SavedTrade {
  readonly seq: number;
  readonly side: 'long' | 'short';
  readonly qty: number;
  readonly entryTs: number;
  readonly entryPx: number;
  readonly exitTs: number;
  readonly exitPx: number;
  readonly fees: number;
  readonly funding: number;
  readonly pnl: number;
  readonly tag: string;
  /** Null for runs saved before stops were kept, or a trade without a stop. */
  readonly stopPx: number | null;
  readonly finalStopPx: number | null;
  readonly targets: number[];
}

/** The trades of a run with their stop and targets, in the order they were saved. */
export function loadRunTradesWithLevels(store: Store, runId: number): SavedTrade[] {
  const rows = store
    .statement(
      `SELECT seq, side, qty, entry_ts AS entryTs, entry_px AS entryPx, exit_ts AS exitTs, exit_px AS exitPx, fees, funding, pnl, tag,
              stop_px AS stopPx, targets_json AS levels FROM backtest_trades WHERE run_id = ? ORDER BY seq`,
    )
    .all(runId) as Array<Omit<SavedTrade, 'side' | 'finalStopPx' | 'targets'> & { side: string; levels: string | null }>;
  return rows.map(({ levels, side, ...r }) => {
    const parsed = levels ? (JSON.parse(levels) as { targets?: number[]; finalStop?: number | null }) : {};
    return { ...r, side: side === 'BUY' ? 'long' : 'short', finalStopPx: parsed.finalStop ?? r.stopPx, targets: parsed.targets ?? [] };
  });
}

export function loadRunTrades(store: Store, runId: number): Array<{ seq: number; side: string; qty: number; entryTs: number; entryPx: number; exitTs: number; exitPx: number; pnl: number; tag: string }> {
  return store
    .statement(
      `SELECT seq, side, qty, entry_ts AS entryTs, entry_px AS entryPx, exit_ts AS exitTs, exit_px AS exitPx, pnl, tag FROM backtest_trades WHERE run_id = ? ORDER BY seq`,
    )
    .all(runId) as Array<{ seq: number; side: string; qty: number; entryTs: number; entryPx: number; exitTs: number; exitPx: number; pnl: number; tag: string }>;
}
