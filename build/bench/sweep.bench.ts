// `auctioneer sweep` end to end: a 100-run grid of seed 003 bar-mode backtests over 30 days of
// stored 1m bars, as a trader runs it (the CLI process: open the store, share the bars with the
// worker threads, run, gather, print JSON). Reports the wall time of the whole command and the
// runs per second it sustained.

import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { BTCUSDT_PERP } from '../../core/market/instrument';
import { Store, type BarRow } from '../../native/store/store';
import { syntheticBars } from '../../tests/support/synthetic-bars';
import { report } from './report';

// The CLI runs from dist/: build it so the bench measures the code in the tree.
const built = spawnSync(process.execPath, ['build/scripts/build.mjs'], { stdio: ['ignore', 'ignore', 'inherit'] });
if (built.status !== 0) throw new Error('sweep bench: the build failed');

const DAYS = 30;
const bars = syntheticBars(DAYS * 1440, 12345, 160);
const dir = mkdtempSync(join(tmpdir(), 'auctioneer-bench-sweep-'));
const db = join(dir, 'bars.db');
const store = Store.open(db);
const rows: BarRow[] = Array.from({ length: bars.length }, (_, i) => ({
  ts: bars.ts[i]!,
  open: bars.open[i]!,
  high: bars.high[i]!,
  low: bars.low[i]!,
  close: bars.close[i]!,
  volume: bars.volume[i]!,
  buyVolume: bars.buyVolume![i]!,
  sellVolume: bars.sellVolume![i]!,
}));
store.transaction(() => store.upsertBars(store.ensureInstrument(BTCUSDT_PERP), 60, rows, 'bench'));
store.close();

// 5 x 5 x 4 = 100 runs: the confirmation count, the bin width's volatility factor and entry slippage.
const grid = ['accept_outside_k=1,2,3,4,5', 'alpha_bin=0.15,0.2,0.25,0.3,0.35', 'slippage_ticks_entry=0,1,2,3'];
const workers = Math.min(availableParallelism(), 8);
const args = ['build/bin/auctioneer.mjs', 'sweep', '--db', db, '--strategy', 'seed003-value-area', '--from', String(bars.ts[0]), '--to', String(bars.ts[bars.length - 1]! + 60_000), ...grid.flatMap((g) => ['--grid', g]), '--workers', String(workers), '--json'];

let bestWall = Infinity;
let bestSweep = Infinity;
let trades = 0;
for (let r = 0; r < 2; r++) {
  const started = performance.now();
  const run = spawnSync(process.execPath, args, { encoding: 'utf8', maxBuffer: 64 << 20 });
  const wall = (performance.now() - started) / 1000;
  if (run.status !== 0) throw new Error(`sweep bench: auctioneer sweep exited with ${run.status}: ${run.stderr}`);
  const out = JSON.parse(run.stdout) as { runs: Array<{ trades: number }>; errors: unknown[]; seconds: number };
  if (out.runs.length !== 100 || out.errors.length > 0) throw new Error(`sweep bench: ${out.runs.length} runs, ${out.errors.length} errors`);
  trades = out.runs.reduce((s, x) => s + x.trades, 0);
  bestWall = Math.min(bestWall, wall);
  bestSweep = Math.min(bestSweep, out.seconds);
}
rmSync(dir, { recursive: true, force: true });
const workload = `auctioneer sweep, 100-run grid (${grid.join(' x ')}) of seed 003 bar-mode backtests over ${DAYS} days of stored synthetic 1m bars (${bars.length.toLocaleString('en')} bars), ${workers} worker threads; ${trades} trades over all runs; best of 2`;
report({ name: 'sweep.grid_100_runs_wall', value: bestWall, unit: 's', workload: `${workload}; the whole command: process start, store, workers, runs, JSON out` });
report({ name: 'sweep.grid_100_runs_rate', value: 100 / bestWall, unit: 'runs/s', workload: `${workload}; runs per second of the whole command (${(100 / bestSweep).toFixed(1)} runs/s counting only the sweep's own run phase, ${bestSweep.toFixed(2)} s)` });
