// Strategies trading on paper from the app: the same durable PaperRun and runner as
// `auctioneer paper` (one engine), started and stopped from the Strategies screen; their state,
// fills, signals and monitoring log pushed to every window as each batch is committed.

import type { AreaHandlers } from '../../../core/api/areas/area';
import type { RunLogEntry, StrategyRun, strategiesRequests } from '../../../core/api/areas/strategies';
import type { HandlerParams, RequestResult } from '../../../core/api/contract';
import { BTCUSDT_PERP, fromTicks } from '../../../core/market/instrument';
import { BUILT_IN_STRATEGIES } from '../../../core/strategy/registry';
import type { StrategyDefinition } from '../../../core/strategy/types';
import { PaperRun, PaperRunConfigSchema, readRunLog, runOwner, type CommittedBatch } from '../../paper/paper-run';
import { PaperRunner } from '../../paper/paper-runner';
import type { LiveFeedRunner } from '../../paper/live-feed-runner';
import { connectLiveRunner } from '../../paper/live-feed-connect';
import type { Alert } from '../../alerts/alert';
import { feedLabel, fillCount, runFills, signalFromLog, storedAccount, storedRuns, type StoredRun } from '../../paper/run-views';
import { strategyCatalog } from '../../strategies/strategy-catalog';
import { defaultStrategiesDir } from '../../strategies/user-strategies';
import type { Store } from '../../store/store';
import { NotFoundError } from '../dispatch';
import type { AreaContext, AreaService } from './area-service';

const INSTRUMENT = BTCUSDT_PERP;
/** Run state pushes at most this often while nothing else changes (max speed commits constantly). */
const PUSH_MS = 250;

interface Active {
  readonly runner: PaperRunner | LiveFeedRunner;
  readonly definition: StrategyDefinition;
  readonly speed: 'realtime' | 'max';
  lastPush: number;
  fills: number;
}

export class StrategiesService implements AreaService<AreaHandlers<typeof strategiesRequests>> {
  readonly handlers: AreaHandlers<typeof strategiesRequests>;
  private readonly active = new Map<string, Active>();
  /** How each run stopped in this session (an error message, or a clean stop). */
  private readonly ended = new Map<string, { state: 'stopped' | 'error'; message: string; speed: 'realtime' | 'max' }>();

  constructor(
    private readonly context: AreaContext,
    private readonly strategiesDir: string = process.env['AUCTIONEER_STRATEGIES_DIR'] ?? defaultStrategiesDir(),
  ) {
    this.handlers = {
      'strategies.list': async () => {
        const catalog = await strategyCatalog(this.strategiesDir);
        return { strategies: catalog.listings, errors: catalog.errors };
      },
      'strategies.runs': async () => ({ runs: storedRuns(this.store()).map((r) => this.view(r)) }),
      'strategies.start': (params) => this.start(params),
      'strategies.stop': async ({ runId }) => {
        const active = this.active.get(runId);
        if (active) await active.runner.stop();
        return this.view(this.stored(runId));
      },
      'strategies.detail': async ({ runId, logLimit }) => {
        const stored = this.stored(runId);
        const store = this.store();
        return {
          run: this.view(stored),
          fills: runFills(store, runId, INSTRUMENT),
          signals: readRunLog(store, runId, 200, 'signal').flatMap((l) => signalFromLog(l, runId, stored.config.strategy) ?? []),
          log: readRunLog(store, runId, logLimit),
        };
      },
    };
  }

  private store(): Store {
    if (!this.context.store) throw new Error('strategy runs need the app store (start the app with a store)');
    return this.context.store;
  }

  private stored(runId: string): StoredRun {
    const run = storedRuns(this.store()).find((r) => r.name === runId);
    if (!run) throw new NotFoundError(`no strategy run "${runId}"`);
    return run;
  }

