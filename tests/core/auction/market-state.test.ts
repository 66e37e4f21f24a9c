// Both balance/imbalance rules at their thresholds, and the displacement rule's transitions on a
// constructed tape with ATR computed from it.

import { describe, expect, it } from 'vitest';
import {
  SEED000_DISPLACEMENT,
  SEED000_DISPLACEMENT_ES,
  displacementSeries,
  displacementState,
  valueAreaMomentumSeries,
  valueAreaMomentumState,
  type OhlcColumns,
} from '../../../core/auction/market-state';
import { atrSeries } from '../../../core/auction/volatility';

const VA = { poc: 1000, vah: 1010, val: 990 };

/** 21 closes: `first` at bar 0, `last` at bar 20, flat in between. */
function closes(first: number, last: number): number[] {
  return [first, ...Array<number>(19).fill(first), last];
}

describe('seed 002 Component 1: value area + momentum', () => {
  it('calls BALANCE near the POC inside value', () => {
    const r = valueAreaMomentumState(closes(1000, 1005), 20, VA);
    expect(r.rule).toBe('seed002-value-area-momentum');
    expect(r.distanceFromPocPct).toBeCloseTo(0.5, 12);
    expect(r.inValueArea).toBe(true);
    expect(r.state).toBe('BALANCE');
  });

  it('calls IMBALANCE_UP above VAH with momentum over +0.5 % in 20 bars, and DOWN symmetrically', () => {
    const up = valueAreaMomentumState(closes(1000, 1020), 20, VA);
    expect(up.momentumPct).toBeCloseTo(2, 12);
    expect(up.state).toBe('IMBALANCE_UP');
    const down = valueAreaMomentumState(closes(1000, 980), 20, VA);
    expect(down.momentumPct).toBeCloseTo(-2, 12);
    expect(down.state).toBe('IMBALANCE_DOWN');
  });

  it('falls back to BALANCE above VAH without momentum, and with too little history', () => {
    // 1018 → 1020 is +0.196 %: under the threshold.
    expect(valueAreaMomentumState(closes(1018, 1020), 20, VA).state).toBe('BALANCE');
    // Exactly +0.5 % is not beyond +0.5 % (strict, as the seed writes >).
    expect(valueAreaMomentumState(closes(1016, 1016 * 1.005), 20, { poc: 1000, vah: 1010, val: 990 }).state).toBe('BALANCE');
    const short = valueAreaMomentumState([1000, 1050], 1, VA);
    expect(short.momentumPct).toBeNaN();
    expect(short.state).toBe('BALANCE');
  });

  it('reads only bars up to t: appending later bars does not change the reading at t', () => {
    const series = closes(1000, 1020);
    const before = valueAreaMomentumState(series, 20, VA);
    expect(valueAreaMomentumState([...series, 900, 800], 20, VA)).toEqual(before);
  });

  it('gives a per-bar series with each bar judged against its own value area', () => {
    const c = closes(1000, 1020);
    const n = c.length;
    const va = { poc: new Float64Array(n).fill(1000), vah: new Float64Array(n).fill(1010), val: new Float64Array(n).fill(990) };
    expect(Array.from(valueAreaMomentumSeries(c, va))).toEqual([...Array<number>(20).fill(0), 1]);
    va.vah[20] = 1030;
    expect(valueAreaMomentumSeries(c, va)[20]).toBe(0);
  });
});

/** Doji balance bars of range 2 around 1000, then `impulse` bars of range 6 moving `step` per bar. */
function tape(balanceBars: number, impulse: number, step: number): OhlcColumns & { n: number } {
  const open: number[] = [];
  const high: number[] = [];
  const low: number[] = [];
  const close: number[] = [];
  for (let i = 0; i < balanceBars; i++) {
    open.push(1000);
    close.push(1000);
    high.push(1001);
    low.push(999);
  }
  let price = 1000;
  for (let i = 0; i < impulse; i++) {
    const next = price + step;
    open.push(price);
    close.push(next);
    high.push(Math.max(price, next) + (6 - Math.abs(step)) / 2);
    low.push(Math.min(price, next) - (6 - Math.abs(step)) / 2);
    price = next;
  }
  return { open, high, low, close, n: open.length };
}

