// `auctioneer sweep`: a parameter grid (seed 003 §12.3: slippage 0 vs 1 tick, taker vs maker,
// alpha_bin, accept_outside_k...) run as bar-mode backtests across worker threads sharing the
// stored bars, printed as a table sorted by net profit.

import type { Command } from 'commander';
import { availableParallelism } from 'node:os';
import { resolve } from 'node:path';
import { Worker } from 'node:worker_threads';
import { FeatureConfigSchema } from '../../core/features/config';
import { formatTable } from '../../core/report/format';
import { BUILT_IN_STRATEGIES } from '../../core/strategy/registry';
import { findStrategy, formatLoadErrors } from '../strategies/resolve-strategy';
import { SweepResultSchema, type SweepJob, type SweepResult } from '../workers/sweep-protocol';
import { workerEntry } from '../workers/worker-entry';
import { parseTime } from './fetch-command';
import { openStore, resolveInstrument } from './import-command';
import { loadYamlConfig } from './load-config';
import { integerOption } from './options';
import { createProgress } from './progress';

interface SweepOptions {
  strategy: string;
  from: number;
  to: number;
  grid?: string[];
  config?: string;
  db?: string;
  instrument: string;
  tickSize?: string;
  workers?: number;
  json?: boolean;
  strategiesDir?: string;
}

/** "key=v1,v2,v3" per axis; values parse as JSON where they can. */
export function parseGrid(axes: readonly string[]): Array<Record<string, unknown>> {
  let combos: Array<Record<string, unknown>> = [{}];
  for (const axis of axes) {
    const eq = axis.indexOf('=');
    if (eq <= 0) throw new Error(`--grid takes key=v1,v2,..., found "${axis}"`);
    const key = axis.slice(0, eq);
    const values = axis
      .slice(eq + 1)
      .split(',')
      .map((v) => {
        try {
          return JSON.parse(v) as unknown;
        } catch {
          return v;
        }
      });
    combos = combos.flatMap((c) => values.map((v) => ({ ...c, [key]: v })));
  }
  return combos;
}

function shared(column: ArrayLike<number>): Float64Array {
  const out = new Float64Array(new SharedArrayBuffer(column.length * 8));
  out.set(column);
  return out;
}

