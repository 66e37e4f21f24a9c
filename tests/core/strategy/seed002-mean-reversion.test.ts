// Seed 002 Mean Reversion on a hand-built failed breakout, reclaim leg and pullback: the entry,
// its mirror, and the near misses.

import { describe, expect, it } from 'vitest';
import type { Bar } from '../../../core/market/bars';
import { seed002MeanReversion as def } from '../../../core/strategy/seed002/mean-reversion';
import { MeanReversionParamsSchema } from '../../../core/strategy/seed002/params';
import type { Intent, Strategy } from '../../../core/strategy/types';
import { featureRow, runBars } from './strategy-harness';

// A wide value area, bins of 10: VAL 800, VAH 1100, POC bin 900 -> POC 905. Jan 5 2026 14:00 UTC.
const VA = featureRow({ bin_width: 10, val: 800, vah: 1090, poc: 900 });
const NY = Date.UTC(2026, 0, 5, 14, 0);

/** [open, high, low, close, volume, buy volume]. */
type Spec = readonly [number, number, number, number, number, number];
const toBars = (t0: number, spec: readonly Spec[]): Bar[] =>
  spec.map(([open, high, low, close, volume, buy], i) => ({ ts: t0 + i * 60_000, open, high, low, close, volume, vwap: close, trades: 1, buyVolume: buy, sellVolume: volume - buy, delta: 2 * buy - volume, closeQuote: null }));
// Mirror around 2110: bin b <-> 211 - b. Value area 1010..1310, POC 1205 (bin 1200).
const mirror = (spec: readonly Spec[]): Spec[] => spec.map(([o, h, l, c, v, b]) => [2110 - o, 2110 - l, 2110 - h, 2110 - c, v, v - b]);
const MIRROR_VA = featureRow({ bin_width: 10, val: 1010, vah: 1300, poc: 1200 });

function scenario(trigger: Spec = [1064, 1082, 1062, 1076, 400, 80]): Spec[] {
  // 0..59 balance at 1050, inside value: state BALANCE.
  const s: Spec[] = Array.from({ length: 60 }, (_, i) => (i % 2 === 0 ? [1048, 1056, 1046, 1052, 100, 50] : [1052, 1056, 1046, 1048, 100, 50]) as Spec);
  // 60..61 the breakout attempt above VAH 1100 (extreme 1140 at bar 61); 62 closes back inside: failed.
  s.push([1090, 1130, 1088, 1125, 100, 50], [1125, 1140, 1120, 1135, 100, 50], [1135, 1136, 1090, 1095, 100, 50]);
  // 63..64 the reclaim leg down, 63 fast and thin (10 contracts); 65..66 the pullback into it.
  s.push([1095, 1096, 1056, 1058, 10, 2], [1058, 1060, 1020, 1024, 100, 20], [1024, 1066, 1022, 1064, 100, 60], trigger);
  return s;
}

const make = (o: Record<string, unknown> = {}): Strategy => def.create(MeanReversionParamsSchema.parse(o));
const SCALED = { cvd_momentum_threshold: 50 };
const run = (s: Strategy, spec: readonly Spec[], features = VA): Intent[][] => runBars(s, toBars(NY, spec), def.historyMinutes, () => features);

// Hand computation at bar 66 (close 1076):
// - Bar 59 was BALANCE; bar 60 is the first close above VAH; bar 62 closes inside 2 minutes later (<= 15).
// - Reclaim leg = bars 61 (the extreme 1140) .. 64 (the low 1020). Profile on bins of 10: bar 61 puts
//   33.3 in bins 112..114, bar 62 20 in 109..113, bar 63 2 in 105..109, bar 64 20 in 102..106. Max 53.3
//   (bins 112, 113), LVN <= 13.3: bins 107, 108 -> 1075, 1085. Close 1076 is 0.09% from 1075.
// - Bar 65 made no new low (1022 > 1020), nor bar 66: a pullback.
// - Aggression: volume 400 / 103.5 > 2 (+30); CVD momentum (-6 - 60 + 20 - 240) / 5 = -57.2, |.| > 50 (+40):
//   70, SELL (the seed scores buy pressure only).
// - Short: stop = 1140 + 2 = 1142 (risk 66); target POC 905 (reward 171 >= 1.5 x 66).
describe('seed 002 Mean Reversion', () => {
  it('sells the pullback to an LVN of the reclaim leg after a failed breakout above VAH; stop over the extreme, target the POC', () => {
    const intents = run(make(SCALED), scenario());
    expect(intents.slice(0, 66).flat()).toEqual([]);
    expect(intents[66]).toEqual([{ kind: 'enter', side: 'short', stop: 1142, targets: [{ price: 905, share: 1 }], tag: 'mean-reversion', reason: 'MEAN_REVERSION_SHORT' }]);
  });

  it('buys the mirror image below VAL: close 1034 by the LVN 1035, stop 970 - 2 = 968, target the POC 1205', () => {
    // The mirrored trigger bar is 80% buying: 30 + 40 + 30 = 100, BUY.
    const intents = run(make(SCALED), mirror(scenario()), MIRROR_VA);
    expect(intents[66]).toEqual([{ kind: 'enter', side: 'long', stop: 968, targets: [{ price: 1205, share: 1 }], tag: 'mean-reversion', reason: 'MEAN_REVERSION_LONG' }]);
  });

  it('does not fire when the breakout is accepted: back inside after the fail window', () => {
    const s = make({ ...SCALED, fail_window_minutes: 1 });
    expect(run(s, scenario()).flat()).toEqual([]);
    expect(s.lastSignals?.()?.flags).toMatchObject({ breakout_failed: false });
  });

  it('does not fire without selling aggression on the pullback', () => {
    const s = make(SCALED);
    expect(run(s, scenario([1064, 1082, 1062, 1076, 400, 320])).flat()).toEqual([]);
    expect(s.lastSignals?.()?.flags).toMatchObject({ breakout_failed: true, at_lvn: true, aggressive: false });
  });

  it('does not fire away from the LVNs (close 1098 is 1.2% from 1085)', () => {
    const s = make(SCALED);
    expect(run(s, scenario([1064, 1102, 1062, 1098, 400, 80])).flat()).toEqual([]);
    expect(s.lastSignals?.()?.flags).toMatchObject({ pullback: true, at_lvn: false, aggressive: true });
  });

  it('does not fire below 1.5 R: a POC at 1065 leaves 11 ticks of reward for 66 of risk', () => {
    expect(run(make(SCALED), scenario(), { ...VA, poc: 1060 }).flat()).toEqual([]);
  });
});
