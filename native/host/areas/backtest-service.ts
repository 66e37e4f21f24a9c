// Backtests run from the app: the strategies and their parameter schemas, the stored ranges,
// runs in a worker thread (the same runStoredBacktest as `auctioneer backtest`, so the metrics
// are the CLI's), progress and cancel, and the runs the store keeps (CLI runs included).

import { randomUUID } from 'node:crypto';
import { Worker } from 'node:worker_threads';
import { z } from 'zod';
import type { AreaHandlers } from '../../../core/api/areas/area';
import {
  MAX_CHART_BARS,
  type BacktestProgress,
  type BacktestRunSummary,
  type backtestRequests,
} from '../../../core/api/areas/backtest';
import { ExecutionConfigSchema } from '../../../core/broker/config';
import { resolveRun, RunConfigError } from '../../../core/engine/run-config';
import { minuteBarsFromTrades } from '../../../core/market/bar-columns';
import type { Instrument } from '../../../core/market/instrument';
import { findInstrument } from '../../../core/market/instruments';
import { TIMEFRAME_MS, TIMEFRAMES, type Timeframe } from '../../../core/market/timeframes';
import { analyseEquity, equityCurve } from '../../../core/report/equity';
import type { NonFiniteTag } from '../../../core/report/json-safe';
import { strategyById } from '../../../core/strategy/registry';
import { listBacktestRuns, loadBacktestRun, loadRunEquity, loadRunTradesWithLevels, type SavedRun } from '../../store/backtest-runs';
import { barCalendar, tickCalendar } from '../../store/calendar';
import type { Store } from '../../store/store';
import { jsonSchemaOf, strategyCatalog } from '../../strategies/strategy-catalog';
import { loadUserStrategies, type UserStrategy } from '../../strategies/user-strategies';
import { BacktestWorkerMessageSchema, type BacktestJob } from '../../workers/backtest-protocol';
import { workerEntry } from '../../workers/worker-entry';
import { NotFoundError } from '../dispatch';
import type { AreaContext, AreaService } from './area-service';

type Handlers = AreaHandlers<typeof backtestRequests>;

export interface BacktestServiceOptions {
  /** The traders' strategies folder (default: the app data folder's strategies/, when it exists). */
  readonly strategiesDir?: string;
  /** The bundled worker, dist/native/backtest-worker.mjs (found beside the CLI bundle otherwise). */
  readonly workerFile?: string;
}

interface Job {
  progress: BacktestProgress;
  readonly worker: Worker;
}

const FINISHED = new Set<BacktestProgress['state']>(['done', 'failed', 'cancelled']);

/** A saved run's metrics JSON (stringifyJsonSafe: the body plus a `nonFinite` map) as the API carries it. */
function splitMetrics(raw: unknown): { value: Record<string, unknown>; nonFinite: Record<string, NonFiniteTag> } {
  const body = (typeof raw === 'object' && raw !== null ? raw : {}) as Record<string, unknown>;
  const value = Object.fromEntries(Object.entries(body).filter(([k]) => k !== 'nonFinite' && k !== 'settings'));
  const nonFinite = body['nonFinite'];
  return { value, nonFinite: (typeof nonFinite === 'object' && nonFinite !== null ? nonFinite : {}) as Record<string, NonFiniteTag> };
}

function summary(run: SavedRun): BacktestRunSummary {
  const metrics = run.metrics as Record<string, unknown> | null;
  const settings = metrics && typeof metrics['settings'] === 'object' && metrics['settings'] !== null ? (metrics['settings'] as Record<string, unknown>) : null;
  return {
    id: run.id,
    createdAt: run.createdAt,
    strategy: run.strategy,
    mode: run.mode,
    timeframe: run.timeframe,
    instrument: run.instrument,
    tickSize: run.tickSize,
    fromTs: run.fromTs,
    toTs: run.toTs,
    params: run.params,
    settings,
    metrics: splitMetrics(run.metrics),
  };
}

export class BacktestService implements AreaService<Handlers> {
  readonly handlers: Handlers;
  private readonly jobs = new Map<string, Job>();

