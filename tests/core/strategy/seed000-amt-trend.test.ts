// Seed 000 AMT trend continuation on hand-built 15m candles fed as 1m bars: the entry, its near
// misses, and the stop management (break-even, tighter stop after the first target).

import { describe, expect, it } from 'vitest';
import { Seed000ParamsSchema } from '../../../core/strategy/seed000/params';
import { seed000AmtTrendContinuation as def } from '../../../core/strategy/seed000/amt-trend-continuation';
import { completedCandles } from '../../../core/strategy/seed000/candles';
import type { Intent, PositionView, Strategy } from '../../../core/strategy/types';
import { expandCandles, runBars, type CandleSpec } from './strategy-harness';

// 120 candles of 15m, expanded to 1800 1m bars (volumes are multiples of 15 so minutes split evenly).
// Decision at the close of candle 119: T0 + 120 x 15 min = Jan 6 16:00 UTC, inside 13-21 UTC.
const T0 = Date.UTC(2026, 0, 5, 10, 0);

function scenario(last: CandleSpec = [1120, 1130, 1100, 1128, 300]): CandleSpec[] {
  const c: CandleSpec[] = [];
  // 0..69 balance around 1000: three candle widths so the profile peaks in the middle.
  for (let i = 0; i < 70; i++) c.push(i % 3 === 0 ? [1000, 1010, 990, 1000, 150] : i % 3 === 1 ? [1000, 1005, 995, 1000, 150] : [1000, 1001, 999, 1000, 150]);
  // 70..89 a grind up to 1040; 90..104 acceptance at 1040-1060; 105..109 a quiet pause (range 8).
  for (let k = 0; k < 20; k++) c.push([1000 + 2 * k, 1004 + 2 * k, 998 + 2 * k, 1002 + 2 * k, 150]);
  for (let i = 90; i < 105; i++) c.push(i % 2 === 0 ? [1045, 1060, 1040, 1055, 150] : [1055, 1060, 1040, 1045, 150]);
  for (let i = 105; i < 110; i++) c.push([1050, 1056, 1048, 1054, 150]);
  // 110..112 the impulse on thin volume (this is the LVN); 113..117 acceptance at 1170-1190.
  c.push([1054, 1100, 1052, 1098, 75], [1098, 1142, 1096, 1140, 75], [1140, 1182, 1138, 1180, 75]);
  c.push([1180, 1190, 1170, 1175, 150], [1175, 1190, 1170, 1185, 150], [1175, 1190, 1170, 1185, 150], [1185, 1190, 1170, 1175, 150], [1175, 1190, 1170, 1185, 150]);
  // 118 the pullback into the impulse; 119 the rejection candle.
  c.push([1180, 1182, 1128, 1130, 150], last);
  return c;
}

const mirror = (c: readonly CandleSpec[]): CandleSpec[] => c.map(([o, h, l, cl, v]) => [3000 - o, 3000 - l, 3000 - h, 3000 - cl, v]);
const make = (overrides: Record<string, unknown> = {}): Strategy => def.create(Seed000ParamsSchema.parse(overrides));
const IMPULSE = { target_mode: 'impulse-extreme' };

function run(strategy: Strategy, candles: readonly CandleSpec[], t0 = T0, position?: (i: number) => PositionView): Intent[][] {
  return runBars(strategy, expandCandles(t0, 15, candles), def.historyMinutes, undefined, position);
}

