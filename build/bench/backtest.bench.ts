// Backtests: one year of 1m bars in bar mode with the rolling 4h value area and the seed 003
// setups; and a tick-mode run (trades + quotes) through the same engine.

import { DEFAULT_BROKER_CONFIG } from '../../core/broker/config';
import { FeatureConfigSchema } from '../../core/features/config';
import { runBarBacktest } from '../../core/engine/bar-backtest';
import { rollingProfileSettings } from '../../core/features/settings';
import { RollingProfile } from '../../core/profile/rolling-profile';
import type { EngineOptions } from '../../core/engine/engine';
import { runTickBacktest } from '../../core/engine/tick-backtest';
import { BTCUSDT_PERP } from '../../core/market/instrument';
import { buildDefense, DefenseConfigSchema } from '../../core/strategy/defense/config';
import { Seed003ParamsSchema } from '../../core/strategy/seed003/params';
import { seed003ValueAreaSetups } from '../../core/strategy/seed003/value-area-setups';
import { simulateColumns } from '../../native/feeds/sim/sim-columns';
import { syntheticBars } from '../../tests/support/synthetic-bars';
import { bestOf, report } from './report';
import { valueAreaKernel } from './value-area-kernel';

function options(mode: 'bar' | 'tick', baseBinTicks: number): EngineOptions {
  return {
    instrument: BTCUSDT_PERP,
    strategy: seed003ValueAreaSetups.create(Seed003ParamsSchema.parse({})),
    historyMinutes: 30,
    features: FeatureConfigSchema.parse({ base_bin_ticks: baseBinTicks }),
    defense: buildDefense(DefenseConfigSchema.parse({})),
    // 0.1 BTC a trade: with 1 BTC the fees alone (5 bp a side at ~65k) empty a 10k account in days
    // and the rest of the year never reaches the broker.
    risk: { sizing: { kind: 'fixed', contracts: 0.1 }, minRewardRisk: null },
    broker: { ...DEFAULT_BROKER_CONFIG, mode, funding: { kind: 'flat', ratePer8h: 0.0001 } },
    maxHoldMinutes: 60,
  };
}

/** A year of 1m bars from a seeded random walk with BTC-like 1m ranges (~15 USD). */
const bars = syntheticBars(525_600, 12345, 160);
for (const baseBin of [10]) {
  let best = Infinity;
  let trades = 0;
  for (let r = 0; r < 3; r++) {
    const started = performance.now();
    trades = runBarBacktest(bars, options('bar', baseBin)).trades().length;
    best = Math.min(best, performance.now() - started);
  }
  report({
    name: 'backtest.bars_1y_seed003',
    value: best / 1000,
    unit: 's',
    workload: `525,600 synthetic 1m bars (seeded random walk, ~16 USD mean range), rolling 4h value area from candles at ${baseBin}-tick base bins, seed 003 setups A/B/C, defense layer, bar-mode paper broker; ${trades} trades; best of 3`,
    target: '< 0.25 s',
  });
}

// The floor under the bar backtest: the seed's rolling 4h value area alone (candles spread over
// 10-tick bins, the window's POC/VAH/VAL by outward expansion after every bar), with no strategy,
// broker or engine. Its total must be summed and the expansion walked bin by bin in order to give
// the seed's exact levels, so this part cannot shrink with the number of bars the way the rest can.
const features = FeatureConfigSchema.parse({ base_bin_ticks: 10 });
let windowBins = 0;
const floorMs = bestOf(3, () => {
  const profile = new RollingProfile(rollingProfileSettings(features));
  windowBins = 0;
  for (let i = 0; i < bars.length; i++) {
    const lo = Math.floor(bars.low[i]! / 10);
    const hi = Math.floor(bars.high[i]! / 10);
    profile.addCandleMinute(bars.ts[i]!, lo, hi, bars.volume[i]! / (hi - lo + 1), bars.close[i]!);
    profile.levels(profile.binWidthState.binTicks);
    windowBins += profile.hi - profile.lo + 1;
  }
});
report({
  name: 'backtest.bars_1y_value_area_only',
  value: floorMs / 1000,
  unit: 's',
  workload: `the same 525,600 bars through the rolling 4h candle profile and its value area after every bar only (no strategy, broker or engine); the window holds ${(windowBins / bars.length).toFixed(0)} bins of 10 ticks on average; best of 3`,
});

// A lower bound under that: the same per-bar value area in the plainest code (value-area-kernel.ts),
// for what an exact rolling value area costs on this machine whatever the engine around it.
const kernelMs = bestOf(5, () => valueAreaKernel(bars, 10, 240, 0.7));
report({
  name: 'backtest.bars_1y_value_area_kernel',
  value: kernelMs / 1000,
  unit: 's',
  workload: 'the least work of an exact rolling 4h value area after each of the same 525,600 bars (flat arrays: add and drop a candle, find the ends, sum, POC, walk out to 70%; value-area-kernel.ts), a lower bound on backtest.bars_1y_value_area_only; best of 5',
});

const TRADES = 1_000_000;
const { trades, quotes } = simulateColumns(BTCUSDT_PERP, TRADES, { keepQuotes: true, overrides: { seed: 2 } });
const events = TRADES + quotes!.length;
let bestTick = Infinity;
let tickTrades = 0;
for (let r = 0; r < 2; r++) {
  const started = performance.now();
  tickTrades = runTickBacktest({ trades, quotes: quotes! }, options('tick', 1)).trades().length;
  bestTick = Math.min(bestTick, performance.now() - started);
}
report({
  name: 'backtest.ticks_seed003_in_memory',
  value: events / (bestTick / 1000),
  unit: 'events/s',
  workload: `${TRADES / 1e6}M trades + ${(quotes!.length / 1e6).toFixed(1)}M quotes of the simulated perpetual (in memory, not yet from the store), streaming features, seed 003 setups, tick-mode paper broker; ${tickTrades} trades; best of 2`,
  target: '>= 10M events/s (from the store)',
});