  constructor(
    private readonly context: AreaContext,
    private readonly options: BacktestServiceOptions = {},
  ) {
    this.handlers = {
      'backtest.strategies': async () => this.strategies(),
      'backtest.ranges': async () => this.ranges(),
      'backtest.start': async (params) => this.start(params),
      'backtest.cancel': async ({ jobId }) => ({ cancelled: await this.cancel(jobId) }),
      'backtest.jobs': async () => ({ jobs: [...this.jobs.values()].map((j) => j.progress) }),
      'backtest.runs': async ({ limit }) => ({ runs: listBacktestRuns(this.store(), limit).map(summary) }),
      'backtest.run': async ({ id }) => this.run(id),
      'backtest.bars': async ({ instrument, fromTs, toTs, timeframe }) => this.bars(instrument, fromTs, toTs, timeframe),
    };
  }

  async dispose(): Promise<void> {
    await Promise.all([...this.jobs.keys()].map((id) => this.cancel(id)));
  }

  private store(): Store {
    const store = this.context.store;
    if (!store) throw new NotFoundError('this app has no store: backtests need stored history');
    return store;
  }

  private async strategies(): Promise<z.output<(typeof backtestRequests)['backtest.strategies']['result']>> {
    const catalog = await strategyCatalog(this.options.strategiesDir);
    return { strategies: catalog.listings, errors: catalog.errors, executionSchema: jsonSchemaOf(ExecutionConfigSchema) ?? {} };
  }

  private async ranges(): Promise<z.output<(typeof backtestRequests)['backtest.ranges']['result']>> {
    const store = this.context.store;
    if (!store) return { instruments: [] };
    return {
      instruments: store
        .instruments()
        .map((i) => ({
          instrument: `${i.venue}:${i.symbol}`,
          tickSize: i.tickSize,
          bars: TIMEFRAMES.map((timeframe) => ({
            timeframe,
            days: barCalendar(store, i.id, TIMEFRAME_MS[timeframe] / 1000).map((d) => ({ dayTs: d.dayTs, firstTs: d.firstTs, lastTs: d.lastTs, count: d.bars })),
          })).filter((b) => b.days.length > 0),
          tickDays: tickCalendar(store, i.id).map((d) => ({ dayTs: d.dayTs, firstTs: d.firstTs, lastTs: d.lastTs, count: d.trades, quotes: d.quotes })),
        }))
        .filter((i) => i.bars.length > 0 || i.tickDays.length > 0),
    };
  }

  /** The instrument as the CLI resolves it: a known one by key, with the store's tick size. */
  private instrument(key: string): Instrument {
    const stored = this.store()
      .instruments()
      .find((i) => `${i.venue}:${i.symbol}` === key);
    const known = findInstrument(key);
    if (known) return stored ? { ...known, tickSize: stored.tickSize } : known;
    if (!stored) throw new NotFoundError(`the store holds nothing for instrument "${key}"`);
    return { venue: stored.venue, symbol: stored.symbol, tickSize: stored.tickSize, contractSize: 1, sizeStep: 1e-8, takerFeeBps: 0, makerFeeBps: 0, fundingIntervalHours: 0 };
  }

  private async start(params: z.output<(typeof backtestRequests)['backtest.start']['params']>): Promise<{ jobId: string }> {
    const store = this.store();
    if (store.path === ':memory:' || store.path === '') throw new Error('backtests from the app need a store file (an in-memory store cannot be shared with the worker)');
    let definition = strategyById(params.strategy);
    let user: UserStrategy | undefined;
    if (!definition) {
      user = (await loadUserStrategies(this.options.strategiesDir)).loaded.find((u) => u.definition.id === params.strategy);
      definition = user?.definition;
    }
    if (!definition) throw new NotFoundError(`unknown strategy "${params.strategy}"`);
    const instrument = this.instrument(params.instrument);
    // Bad settings are refused here, before a worker starts, with the CLI's own message.
    try {
      resolveRun(definition, params.settings, instrument, params.mode, [], params.timeframe);
    } catch (error) {
      if (error instanceof RunConfigError) throw new Error(`settings: ${error.message}`);
      throw error;
    }
    const jobId = randomUUID();
    const job: BacktestJob = {
      type: 'job',
      dbPath: store.path,
      strategyId: definition.id,
      ...(user ? { userStrategy: { file: user.file, code: user.code, ...(user.map !== undefined ? { map: user.map } : {}) } } : {}),
      instrument: { ...instrument },
      settings: params.settings,
      mode: params.mode,
      timeframe: params.timeframe,
      fromTs: params.fromTs,
      toTs: params.toTs,
    };
    const worker = new Worker(await workerEntry('backtest-worker', this.options.workerFile));
    const entry: Job = { worker, progress: { jobId, strategy: definition.id, mode: params.mode, state: 'queued', fraction: 0 } };
    this.jobs.set(jobId, entry);
    const update = (next: Partial<BacktestProgress>): void => {
      if (FINISHED.has(entry.progress.state)) return;
      entry.progress = { ...entry.progress, ...next };
      this.context.emit('backtest.progress', entry.progress);
      if (FINISHED.has(entry.progress.state)) {
        this.jobs.delete(jobId);
        void worker.terminate();
      }
    };
    worker.on('message', (raw: unknown) => {
      const m = BacktestWorkerMessageSchema.safeParse(raw);
      if (!m.success) return update({ state: 'failed', message: `the backtest worker sent a bad message: ${m.error.message}` });
      const msg = m.data;
      if (msg.type === 'progress') update({ state: msg.phase, fraction: msg.phase === 'saving' ? 1 : msg.fraction });
      else if (msg.type === 'done') update({ state: 'done', fraction: 1, runId: msg.runId });
      else update({ state: 'failed', message: msg.message });
    });
    worker.on('error', (error) => update({ state: 'failed', message: error.message }));
    worker.on('exit', (code) => update({ state: 'failed', message: `the backtest worker stopped (exit code ${code})` }));
    this.context.emit('backtest.progress', entry.progress);
    worker.postMessage(job);
    return { jobId };
  }

