// Tick-mode backtest end to end from the store: a day of simulated BTCUSDT perpetual ticks
// (~2M trades + ~8M quotes) written to a real SQLite store file as hourly columnar blocks, then
// timed from opening the file through streaming the hour blocks (read and decoded on the loader
// thread ahead of the engine, as `auctioneer backtest` and the app read them), the feature
// stream, the seed 003 setups, the defense layer and the tick-mode paper broker to the closed
// trades. Wall time: on a machine busy with other work the loader thread's overlap shrinks, so
// the one-thread figure and each way's process CPU time are printed beside it.

import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEFAULT_BROKER_CONFIG } from '../../core/broker/config';
import { runTickBacktestChunks } from '../../core/engine/tick-backtest';
import { FeatureConfigSchema } from '../../core/features/config';
import { BTCUSDT_PERP } from '../../core/market/instrument';
import { buildDefense, DefenseConfigSchema } from '../../core/strategy/defense/config';
import { Seed003ParamsSchema } from '../../core/strategy/seed003/params';
import { seed003ValueAreaSetups } from '../../core/strategy/seed003/value-area-setups';
import { Store } from '../../native/store/store';
import { prefetchTickHours } from '../../native/store/tick-hours-prefetch';
import { storeSimulatedTicks } from '../../tests/support/sim-store';
import { report } from './report';

const TRADES = 2_000_000;
const START = Date.UTC(2026, 0, 5);
const dir = mkdtempSync(join(tmpdir(), 'auctioneer-bench-backtest-'));
const file = join(dir, 'day.db');
const setup = Store.open(file);
storeSimulatedTicks(setup, TRADES, 2, START);
const id = setup.ensureInstrument(BTCUSDT_PERP);
const span = setup.coverage(id);
setup.close();
const from = Math.min(...span.map((c) => c.firstTs));
const to = Math.max(...span.map((c) => c.lastTs)) + 1;
const quoteCount = span.filter((c) => c.kind === 'quote').reduce((s, c) => s + c.count, 0);
const events = TRADES + quoteCount;

// The same run with the hours read on the engine's own thread (Store.tickHours), interleaved with
// the loader-thread runs in this one process: what the loader thread gains on this machine now.
const best = { loader: Infinity, oneThread: Infinity };
const cpu = { loader: Infinity, oneThread: Infinity };
let closedTrades = 0;
let counted = 0;
for (let r = 0; r < 6; r++) {
  const way = r % 2 === 0 ? 'loader' : 'oneThread';
  const started = performance.now();
  const cpuBefore = process.cpuUsage();
  const store = Store.open(file);
  const storeId = store.ensureInstrument(BTCUSDT_PERP);
  let seen = 0;
  const hours = way === 'loader' ? prefetchTickHours(store, storeId, from, to) : store.tickHours(storeId, from, to);
  const engine = runTickBacktestChunks(hours, {
    instrument: BTCUSDT_PERP,
    strategy: seed003ValueAreaSetups.create(Seed003ParamsSchema.parse({})),
    historyMinutes: 30,
    features: FeatureConfigSchema.parse({ base_bin_ticks: 1 }),
    defense: buildDefense(DefenseConfigSchema.parse({})),
    risk: { sizing: { kind: 'fixed', contracts: 0.1 }, minRewardRisk: null },
    broker: { ...DEFAULT_BROKER_CONFIG, mode: 'tick', funding: { kind: 'flat', ratePer8h: 0.0001 } },
    maxHoldMinutes: 60,
  }, (done) => (seen = done));
  closedTrades = engine.trades().length;
  store.close();
  best[way] = Math.min(best[way], performance.now() - started);
  const used = process.cpuUsage(cpuBefore);
  cpu[way] = Math.min(cpu[way], (used.user + used.system) / 1000);
  counted = seen;
}
if (counted !== events) throw new Error(`streamed ${counted} events, the store holds ${events}`);
const sizeMb = statSync(file).size / 1e6;
rmSync(dir, { recursive: true, force: true });
const workload = (how: string, way: keyof typeof best): string =>
  `${(TRADES / 1e6).toFixed(1)}M trades + ${(quoteCount / 1e6).toFixed(1)}M quotes (${((to - from) / 3_600_000).toFixed(1)} h of the simulated perpetual) in a ${sizeMb.toFixed(0)} MB SQLite store file; timed from opening the file: hour blocks streamed and decoded ${how}, streaming features, seed 003 setups, defense layer, tick-mode paper broker; ${closedTrades} trades; best of 3 by wall time; process CPU (all threads) ${cpu[way].toFixed(0)} ms, best of 3`;
report({
  name: 'backtest.ticks_seed003_from_store',
  value: events / (best.loader / 1000),
  unit: 'events/s',
  workload: workload('on the loader thread', 'loader'),
  target: '>= 10M events/s',
});
report({
  name: 'backtest.ticks_seed003_from_store_one_thread',
  value: events / (best.oneThread / 1000),
  unit: 'events/s',
  workload: workload('on the engine thread (no loader thread)', 'oneThread'),
});