export function registerSweepCommand(program: Command): void {
  program
    .command('sweep')
    .description('run a parameter grid of bar-mode backtests across worker threads and compare them')
    .requiredOption('--strategy <id>', `strategy: ${BUILT_IN_STRATEGIES.map((s) => s.id).join(', ')}, or one of yours (see \`auctioneer strategies\`)`)
    .requiredOption('--from <time>', 'start, ISO date or UTC ms', parseTime('--from'))
    .requiredOption('--to <time>', 'end (exclusive), ISO date or UTC ms', parseTime('--to'))
    .option('--strategies-dir <path>', "folder of your own strategy files (default: the desktop app's strategies folder)")
    .option('--grid <key=v1,v2...>', 'one axis of the grid (repeatable); the runs are every combination', (v: string, acc: string[] = []) => [...acc, v])
    .option('--config <file.yaml>', 'base settings (seed 003 keys) every run starts from')
    .option('--db <path>', "store (default: the desktop app's)")
    .option('--instrument <venue:symbol>', 'instrument', 'binanceusdm:BTCUSDT')
    .option('--tick-size <size>', 'tick size, for an instrument Auctioneer does not know')
    .option('--workers <n>', 'worker threads (default: the machine\'s cores)', integerOption('--workers', 1, 64))
    .option('--json', 'print the results as JSON')
    .action(async (opts: SweepOptions) => {
      const found = await findStrategy(opts.strategy, opts.strategiesDir);
      for (const line of formatLoadErrors(found.errors)) console.error(line);
      const definition = found.definition;
      if (!definition) throw new Error(`unknown strategy "${opts.strategy}"; one of: ${found.available.join(', ')}`);
      const base = opts.config ? (loadYamlConfig(resolve(opts.config), FeatureConfigSchema) as Record<string, unknown>) : {};
      const combos = parseGrid(opts.grid ?? []).map((c) => ({ ...base, ...c }));
      const instrument = resolveInstrument(opts.instrument, opts.tickSize);
      const store = openStore(opts.db);
      let bars;
      try {
        bars = store.loadBarColumns(store.ensureInstrument(instrument), 60, opts.from, opts.to);
      } finally {
        store.close();
      }
      if (bars.length === 0) throw new Error('no 1m bars stored in that range: import or fetch them first');
      const sharedBars = {
        length: bars.length,
        ts: shared(bars.ts),
        open: shared(bars.open),
        high: shared(bars.high),
        low: shared(bars.low),
        close: shared(bars.close),
        volume: shared(bars.volume),
        buyVolume: shared(bars.buyVolume),
        sellVolume: shared(bars.sellVolume),
      };
      const workerCount = Math.min(opts.workers ?? availableParallelism(), combos.length);
      // A trader's strategy travels as the bundle checked above: workers need no esbuild.
      const userStrategy = found.user ? { file: found.user.file, code: found.user.code, ...(found.user.map !== undefined ? { map: found.user.map } : {}) } : undefined;
      const file = await workerEntry('sweep-worker');
      const progress = createProgress('sweep', combos.length, { json: opts.json ?? false });
      const results: Array<SweepResult & { type: 'result' }> = [];
      const errors: Array<{ index: number; message: string }> = [];
      const started = performance.now();
      await Promise.all(
        Array.from({ length: workerCount }, (_, w) => {
          const runs = combos.flatMap((settings, index) => (index % workerCount === w ? [{ index, settings }] : []));
          return new Promise<void>((done, fail) => {
            const worker = new Worker(file);
            worker.on('message', (raw: unknown) => {
              const m = SweepResultSchema.safeParse(raw);
              if (!m.success) return fail(new Error(`sweep worker sent a bad message: ${m.error.message}`));
              if (m.data.type === 'result') results.push(m.data);
              else if (m.data.type === 'error') errors.push({ index: m.data.index, message: m.data.message });
              else {
                void worker.terminate();
                return done();
              }
              progress.update(results.length + errors.length);
            });
            worker.on('error', fail);
            const job: SweepJob = { type: 'job', strategyId: definition.id, ...(userStrategy ? { userStrategy } : {}), instrumentKey: `${instrument.venue}:${instrument.symbol}`, tickSize: instrument.tickSize, bars: sharedBars, startTs: opts.from, endTs: opts.to, runs };
            worker.postMessage(job);
          });
        }),
      );
      const seconds = (performance.now() - started) / 1000;
      progress.finish(`${results.length} runs in ${seconds.toFixed(1)} s on ${workerCount} worker${workerCount > 1 ? 's' : ''}`);
      results.sort((a, b) => b.netProfit - a.netProfit);
      if (opts.json) {
        console.log(JSON.stringify({ runs: results.map((r) => ({ settings: combos[r.index], ...r })), errors, seconds, workers: workerCount }));
      } else {
        const keys = [...new Set(combos.flatMap((c) => Object.keys(c)))].filter((k) => !(k in base) || combos.some((c) => c[k] !== base[k]));
        const fmt = (x: number | null, d = 2): string => (x === null ? 'n/a' : x.toFixed(d));
        console.log(
          formatTable(
            [...keys, 'trades', 'net profit', 'win rate', 'profit factor', 'max DD %', 'sharpe', 'fees'],
            results.map((r) => [...keys.map((k) => JSON.stringify(combos[r.index]?.[k])), String(r.trades), fmt(r.netProfit), r.winRate === null ? 'n/a' : `${(r.winRate * 100).toFixed(1)}%`, fmt(r.profitFactor), fmt(r.maxDrawdownPct), fmt(r.sharpe), fmt(r.fees)]),
          ),
        );
        for (const e of errors) console.error(`auctioneer: run ${JSON.stringify(combos[e.index])} failed: ${e.message}`);
      }
      if (errors.length > 0) process.exitCode = 1;
    });
}