  /** Stops a run that has not started saving (a half-written run is never left in the store). */
  private async cancel(jobId: string): Promise<boolean> {
    const job = this.jobs.get(jobId);
    if (!job || job.progress.state === 'saving') return false;
    job.progress = { ...job.progress, state: 'cancelled' };
    this.jobs.delete(jobId);
    await job.worker.terminate();
    this.context.emit('backtest.progress', job.progress);
    return true;
  }

  private async run(id: number): Promise<z.output<(typeof backtestRequests)['backtest.run']['result']>> {
    const store = this.store();
    const saved = loadBacktestRun(store, id);
    if (!saved) throw new NotFoundError(`no backtest run ${id}`);
    const points = loadRunEquity(store, id);
    const start = (splitMetrics(saved.metrics).value['run'] as { startingBalance?: number } | undefined)?.startingBalance ?? points[0]?.equity ?? 0;
    const trades = loadRunTradesWithLevels(store, id);
    const series =
      start > 0
        ? analyseEquity(equityCurve(points, [], start, saved.fromTs, Math.max(saved.fromTs, points[points.length - 1]?.ts ?? saved.fromTs)), saved.toTs).series
        : points.map((p) => ({ ts: p.ts, equity: p.equity, drawdownPct: 0, drawdownAbs: 0 }));
    return {
      summary: summary(saved),
      equity: { ts: series.map((p) => p.ts), equity: series.map((p) => p.equity), drawdownPct: series.map((p) => p.drawdownPct) },
      trades: trades.map((t) => ({
        seq: t.seq,
        side: t.side,
        qty: t.qty,
        entryTs: t.entryTs,
        entryPrice: t.entryPx,
        exitTs: t.exitTs,
        exitPrice: t.exitPx,
        stop: t.stopPx,
        finalStop: t.finalStopPx,
        targets: t.targets,
        fees: t.fees,
        funding: t.funding,
        netPnl: t.pnl,
        tag: t.tag,
      })),
    };
  }

  private bars(key: string, fromTs: number, toTs: number, timeframe: Timeframe): z.output<(typeof backtestRequests)['backtest.bars']['result']> {
    const store = this.store();
    const stored = store.instruments().find((i) => `${i.venue}:${i.symbol}` === key);
    if (!stored) throw new NotFoundError(`the store holds nothing for instrument "${key}"`);
    const storedBars = store.loadBarColumns(stored.id, TIMEFRAME_MS[timeframe] / 1000, fromTs, toTs);
    // Ticks stored without their bars (tick-only imports): the 1m candles from the trades themselves.
    const c = storedBars.length > 0 || timeframe !== '1m' ? storedBars : minuteBarsFromTrades(store.loadTrades(stored.id, fromTs, toTs));
    const n = Math.min(c.length, MAX_CHART_BARS);
    const px = (col: ArrayLike<number>): number[] => Array.from({ length: n }, (_, i) => (col[i] as number) * stored.tickSize);
    return { ts: Array.from(c.ts.subarray(0, n)), open: px(c.open), high: px(c.high), low: px(c.low), close: px(c.close), volume: Array.from(c.volume.subarray(0, n)) };
  }
}
