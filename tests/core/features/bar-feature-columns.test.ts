// Bar features computed once and replayed (a sweep's runs sharing feature settings) give the run
// that computes them as it goes: the same rows, bit for bit, and the same trades, signals,
// equity and broker events; replayed over other bars they are refused.

import { describe, expect, it } from 'vitest';
import { DEFAULT_BROKER_CONFIG } from '../../../core/broker/config';
import { runBarBacktest } from '../../../core/engine/bar-backtest';
import type { EngineOptions } from '../../../core/engine/engine';
import { BarFeatureColumns } from '../../../core/features/bar-feature-columns';
import { BarFeatureStream } from '../../../core/features/bar-feature-stream';
import { FeatureConfigSchema } from '../../../core/features/config';
import { barAt } from '../../../core/market/bar-columns';
import { BTCUSDT_PERP } from '../../../core/market/instrument';
import { buildDefense, DefenseConfigSchema } from '../../../core/strategy/defense/config';
import { Seed003ParamsSchema } from '../../../core/strategy/seed003/params';
import { seed003ValueAreaSetups } from '../../../core/strategy/seed003/value-area-setups';
import { syntheticBars } from '../../support/synthetic-bars';

function options(features: Record<string, unknown>, params: Record<string, unknown>): EngineOptions {
  return {
    instrument: BTCUSDT_PERP,
    strategy: seed003ValueAreaSetups.create(Seed003ParamsSchema.parse(params)),
    historyMinutes: 30,
    features: FeatureConfigSchema.parse(features),
    defense: buildDefense(DefenseConfigSchema.parse({})),
    risk: { sizing: { kind: 'fixed', contracts: 1 }, minRewardRisk: null },
    broker: { ...DEFAULT_BROKER_CONFIG, mode: 'bar', funding: { kind: 'flat', ratePer8h: 0.0001 } },
    maxHoldMinutes: 60,
  };
}

describe('bar features computed once and replayed', () => {
  const bars = syntheticBars(8_000, 4242, 200);

  it('replays exactly the rows BarFeatureStream computes, NaNs and all', () => {
    const config = FeatureConfigSchema.parse({ base_bin_ticks: 10 });
    const replay = BarFeatureColumns.compute(bars, config).replay();
    const stream = new BarFeatureStream(config);
    let nan = 0;
    for (let i = 0; i < bars.length; i++) {
      const bar = barAt(bars, i);
      const want = stream.onBar(bar);
      const got = replay.onBar(bar);
      expect(Object.keys(got.features)).toEqual(Object.keys(want.features));
      for (const key of Object.keys(want.features) as Array<keyof typeof want.features>) {
        if (!Object.is(got.features[key], want.features[key])) expect.fail(`bar ${i} ${key}: ${got.features[key]} vs ${want.features[key]}`);
        if (Number.isNaN(want.features[key])) nan++;
      }
      expect(Object.is(got.cvd, want.cvd)).toBe(true);
      expect(got.bar).toBe(bar);
    }
    // The synthetic bars carry no order flow: those columns are NaN, and still compared.
    expect(nan).toBeGreaterThan(bars.length);
  });

  for (const [features, params] of [
    [{ base_bin_ticks: 10 }, {}],
    [{ base_bin_ticks: 10, alpha_bin: 0.35 }, { accept_outside_k: 1, breakout_retest: true }],
    [{ base_bin_ticks: 5, rolling_window_minutes: 120 }, { accept_outside_k: 4 }],
  ] as const) {
    it(`a backtest on replayed features equals one computing them (${JSON.stringify(features)}, ${JSON.stringify(params)})`, () => {
      const computing = runBarBacktest(bars, options(features, params));
      const o = options(features, params);
      const replaying = runBarBacktest(bars, { ...o, barFeatures: BarFeatureColumns.compute(bars, o.features).replay() });
      expect(computing.trades().length).toBeGreaterThan(5);
      expect(replaying.trades()).toEqual(computing.trades());
      expect(replaying.signals()).toEqual(computing.signals());
      expect(replaying.equity()).toEqual(computing.equity());
      expect(replaying.events()).toEqual(computing.events());
    });
  }

  it('refuses to replay over other bars, and past the last one', () => {
    const config = FeatureConfigSchema.parse({});
    const columns = BarFeatureColumns.compute({ ...bars, length: 10 }, config);
    const other = syntheticBars(10, 1, 200);
    expect(() => columns.replay().onBar({ ...barAt(other, 0), ts: barAt(bars, 0).ts + 60_000 })).toThrow(/is not bar 0 of the precomputed ones/);
    const replay = columns.replay();
    for (let i = 0; i < 10; i++) replay.onBar(barAt(bars, i));
    expect(() => replay.onBar(barAt(bars, 10))).toThrow(/is not bar 10/);
  });
});
