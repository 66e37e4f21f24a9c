// The one way a backtest over stored history runs, for `auctioneer backtest` and for the app's
// backtest worker alike: load the range, run the engine, compute the report, save the run. Both
// call this very function, so the same settings give the same metrics wherever they are run.

import { runBarBacktest } from '../../core/engine/bar-backtest';
import type { Engine } from '../../core/engine/engine';
import { resolveRun, type ResolvedRun } from '../../core/engine/run-config';
import { runTickBacktestChunks } from '../../core/engine/tick-backtest';
import type { Instrument } from '../../core/market/instrument';
import { TIMEFRAME_MS, type Timeframe } from '../../core/market/timeframes';
import { stringifyJsonSafe } from '../../core/report/json-safe';
import { computeReport, type Report } from '../../core/report/report';
import { tradeLevels } from '../../core/report/trade-levels';
import type { StrategyDefinition } from '../../core/strategy/types';
import { saveBacktestRun } from '../store/backtest-runs';
import { HOUR_MS, type Store } from '../store/store';
import { prefetchTickHours } from '../store/tick-hours-prefetch';

export type BacktestMode = 'bars' | 'ticks';
export type BacktestPhase = 'loading' | 'running' | 'saving';

export interface StoredBacktestRequest {
  readonly definition: StrategyDefinition;
  /** Flat settings in seed 003 keys: strategy parameters, feature, execution and run keys. */
  readonly settings: Record<string, unknown>;
  readonly instrument: Instrument;
  readonly mode: BacktestMode;
  /** Bar mode: the stored bars' timeframe to run on (default 1m); klines import at their own. */
  readonly timeframe?: Timeframe;
  readonly fromTs: number;
  /** Exclusive. */
  readonly toTs: number;
  /** Keep the run in the store (default true). */
  readonly save?: boolean;
  /** Called as the run advances: a phase and, while running, the share done (0..1). */
  readonly onProgress?: (phase: BacktestPhase, fraction: number) => void;
  /** Clock for the run's creation time. */
  readonly now?: () => number;
}

export interface StoredBacktestResult {
  readonly run: ResolvedRun;
  readonly engine: Engine;
  readonly report: Report;
  /** The JSON the CLI prints and writes with `--report x.json`. */
  readonly json: string;
  /** The saved run's id, or null when not saved. */
  readonly runId: number | null;
}

/** Throws RunConfigError for bad settings and Error when the store has no data for the range. */
export function runStoredBacktest(store: Store, request: StoredBacktestRequest): StoredBacktestResult {
  const { definition, instrument, mode, fromTs, toTs, onProgress } = request;
  if (!(toTs > fromTs)) throw new Error('the range must end after it starts');
  onProgress?.('loading', 0);
  const instrumentId = store.ensureInstrument(instrument);
  const funding = store.loadFunding(instrumentId, fromTs, toTs).map((f) => ({ ts: f.ts, rate: f.rate }));
  const timeframe = request.timeframe ?? '1m';
  const run = resolveRun(definition, request.settings, instrument, mode, funding, timeframe);
  const progress = (done: number, total: number): void => onProgress?.('running', done / Math.max(1, total));
  let engine: Engine;
  if (mode === 'bars') {
    const bars = store.loadBarColumns(instrumentId, TIMEFRAME_MS[timeframe] / 1000, fromTs, toTs);
    if (bars.length === 0) throw new Error(`no ${timeframe} bars stored for ${instrument.venue}:${instrument.symbol} in that range: import or fetch them first`);
    onProgress?.('running', 0);
    engine = runBarBacktest(bars, run.options, progress);
  } else {
    if (!store.hasTicks(instrumentId, 'trade', fromTs, toTs) || !store.hasTicks(instrumentId, 'quote', fromTs, toTs)) {
      throw new Error('tick mode needs stored trades and quotes in that range: import or capture them first');
    }
    onProgress?.('running', 0);
    // Hour blocks streamed from the store, read and decoded on a loader thread ahead of the
    // engine: a long range is never held in memory whole, and reading overlaps running.
    const hours = Math.max(1, Math.ceil((toTs - Math.floor(fromTs / HOUR_MS) * HOUR_MS) / HOUR_MS));
    let hour = 0;
    engine = runTickBacktestChunks(prefetchTickHours(store, instrumentId, fromTs, toTs), run.options, () => progress(++hour, hours));
  }
  const report = computeReport({
    trades: [...engine.trades()],
    equity: [...engine.equity()],
    startingBalance: run.options.broker.initialBalance,
    startTs: fromTs,
    endTs: Math.min(toTs, Math.max(fromTs, engine.span().endTs)),
  });
  const json = stringifyJsonSafe({ strategy: definition.id, params: run.params, settings: run.settings, mode, timeframe, from: fromTs, to: toTs, report });
  let runId: number | null = null;
  if (request.save ?? true) {
    onProgress?.('saving', 1);
    runId = saveBacktestRun(store, {
      createdAt: (request.now ?? Date.now)(),
      strategy: definition.id,
      params: run.params,
      instrumentId,
      mode,
      timeframe,
      fromTs,
      toTs,
      // `run` and the settings as given let a listed run be shown and compared like a fresh one.
      metricsJson: stringifyJsonSafe({ trades: report.trades, risk: report.risk, spread: report.spread, run: report.run, settings: request.settings }),
      trades: engine.trades(),
      equity: engine.equity(),
      levels: tradeLevels(engine.events(), instrument.tickSize),
    });
  }
  return { run, engine, report, json, runId };
}
