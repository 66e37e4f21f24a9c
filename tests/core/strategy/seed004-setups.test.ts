// Seed 004 Value Area Breakout and Auction Reversion on hand-built 1m bars and a fixed value
// area: each fires on its scenario and not on its near misses.

import { describe, expect, it } from 'vitest';
import type { Bar } from '../../../core/market/bars';
import { AuctionReversionParamsSchema, ValueAreaBreakoutParamsSchema } from '../../../core/strategy/seed004/params';
import { seed004AuctionReversion } from '../../../core/strategy/seed004/auction-reversion';
import { seed004ValueAreaBreakout } from '../../../core/strategy/seed004/value-area-breakout';
import { efficiencyRatio } from '../../../core/strategy/seed004/regime';
import type { Intent, PositionView, Strategy } from '../../../core/strategy/types';
import { featureRow, minuteBar, runBars } from './strategy-harness';

// Value area of every minute: bins of 10 ticks, VAL bin 1000, VAH bin 1090, POC bin 1040, so
// VAL = 1000, VAH = 1100, POC = 1045 (ticks).
const VA = featureRow({ bin_width: 10, val: 1000, vah: 1090, poc: 1040 });
// Jan 5 2026 14:00 UTC = 09:00 EST: NY_AM. 01:00 UTC = 20:00 EST the day before: ASIA.
const NY = Date.UTC(2026, 0, 5, 14, 0);
const ASIA = Date.UTC(2026, 0, 5, 1, 0);

type Ohlc = readonly [number, number, number, number];
const toBars = (t0: number, spec: readonly Ohlc[]): Bar[] => spec.map(([o, h, l, c], i) => minuteBar(t0 + i * 60_000, o, h, l, c, 10));
const mirror = (spec: readonly Ohlc[]): Ohlc[] => spec.map(([o, h, l, c]) => [2100 - o, 2100 - l, 2100 - h, 2100 - c]);

function run(strategy: Strategy, historyMinutes: number, bars: Bar[], features = VA, position?: (i: number) => PositionView): Intent[][] {
  return runBars(strategy, bars, historyMinutes, () => features, position);
}

describe('seed 004 Value Area Breakout', () => {
  const make = (o: Record<string, unknown> = {}): Strategy => seed004ValueAreaBreakout.create(ValueAreaBreakoutParamsSchema.parse(o));
  const H = seed004ValueAreaBreakout.historyMinutes;
  // 60 quiet minutes inside value (true range 10: ATR 10), then three closes above VAH 1100.
  const quiet: Ohlc[] = Array.from({ length: 60 }, () => [1050, 1055, 1045, 1050] as const);
  const breakout: Ohlc[] = [...quiet, [1050, 1106, 1050, 1104], [1104, 1110, 1100, 1108], [1108, 1114, 1104, 1112]];

  // ATR at bar 62: TR 56, 10, 10 after a flat 10: (13 x 10 + 56) / 14 = 13.2857, then
  // (13 x 13.2857 + 10) / 14 = 13.0510, then (13 x 13.0510 + 10) / 14 = 12.8331.
  // Long at 1112; stop = floor(1100 - 0.5 x 12.8331) = floor(1093.58) = 1093; risk 19;
  // target = 1112 + round(19 x 2.75 / 2.25 = 23.22) = 1135.
  it('goes long on the minute of the third consecutive close above VAH, stop back inside value, target 2.75/2.25 R', () => {
    const intents = run(make(), H, toBars(NY, breakout));
    expect(intents.slice(0, 62).flat()).toEqual([]);
    expect(intents[62]).toEqual([{ kind: 'enter', side: 'long', stop: 1093, targets: [{ price: 1135, share: 1 }], tag: 'va-breakout', reason: 'VAB_ACCEPTED_ABOVE_VAH' }]);
  });

  it('shorts the mirror below VAL: stop ceil(1000 + 6.42) = 1007, risk 19, target 988 - 23 = 965', () => {
    const intents = run(make(), H, toBars(NY, mirror(breakout)));
    expect(intents[62]).toEqual([{ kind: 'enter', side: 'short', stop: 1007, targets: [{ price: 965, share: 1 }], tag: 'va-breakout', reason: 'VAB_ACCEPTED_BELOW_VAL' }]);
  });

  it('does not fire after only two closes outside, nor when the third closes back inside', () => {
    expect(run(make(), H, toBars(NY, breakout.slice(0, 62))).flat()).toEqual([]);
    const back: Ohlc[] = [...breakout.slice(0, 62), [1108, 1110, 1096, 1098]];
    expect(run(make(), H, toBars(NY, back)).flat()).toEqual([]);
  });

  it('fires once per acceptance: the fourth close outside is not a new signal', () => {
    const longer: Ohlc[] = [...breakout, [1112, 1118, 1110, 1116]];
    const intents = run(make(), H, toBars(NY, longer));
    expect(intents[62]).toHaveLength(1);
    expect(intents[63]).toEqual([]);
  });

  it('does not trade in the Asia session unless it is listed', () => {
    expect(run(make(), H, toBars(ASIA, breakout)).flat()).toEqual([]);
    expect(run(make({ sessions: ['ASIA'] }), H, toBars(ASIA, breakout))[62]).toHaveLength(1);
  });

  it('records the signal but takes no entry while a position is open', () => {
    const s = make();
    const open: PositionView = { side: 'short', qty: 1, avgEntry: 1000, entryTs: NY, stop: 1200 };
    expect(run(s, H, toBars(NY, breakout), VA, () => open).flat()).toEqual([]);
    expect(s.lastSignals?.()).toMatchObject({ acceptanceState: 3, flags: { signal_vab_long: true } });
  });
});

