// Sweep worker thread: runs its share of a parameter grid as bar-mode backtests over bar
// columns shared with the other workers, and reports each run's headline metrics (in the order
// it runs them: runs sharing feature settings together).

import { parentPort } from 'node:worker_threads';
import { runBarBacktest } from '../../core/engine/bar-backtest';
import { BarFeatureColumns } from '../../core/features/bar-feature-columns';
import { resolveRun } from '../../core/engine/run-config';
import { findInstrument } from '../../core/market/instruments';
import { computeReport } from '../../core/report/report';
import { strategyById } from '../../core/strategy/registry';
import type { StrategyDefinition } from '../../core/strategy/types';
import { importStrategyModule } from '../strategies/strategy-module';
import { SweepJobSchema, type SweepJob, type SweepResult } from './sweep-protocol';

if (!parentPort) throw new Error('sweep-worker must run in a worker thread');
const port = parentPort;
const finite = (x: number | null | undefined): number | null => (typeof x === 'number' && Number.isFinite(x) ? x : null);

/** A built-in by id, else the trader's bundle the job carries; a message when neither works. */
async function jobStrategy(job: SweepJob): Promise<StrategyDefinition | string> {
  const builtIn = strategyById(job.strategyId);
  if (builtIn) return builtIn;
  if (!job.userStrategy) return `unknown strategy: ${job.strategyId}`;
  const mod = await importStrategyModule(job.userStrategy.code, job.userStrategy.file, job.userStrategy.map);
  if (!mod.ok) return `strategy ${job.userStrategy.file}: ${mod.message}`;
  if (mod.definition.id !== job.strategyId) return `strategy ${job.userStrategy.file} defines "${mod.definition.id}", not "${job.strategyId}"`;
  return mod.definition;
}

port.on('message', (raw: unknown) => {
  // The CLI waits for 'done': an unexpected failure must still end the job, not hang the sweep.
  handle(raw).catch((error: unknown) => {
    port.postMessage({ type: 'error', index: -1, message: `sweep worker: ${error instanceof Error ? error.message : String(error)}` } satisfies SweepResult);
    port.postMessage({ type: 'done' } satisfies SweepResult);
  });
});

async function handle(raw: unknown): Promise<void> {
  const parsed = SweepJobSchema.safeParse(raw);
  if (!parsed.success) {
    port.postMessage({ type: 'error', index: -1, message: `sweep worker: bad job: ${parsed.error.message}` } satisfies SweepResult);
    port.postMessage({ type: 'done' } satisfies SweepResult);
    return;
  }
  const job = parsed.data;
  const resolvedStrategy = await jobStrategy(job);
  const definition = typeof resolvedStrategy === 'string' ? undefined : resolvedStrategy;
  const known = findInstrument(job.instrumentKey);
  const instrument = known ? { ...known, tickSize: job.tickSize } : null;
  // Runs whose feature settings agree (most of a grid: strategy parameters, costs) replay one
  // computation of the bars' features, about half of a bar backtest; grouped so that one set of
  // feature columns is held at a time.
  const planned: Array<{ run: (typeof job.runs)[number]; options: ReturnType<typeof resolveRun>['options']; key: string }> = [];
  for (const run of job.runs) {
    try {
      if (typeof resolvedStrategy === 'string') throw new Error(resolvedStrategy);
      if (!definition || !instrument) throw new Error(`unknown strategy or instrument: ${job.strategyId}, ${job.instrumentKey}`);
      const { options } = resolveRun(definition, run.settings, instrument, 'bars');
      planned.push({ run, options, key: JSON.stringify(options.features) });
    } catch (error) {
      port.postMessage({ type: 'error', index: run.index, message: error instanceof Error ? error.message : String(error) } satisfies SweepResult);
    }
  }
  planned.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  let sharedKey: string | null = null;
  let columns: BarFeatureColumns | null = null;
  for (const { run, options, key } of planned) {
    const started = performance.now();
    try {
      if (columns === null || sharedKey !== key) {
        columns = BarFeatureColumns.compute(job.bars, options.features);
        sharedKey = key;
      }
      const engine = runBarBacktest(job.bars, { ...options, barFeatures: columns.replay() });
      const report = computeReport(
        { trades: [...engine.trades()], equity: [...engine.equity()], startingBalance: options.broker.initialBalance, startTs: job.startTs, endTs: job.endTs },
        { equitySeries: false },
      );
      port.postMessage({
        type: 'result',
        index: run.index,
        trades: report.trades.totalTrades,
        netProfit: report.trades.netProfit,
        winRate: finite(report.trades.winRate),
        profitFactor: finite(report.trades.profitFactor),
        maxDrawdownPct: report.risk.maxDrawdown?.pct ?? 0,
        sharpe: finite(report.risk.sharpe),
        fees: report.trades.totalFees,
        ms: performance.now() - started,
      } satisfies SweepResult);
    } catch (error) {
      port.postMessage({ type: 'error', index: run.index, message: error instanceof Error ? error.message : String(error) } satisfies SweepResult);
    }
  }
  port.postMessage({ type: 'done' } satisfies SweepResult);
}
