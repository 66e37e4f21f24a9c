// Seed 002 Trend Model on a hand-built breakout, impulse leg and pullback: the entry, its mirror,
// and the near misses.

import { describe, expect, it } from 'vitest';
import type { Bar } from '../../../core/market/bars';
import { TrendModelParamsSchema } from '../../../core/strategy/seed002/params';
import { seed002TrendModel as def } from '../../../core/strategy/seed002/trend-model';
import type { Intent, Strategy } from '../../../core/strategy/types';
import { featureRow, runBars } from './strategy-harness';

// Value area of every minute, bins of 10: VAL 1000, VAH 1100, POC 1045. Jan 5 2026 14:00 UTC is NY_AM.
const VA = featureRow({ bin_width: 10, val: 1000, vah: 1090, poc: 1040 });
const NY = Date.UTC(2026, 0, 5, 14, 0);

/** [open, high, low, close, volume, buy volume]. */
type Spec = readonly [number, number, number, number, number, number];
const toBars = (t0: number, spec: readonly Spec[]): Bar[] =>
  spec.map(([open, high, low, close, volume, buy], i) => ({ ts: t0 + i * 60_000, open, high, low, close, volume, vwap: close, trades: 1, buyVolume: buy, sellVolume: volume - buy, delta: 2 * buy - volume, closeQuote: null }));
// Mirror around 2110 keeps bin edges on multiples of 10 (bin b <-> 211 - b); buyers become sellers.
const mirror = (spec: readonly Spec[]): Spec[] => spec.map(([o, h, l, c, v, b]) => [2110 - o, 2110 - l, 2110 - h, 2110 - c, v, v - b]);
const MIRROR_VA = featureRow({ bin_width: 10, val: 1010, vah: 1100, poc: 1060 });

function scenario(trigger: Spec = [1188, 1192, 1162, 1168, 400, 320]): Spec[] {
  // 0..59 balance at 1050 (within 1% of the POC, inside value); delta 0.
  const s: Spec[] = Array.from({ length: 60 }, (_, i) => (i % 2 === 0 ? [1048, 1056, 1046, 1052, 100, 50] : [1052, 1056, 1046, 1048, 100, 50]) as Spec);
  // 60..64 the impulse: bar 61 is the first close above VAH with momentum (1138 / 1048 (bar 41) = +8.6%).
  // Bar 62 trades 1140-1180 on 10 contracts only: the thin part of the leg.
  s.push([1050, 1100, 1040, 1098, 100, 80], [1100, 1140, 1100, 1138, 100, 80], [1140, 1180, 1140, 1178, 10, 8], [1180, 1220, 1180, 1218, 100, 80], [1220, 1260, 1220, 1258, 100, 80]);
  // 65..66 the pullback on selling; 67 the trigger.
  s.push([1258, 1259, 1215, 1220, 100, 40], [1220, 1222, 1185, 1188, 100, 40], trigger);
  return s;
}

const make = (o: Record<string, unknown> = {}): Strategy => def.create(TrendModelParamsSchema.parse(o));
// The seed's CVD threshold (1000) is in stock shares; these bars trade hundreds of contracts.
const SCALED = { cvd_momentum_threshold: 50 };
const run = (s: Strategy, spec: readonly Spec[], features = VA, t0 = NY): Intent[][] => runBars(s, toBars(t0, spec), def.historyMinutes, () => features);

// Hand computation at bar 67 (close 1168):
// - State: close 1168 > VAH 1100 and momentum 1168 / 1048 (bar 47) - 1 = +11.5% > 0.5%: IMBALANCE_UP,
//   as since bar 61. The leg started at bar 61; origin = lowest low of bars 57..61 = 1040 (bar 60);
//   end = highest high 1260 (bar 64). Bar 67 makes no new high: a pullback.
// - Leg profile, bars 60..64 on bins of 10: bar 60 spreads 100 over bins 104..110, bars 61, 63, 64
//   put 20 in each of their 5 bins, bar 62 puts 2 in bins 114..118. Max 40 (bin 122, two bars),
//   LVN <= 10: bins 115, 116, 117 -> LVNs 1155, 1165, 1175. Nearest to 1168 is 1165, 0.26% away.
// - Aggression: volume 400 / mean of the last 60 minutes (52 x 100 + 610 + 400) / 60 = 103.5 -> 3.9 > 2
//   (+30); CVD momentum (60 - 20 - 20 + 240) / 5 = 52 > 50 (+40); buy pressure 80% > 70 (+30): 100, BUY.
// - Stop = min(LVN 1165, low 1162) - 2 = 1160 (risk 8); target = leg high 1260 (reward 92 >= 1.5 x 8).
describe('seed 002 Trend Model', () => {
  it('buys the pullback to an LVN of the impulse leg on aggressive buying; stop under the LVN, target the leg high', () => {
    const intents = run(make(SCALED), scenario());
    expect(intents.slice(0, 67).flat()).toEqual([]);
    expect(intents[67]).toEqual([{ kind: 'enter', side: 'long', stop: 1160, targets: [{ price: 1260, share: 1 }], tag: 'trend-model', reason: 'TREND_MODEL_LONG' }]);
  });

  it('sells the mirror image: close 942 by the LVN 945, stop max(945, 948) + 2 = 950, target the leg low 850', () => {
    // A SELL scores spike 30 + CVD 40 = 70 (the seed awards pressure to buyers only): still >= 70.
    const intents = run(make(SCALED), mirror(scenario()), MIRROR_VA);
    expect(intents[67]).toEqual([{ kind: 'enter', side: 'short', stop: 950, targets: [{ price: 850, share: 1 }], tag: 'trend-model', reason: 'TREND_MODEL_SHORT' }]);
  });

  it('does not fire with the seed CVD threshold on these small contracts (score 60 < 70)', () => {
    const s = make();
    expect(run(s, scenario()).flat()).toEqual([]);
    expect(s.lastSignals?.()?.flags).toMatchObject({ imbalance: true, impulse_leg: true, pullback: true, at_lvn: true, aggressive: false });
  });

  it('does not fire away from the LVNs (close 1200 is 2.1% from 1175)', () => {
    const s = make(SCALED);
    expect(run(s, scenario([1188, 1205, 1195, 1200, 400, 320])).flat()).toEqual([]);
    expect(s.lastSignals?.()?.flags).toMatchObject({ pullback: true, at_lvn: false, aggressive: true });
  });

  it('does not fire when the trigger bar is selling (CVD momentum turns negative)', () => {
    expect(run(make(SCALED), scenario([1188, 1192, 1162, 1168, 400, 80])).flat()).toEqual([]);
  });

  it('does not fire outside New York unless the session is listed', () => {
    const asia = Date.UTC(2026, 0, 5, 1, 0);
    expect(run(make(SCALED), scenario(), VA, asia).flat()).toEqual([]);
    expect(run(make({ ...SCALED, sessions: ['ASIA'] }), scenario(), VA, asia)[67]).toHaveLength(1);
  });

  it('does not fire without an imbalance: the same bars inside a value area that reaches 1300', () => {
    const s = make(SCALED);
    expect(run(s, scenario(), featureRow({ bin_width: 10, val: 1000, vah: 1290, poc: 1040 })).flat()).toEqual([]);
    expect(s.lastSignals?.()?.flags).toMatchObject({ imbalance: false });
  });
});