// Hand computation at candle 119 (entry = close 1128):
// - Prior balance = candles 20..69 on 40 bins of 0.5 over [990, 1010]: bins 18..22 are touched by
//   every candle width, the first of them wins argmax: POC = 990 + 0.25 + 18 x 0.5 = 999.25.
// - ATR(14), Wilder over the 120 candles: 23.0763 (seed 10 over candles 1..14, then smoothed).
// - Imbalance: 1128 - 999.25 = 128.75 > 2.5 x 23.08; candles 115, 117, 119 bullish (3 of 5);
//   mean range of 115..119 = (20+20+20+54+30)/5 = 28.8 > 1.4 x 8 (candles 105..109).
// - Impulse profile, candles 90..119 on 30 bins of 5 over [1040, 1190]: the max is 700 (bins 1..3),
//   LVN <= 140; close 1128 is in bin 17 (1125-1130), an LVN at its centre 1127.5: |1128 - 1127.5| <= 0.5 ATR.
// - Rejection: body 8, lower wick 20 > 16, upper wick 2 < 8; volume 300 > 1.3 x mean(110..118) =
//   1.3 x (3 x 75 + 6 x 150) / 9 = 162.5.
// - Stop = floor(1127.5 - 0.75 x 23.0763) = floor(1110.19) = 1110 (risk 18).
// - Target (impulse-extreme) = the window's high 1190; TP1 halfway = 1128 + 62/2 = 1159.
//   Reward 0.5 x 31 + 0.5 x 62 = 46.5 >= 2 x 18.
describe('seed 000 AMT trend continuation: entry', () => {
  it('aggregates the 1m bars back into the 15m candles it was given', () => {
    const bars = expandCandles(T0, 15, scenario());
    const candles = completedCandles(bars, 15, bars[bars.length - 1]!.ts + 60_000);
    expect(candles).toHaveLength(120);
    expect(candles[119]).toEqual({ ts: T0 + 119 * 900_000, open: 1120, high: 1130, low: 1100, close: 1128, volume: 300 });
    // Mid-bucket, the open bucket is not a candle yet.
    expect(completedCandles(bars, 15, bars[1790]!.ts + 60_000)).toHaveLength(119);
  });

  it('goes long at the close of the rejection candle, stop 0.75 ATR below the LVN, TP1 halfway and TP2 at the impulse high', () => {
    const intents = run(make(IMPULSE), scenario());
    expect(intents.slice(0, -1).flat()).toEqual([]);
    expect(intents[1799]).toEqual([
      { kind: 'enter', side: 'long', stop: 1110, targets: [{ price: 1159, share: 0.5 }, { price: 1190, share: 0.5 }], tag: 'amt-trend', reason: 'AMT_TREND_LONG' },
    ]);
  });

  it('with the seed target (the prior POC, 999.25, behind a long entry at 1128) sees the setup but refuses the entry', () => {
    const s = make();
    expect(run(s, scenario()).flat()).toEqual([]);
    expect(s.lastSignals?.()?.flags).toMatchObject({ imbalance_up: true, at_lvn: true, rejection: true, volume_spike: true, ny_session: true, target_ahead: false, signal_amt_long: false });
  });

  it('shorts the mirror image: stop above the LVN, targets toward the impulse low', () => {
    // Mirrored around 1500 x 2: entry 1872, LVN 1872.5 (bin 12 of [1810, 1960]), ATR unchanged.
    // Stop = ceil(1872.5 + 17.31) = 1890; target = window low 1810; TP1 = 1872 - 31 = 1841.
    const intents = run(make(IMPULSE), mirror(scenario()));
    expect(intents[1799]).toEqual([
      { kind: 'enter', side: 'short', stop: 1890, targets: [{ price: 1841, share: 0.5 }, { price: 1810, share: 0.5 }], tag: 'amt-trend', reason: 'AMT_TREND_SHORT' },
    ]);
  });

  it('does not fire without the volume spike (150 < 162.5)', () => {
    const s = make(IMPULSE);
    expect(run(s, scenario([1120, 1130, 1100, 1128, 150])).flat()).toEqual([]);
    expect(s.lastSignals?.()?.flags).toMatchObject({ rejection: true, volume_spike: false });
  });

  it('does not fire without the rejection wick (lower wick 2 < 2 x body 18)', () => {
    const s = make(IMPULSE);
    expect(run(s, scenario([1110, 1130, 1108, 1128, 300])).flat()).toEqual([]);
    expect(s.lastSignals?.()?.flags).toMatchObject({ imbalance_up: true, rejection: false });
  });

  it('does not fire outside 13:00-21:00 UTC (decision at 22:00), unless the filter is off', () => {
    const late = T0 + 6 * 3_600_000;
    expect(run(make(IMPULSE), scenario(), late).flat()).toEqual([]);
    expect(run(make({ ...IMPULSE, ny_session_only: false }), scenario(), late)[1799]).toHaveLength(1);
  });

  it('does not fire when the close is not within tolerance of the LVN', () => {
    // Tolerance 0.02 ATR = 0.46 < |1128 - 1127.5|.
    const s = make({ ...IMPULSE, lvn_tolerance_atr: 0.02 });
    expect(run(s, scenario()).flat()).toEqual([]);
    expect(s.lastSignals?.()?.flags).toMatchObject({ imbalance_up: true, at_lvn: false, rejection: true, volume_spike: true });
  });

  it('does not fire below the 2:1 reward/risk filter', () => {
    // Reward 46.5 vs risk 18: 2.58 R; asking for 3 R refuses it.
    const s = make({ ...IMPULSE, min_reward_risk: 3 });
    expect(run(s, scenario()).flat()).toEqual([]);
    expect(s.lastSignals?.()?.flags).toMatchObject({ target_ahead: true, reward_risk_ok: false });
  });

  it('does not fire without the imbalance: no range expansion when the pause candles are as wide as the recent ones', () => {
    const c = scenario();
    for (let i = 105; i < 110; i++) c[i] = [1040, 1060, 1030, 1050, 150];
    const s = make(IMPULSE);
    expect(run(s, c).flat()).toEqual([]);
    expect(s.lastSignals?.()?.flags).toMatchObject({ imbalance_up: false });
  });

  it('takes no entry while a position is open', () => {
    const open: PositionView = { side: 'long', qty: 1, avgEntry: 1000, entryTs: T0, stop: 900 };
    const intents = run(make(IMPULSE), scenario(), T0, () => open);
    expect(intents.flat().filter((i) => i.kind === 'enter')).toEqual([]);
  });
});

