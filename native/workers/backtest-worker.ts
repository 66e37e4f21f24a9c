// Backtest worker thread: one run from the app, off the host's main thread so the live chart and
// feed keep flowing. It runs exactly what `auctioneer backtest` runs (runStoredBacktest) on its
// own connection to the store, reporting progress, then the saved run's id.

import { parentPort } from 'node:worker_threads';
import { strategyById } from '../../core/strategy/registry';
import type { StrategyDefinition } from '../../core/strategy/types';
import { runStoredBacktest } from '../backtest/run-stored-backtest';
import { Store } from '../store/store';
import { importStrategyModule } from '../strategies/strategy-module';
import { BacktestJobSchema, type BacktestJob, type BacktestWorkerMessage } from './backtest-protocol';

if (!parentPort) throw new Error('backtest-worker must run in a worker thread');
const port = parentPort;
const send = (m: BacktestWorkerMessage): void => port.postMessage(m);

async function jobStrategy(job: BacktestJob): Promise<StrategyDefinition> {
  const builtIn = strategyById(job.strategyId);
  if (builtIn) return builtIn;
  if (!job.userStrategy) throw new Error(`unknown strategy: ${job.strategyId}`);
  const mod = await importStrategyModule(job.userStrategy.code, job.userStrategy.file, job.userStrategy.map);
  if (!mod.ok) throw new Error(`strategy ${job.userStrategy.file}: ${mod.message}`);
  if (mod.definition.id !== job.strategyId) throw new Error(`strategy ${job.userStrategy.file} defines "${mod.definition.id}", not "${job.strategyId}"`);
  return mod.definition;
}

async function handle(raw: unknown): Promise<void> {
  const job = BacktestJobSchema.parse(raw);
  const definition = await jobStrategy(job);
  const store = Store.open(job.dbPath);
  try {
    let lastSent = -1;
    const result = runStoredBacktest(store, {
      definition,
      settings: job.settings,
      instrument: job.instrument,
      mode: job.mode,
      timeframe: job.timeframe,
      fromTs: job.fromTs,
      toTs: job.toTs,
      onProgress: (phase, fraction) => {
        // At most a hundred messages a run: the host forwards each to every window.
        const step = Math.floor(fraction * 100);
        if (phase === 'running' && step === lastSent) return;
        lastSent = phase === 'running' ? step : lastSent;
        send({ type: 'progress', phase, fraction: Math.min(1, Math.max(0, fraction)) });
      },
    });
    send({ type: 'done', runId: result.runId ?? -1, trades: result.engine.trades().length });
  } finally {
    store.close();
  }
}

port.once('message', (raw: unknown) => {
  handle(raw).catch((error: unknown) => send({ type: 'error', message: error instanceof Error ? error.message : String(error) }));
});
