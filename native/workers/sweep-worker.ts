// Sweep worker thread: runs its share of a parameter grid as bar-mode backtests over bar
// columns shared with the other workers, and reports each run's headline metrics.

import { parentPort } from 'node:worker_threads';
import { runBarBacktest } from '../../core/engine/bar-backtest';
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
  for (const run of job.runs) {
    const started = performance.now();
    try {
      if (typeof resolvedStrategy === 'string') throw new Error(resolvedStrategy);
      if (!definition || !instrument) throw new Error(`unknown strategy or instrument: ${job.strategyId}, ${job.instrumentKey}`);
      const resolved = resolveRun(definition, run.settings, instrument, 'bars');
      const engine = runBarBacktest(job.bars, resolved.options);
      const report = computeReport({ trades: [...engine.trades()], equity: [...engine.equity()], startingBalance: resolved.options.broker.initialBalance, startTs: job.startTs, endTs: job.endTs });
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