  private async start(params: HandlerParams<'strategies.start'>): Promise<StrategyRun> {
    const store = this.store();
    const runId = params.runId ?? `${params.strategyId}-${new Date().toISOString().slice(0, 19).replace(/[-:]/g, '').replace('T', '-')}`;
    if (this.active.has(runId)) throw new Error(`strategy run "${runId}" is already running`);
    const existing = params.runId ? this.stored(params.runId) : null;
    const strategyId = existing?.config.strategy ?? params.strategyId;
    const { definitions } = await strategyCatalog(this.strategiesDir);
    const definition = definitions.find((d) => d.id === strategyId);
    if (!definition) throw new NotFoundError(`unknown strategy "${strategyId}"`);
    const f = params.feed;
    const feed =
      f.kind === 'sim'
        ? { kind: 'sim', seed: f.seed, startTs: Date.now() }
        : { kind: 'ccxt', venue: f.kind, exchange: f.kind === 'exchange' ? f.exchange : 'binanceusdm', symbol: f.kind === 'exchange' ? f.symbol : 'BTC/USDT:USDT' };
    const config = existing?.config ?? PaperRunConfigSchema.parse({ strategy: definition.id, settings: params.settings, feed });
    const recovered: CommittedBatch[] = [];
    const run = PaperRun.open(store, runId, config, definition, (batch) => recovered.push(batch));
    this.ended.delete(runId);
    const speed = f.kind === 'sim' && config.feed.kind === 'sim' ? f.speed : 'realtime';
    const hooks = { raise: (alert: Alert) => this.context.raise(alert), onBatch: (batch: CommittedBatch) => this.onBatch(runId, batch) };
    let runner: PaperRunner | LiveFeedRunner;
    try {
      runner = config.feed.kind === 'sim' ? new PaperRunner(run, { speed, batch: speed === 'max' ? 2_000 : 500, ...hooks }) : await connectLiveRunner(run, config.feed, { seed: 'seed' in f ? f.seed : 1, ...hooks });
    } catch (error) {
      run.close();
      throw error;
    }
    const active: Active = { runner, definition, speed, lastPush: 0, fills: fillCount(store, runId) };
    this.active.set(runId, active);
    for (const batch of recovered) active.runner.report(batch);
    this.context.raise({ kind: 'strategy-start', ts: Date.now(), title: `${definition.name} started (${runId})`, message: `Paper trading on the ${feedLabel(config.feed)} (${speed === 'max' ? 'max speed' : 'real time'}).` });
    void active.runner.done.then((end) => {
      run.close();
      this.active.delete(runId);
      const message = end.reason === 'error' ? end.error.message : '';
      this.ended.set(runId, { state: end.reason === 'error' ? 'error' : 'stopped', message, speed: active.speed });
      const a = run.account();
      this.context.raise({
        kind: 'strategy-stop',
        ts: Date.now(),
        title: `${definition.name} ${end.reason === 'error' ? 'stopped on an error' : 'stopped'} (${runId})`,
        message: end.reason === 'error' ? message : `Balance ${a.balance.toFixed(2)}, equity ${a.equity.toFixed(2)}.`,
      });
      this.push(runId);
    });
    return this.view(this.stored(runId));
  }

  /** A committed batch: its log lines and signals go out at once, the run state at most every PUSH_MS. */
  private onBatch(runId: string, batch: CommittedBatch): void {
    const active = this.active.get(runId);
    if (!active) return;
    const log: RunLogEntry[] = [...batch.log];
    if (log.length > 0) this.context.emit('strategies.log', { runId, entries: log });
    for (const entry of log) {
      const signal = signalFromLog(entry, runId, active.definition.id);
      if (signal) this.context.emit('strategies.signal', signal);
    }
    const filled = batch.events.some((e) => e.type === 'order-filled' || e.type === 'position-changed');
    const now = Date.now();
    if (filled || now - active.lastPush >= PUSH_MS) {
      active.lastPush = now;
      this.push(runId);
    }
  }

  private push(runId: string): void {
    const stored = storedRuns(this.store()).find((r) => r.name === runId);
    if (stored) this.context.emit('strategies.run', this.view(stored));
  }

  private view(r: StoredRun): StrategyRun {
    const active = this.active.get(r.name);
    const ended = this.ended.get(r.name);
    const other = active ? null : runOwner(this.store(), r.name);
    const base = {
      runId: r.name,
      strategyId: r.config.strategy,
      strategyName: active?.definition.name ?? BUILT_IN_STRATEGIES.find((d) => d.id === r.config.strategy)?.name ?? r.config.strategy,
      feed: feedLabel(r.config.feed),
      speed: active?.speed ?? ended?.speed ?? 'realtime',
    };
    if (active) {
      const run = active.runner.run;
      const a = run.account();
      return {
        ...base,
        state: 'running',
        message: '',
        marketTs: Number.isFinite(run.marketTs) ? run.marketTs : null,
        eventsProcessed: run.eventsProcessed,
        account: {
          balance: a.balance,
          equity: a.equity,
          realizedPnl: a.position.realizedPnl,
          unrealizedPnl: a.unrealizedPnl,
          fees: a.position.fees,
          positionQty: a.position.qty,
          avgEntry: a.position.qty !== 0 ? fromTicks(a.position.avgEntry, INSTRUMENT.tickSize) : null,
          fills: fillCount(this.store(), r.name),
        },
      };
    }
    return {
      ...base,
      state: other !== null ? 'running' : (ended?.state ?? 'stopped'),
      message: other !== null ? `running in another process (${other})` : (ended?.message ?? ''),
      marketTs: r.lastTs,
      eventsProcessed: r.eventsProcessed,
      account: storedAccount(this.store(), r.name, INSTRUMENT),
    };
  }

  async dispose(): Promise<void> {
    await Promise.all([...this.active.values()].map((a) => a.runner.stop()));
  }
}

export type StrategiesList = RequestResult<'strategies.list'>;