describe('seed 000 displacement rule', () => {
  it('needs displacement > 2.5 ATR, 3 of 5 bars bullish and the 5-bar range > 1.4 × the range of bars t−14..t−10', () => {
    const bars = tape(20, 3, 6);
    const t = bars.n - 1;
    // Recent ranges: 2, 2, 6, 6, 6 → 4.4; prior (doji) 2 → 2.8 needed.
    const r = displacementState(bars, t, 1000, 5);
    expect(r.rule).toBe('seed000-displacement');
    expect(r.displacement).toBe(18);
    expect(r.bullishBars).toBe(3);
    expect(r.recentRange).toBeCloseTo(4.4, 12);
    expect(r.priorRange).toBe(2);
    expect(r.state).toBe('IMBALANCE_UP');
    // 18 is not > 2.5 × 7.2 = 18: strict.
    expect(displacementState(bars, t, 1000, 7.2).state).toBe('BALANCE');
    // Two bullish bars are not enough.
    expect(displacementState(bars, t - 1, 994, 1).state).toBe('BALANCE');
  });

  it('mirrors for IMBALANCE_DOWN', () => {
    const bars = tape(20, 3, -6);
    const r = displacementState(bars, bars.n - 1, 1000, 5);
    expect(r.bearishBars).toBe(3);
    expect(r.state).toBe('IMBALANCE_DOWN');
  });

  it('requires range expansion: no expansion, no imbalance', () => {
    const bars = tape(20, 3, 6);
    // Widen the prior window (t−14..t−10) to the recent range.
    const t = bars.n - 1;
    const high = [...(bars.high as number[])];
    const low = [...(bars.low as number[])];
    for (let i = t - 14; i <= t - 10; i++) {
      high[i] = 1003;
      low[i] = 997;
    }
    expect(displacementState({ ...bars, high, low }, t, 1000, 5).state).toBe('BALANCE');
    // The ES sketch compares with bars t−9..t−5 instead, which are still narrow.
    expect(displacementState({ ...bars, high, low }, t, 1000, 5, SEED000_DISPLACEMENT_ES).state).toBe('IMBALANCE_UP');
  });

  it('is BALANCE with too little history for the prior window', () => {
    const bars = tape(5, 5, 6);
    expect(displacementState(bars, 9, 1000, 1).state).toBe('BALANCE');
  });

  it('switches BALANCE → IMBALANCE_UP → BALANCE on a constructed tape with ATR(14) computed from it', () => {
    const up = tape(30, 6, 6);
    // Then price stalls: doji bars at the top.
    const open = [...(up.open as number[])];
    const high = [...(up.high as number[])];
    const low = [...(up.low as number[])];
    const close = [...(up.close as number[])];
    for (let i = 0; i < 8; i++) {
      open.push(1036);
      close.push(1036);
      high.push(1037);
      low.push(1035);
    }
    const bars = { open, high, low, close };
    const atr = atrSeries(Float64Array.from(high), Float64Array.from(low), Float64Array.from(close));
    const states = Array.from(displacementSeries(bars, new Float64Array(close.length).fill(1000), atr));
    // Balance bars and the first two impulse bars: BALANCE; from the third impulse bar (3 of 5
    // bullish) while 3+ of the last 5 stay bullish: UP; once the dojis dominate: BALANCE.
    expect(states.slice(0, 32)).toEqual(Array<number>(32).fill(0));
    expect(states.slice(32, 38)).toEqual([1, 1, 1, 1, 1, 1]);
    expect(states.slice(38)).toEqual(Array<number>(6).fill(0));
    expect(SEED000_DISPLACEMENT.atrMultiple).toBe(2.5);
  });
});