describe('seed 000 AMT trend continuation: position management', () => {
  // Long 2 at 1128 with stop 1110 from the entry above; bar 1800 is the first minute of candle 120.
  const entered = (qty: (i: number) => number, stop: (i: number) => number = () => 1110) => (i: number): PositionView =>
    i >= 1800 ? { side: 'long', qty: qty(i), avgEntry: 1128, entryTs: T0 + 1800 * 60_000, stop: stop(i) } : { side: 'flat', qty: 0, avgEntry: NaN, entryTs: NaN, stop: NaN };

  it('moves the stop to break-even + 0.1 ATR at the candle close that is 1.5 ATR in profit', () => {
    // Candle 120 closes at 1170: TR = 46, ATR = (13 x 23.0763 + 46) / 14 = 24.714; 42 >= 1.5 x 24.714 = 37.07.
    // Stop = ceil(1128 + 2.4714) = 1131.
    const intents = run(make(IMPULSE), [...scenario(), [1128, 1172, 1126, 1170, 150]], T0, entered(() => 2));
    expect(intents.slice(1800, -1).flat()).toEqual([]);
    expect(intents[1814]).toEqual([{ kind: 'move-stop', price: 1131, reason: 'AMT_BREAKEVEN' }]);
  });

  it('does not move the stop when the candle closes short of 1.5 ATR', () => {
    // Close 1160: TR = 46 (high 1172), ATR 24.714; 32 < 37.07.
    const intents = run(make(IMPULSE), [...scenario(), [1128, 1172, 1126, 1160, 150]], T0, entered(() => 2));
    expect(intents.slice(1800).flat()).toEqual([]);
  });

  it('tightens to entry + 0.25 ATR the minute the first target fills, and break-even never loosens it', () => {
    // TP1 fills in minute 1805 (qty 2 -> 1): ATR of the completed candles is 23.0763; stop = ceil(1128 + 5.769) = 1134.
    // The broker then works 1134; at the close of candle 120 the break-even lock (1131) would be looser: no intent.
    const position = entered((i) => (i >= 1805 ? 1 : 2), (i) => (i >= 1806 ? 1134 : 1110));
    const intents = run(make(IMPULSE), [...scenario(), [1128, 1172, 1126, 1170, 150]], T0, position);
    expect(intents[1805]).toEqual([{ kind: 'move-stop', price: 1134, reason: 'AMT_TIGHTEN_AFTER_TP1' }]);
    expect([...intents.slice(1800, 1805), ...intents.slice(1806)].flat()).toEqual([]);
  });
});