describe('seed 004 Auction Reversion', () => {
  const make = (o: Record<string, unknown> = {}): Strategy => seed004AuctionReversion.create(AuctionReversionParamsSchema.parse(o));
  const H = seed004AuctionReversion.historyMinutes;
  // 60 minutes rotating 1050 <-> 1060 (true range 14: ATR 14, efficiency ratio 0), then a probe of VAH.
  const rotation: Ohlc[] = Array.from({ length: 60 }, (_, i) => (i % 2 === 0 ? [1050, 1062, 1048, 1060] : [1060, 1062, 1048, 1050]) as Ohlc);
  const probe: Ohlc = [1080, 1102, 1078, 1090];

  // Bar 60: TR = 1102 - 1050 = 52; ATR = (13 x 14 + 52) / 14 = 16.714.
  // Regime: mean TR of bars 1..60 = (59 x 14 + 52) / 60 = 14.633, ratio 1.14 <= 1.5;
  // ER over 20 closes = |1090 - 1060| / (19 x 10 + 40) = 0.13 <= 0.3; VA width 100 >= 4 x 16.714.
  // Short at 1090; stop = ceil(1102 + 0.5 x 16.714) = ceil(1110.36) = 1111; risk 21; reward to POC 1045 = 45.
  it('fades a rejection of VAH to the POC in a rotational market', () => {
    expect(efficiencyRatio(toBars(NY, [...rotation, probe]), 20)).toBeCloseTo(30 / 230, 12);
    const intents = run(make(), H, toBars(NY, [...rotation, probe]));
    expect(intents.slice(0, 60).flat()).toEqual([]);
    expect(intents[60]).toEqual([{ kind: 'enter', side: 'short', stop: 1111, targets: [{ price: 1045, share: 1 }], tag: 'auction-reversion', reason: 'AR_FADE_VAH' }]);
  });

  it('buys the mirror rejection of VAL: stop floor(998 - 8.36) = 989, target the POC 1055', () => {
    // Mirrored value area: POC bin 1050 -> POC 1055; VAL/VAH stay 1000/1100.
    const intents = run(make(), H, toBars(NY, mirror([...rotation, probe])), { ...VA, poc: 1050 });
    expect(intents[60]).toEqual([{ kind: 'enter', side: 'long', stop: 989, targets: [{ price: 1055, share: 1 }], tag: 'auction-reversion', reason: 'AR_FADE_VAL' }]);
  });

  it('does not fade a trending market (efficiency ratio 1)', () => {
    // Closes climb 1 a bar to 1070: ER = (1090 - 1051) / (19 + 20) = 1.
    const trend: Ohlc[] = Array.from({ length: 60 }, (_, i) => [1010 + i, 1017 + i, 1004 + i, 1011 + i] as Ohlc);
    const s = make();
    expect(run(s, H, toBars(NY, [...trend, probe])).flat()).toEqual([]);
    expect(s.lastSignals?.()?.flags).toMatchObject({ rotational: false, high_vol: false, rejected_vah: true });
  });

  it('skips a high-volatility regime (ATR 2.3 x the baseline)', () => {
    // 50 calm minutes (true range 4), then 10 wide rotations 1040 <-> 1070 (true range 34), then the probe.
    // ATR after the wide bars = 34 - 30 x (13/14)^10 = 19.69; at the probe (TR 62) (13 x 19.69 + 62) / 14 = 22.71.
    // Baseline = (49 x 4 + 10 x 34 + 62) / 60 = 9.97: ratio 2.28 > 1.5. Still rotational (ER 38 / 378 = 0.10)
    // and wide enough (100 >= 4 x 22.71).
    const calm: Ohlc[] = Array.from({ length: 50 }, (_, i) => (i % 2 === 0 ? [1048, 1052, 1048, 1052] : [1052, 1052, 1048, 1048]) as Ohlc);
    const wide: Ohlc[] = Array.from({ length: 10 }, (_, i) => (i % 2 === 0 ? [1040, 1072, 1038, 1070] : [1070, 1072, 1038, 1040]) as Ohlc);
    const s = make();
    expect(run(s, H, toBars(NY, [...calm, ...wide, probe])).flat()).toEqual([]);
    expect(s.lastSignals?.()?.flags).toMatchObject({ rotational: true, high_vol: true, min_range: true, rejected_vah: true });
    expect(run(make({ high_vol_ratio: 2.5 }), H, toBars(NY, [...calm, ...wide, probe]))[60]).toHaveLength(1);
  });

  it('does not fire when the probe closes above VAH, outside London/New York, or in a value area under 4 ATR', () => {
    expect(run(make(), H, toBars(NY, [...rotation, [1080, 1104, 1078, 1101]])).flat()).toEqual([]);
    expect(run(make(), H, toBars(ASIA, [...rotation, probe])).flat()).toEqual([]);
    // VAL bin 1040 -> value area 1040-1100 = 60 < 4 x 16.714.
    const s = make();
    expect(run(s, H, toBars(NY, [...rotation, probe]), { ...VA, val: 1040 }).flat()).toEqual([]);
    expect(s.lastSignals?.()?.flags).toMatchObject({ min_range: false });
  });

  it('needs room to the POC: at least 1 R', () => {
    // POC bin 1080 -> POC 1085: reward 5 < risk 21.
    const s = make();
    expect(run(s, H, toBars(NY, [...rotation, probe]), { ...VA, poc: 1080 }).flat()).toEqual([]);
    expect(s.lastSignals?.()?.flags).toMatchObject({ rejected_vah: true, room_to_target: false });
  });
});
