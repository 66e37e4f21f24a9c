// Wilder ATR and sigma_240 checked against hand-computed series and a two-pass stdev.

import { describe, expect, it } from 'vitest';
import { LogReturnVolatility, WilderAtr, atrSeries, sigmaSeries } from '../../../core/auction/volatility';

describe('Wilder ATR (TA-Lib convention)', () => {
  it('seeds with the mean TR of bars 1..period, then smooths by (prev × (n−1) + TR) / n (hand-computed)', () => {
    // [high, low, close]; TRs from bar 1: 2, 2, 4, 2, 7, 9 (the last bar gaps below the prior close).
    const bars: Array<[number, number, number]> = [
      [10, 8, 9],
      [11, 9, 10],
      [12, 10, 11],
      [15, 11, 14],
      [14, 12, 13],
      [20, 13, 19],
      [12, 10, 11],
    ];
    const atr = new WilderAtr(3);
    const out = bars.map(([h, l, c]) => atr.update(h, l, c));
    expect(out.slice(0, 3).every(Number.isNaN)).toBe(true);
    expect(out[3]).toBeCloseTo(8 / 3, 14);
    expect(out[4]).toBeCloseTo(22 / 9, 14);
    expect(out[5]).toBeCloseTo(107 / 27, 14);
    expect(out[6]).toBeCloseTo(457 / 81, 14);

    const bulk = atrSeries(
      Float64Array.from(bars, (b) => b[0]),
      Float64Array.from(bars, (b) => b[1]),
      Float64Array.from(bars, (b) => b[2]),
      3,
    );
    expect(Array.from(bulk)).toEqual(out);
  });

  it('defaults to seed 000 period 14', () => {
    expect(new WilderAtr().period).toBe(14);
  });
});

/** Independent two-pass sample stdev. */
function sampleStdev(xs: number[]): number {
  const mean = xs.reduce((a, b) => a + b, 0) / xs.length;
  return Math.sqrt(xs.reduce((a, x) => a + (x - mean) ** 2, 0) / (xs.length - 1));
}

describe('sigma_240: rolling stdev of 1-minute log returns of the mid (seed 003 §5.2)', () => {
  it('uses the sample stdev of the last `window` returns (hand-computed, window 3)', () => {
    const vol = new LogReturnVolatility(3);
    const out = [100, 101, 100, 102, 102].map((m) => vol.update(m));
    expect(out.slice(0, 3).every(Number.isNaN)).toBe(true);
    const r = [Math.log(101 / 100), Math.log(100 / 101), Math.log(102 / 100), 0];
    expect(out[3]).toBeCloseTo(sampleStdev(r.slice(0, 3)), 15);
    expect(out[4]).toBeCloseTo(sampleStdev(r.slice(1, 4)), 15);
    // Python: statistics.stdev([log(1.01), log(100/101), log(1.02)])
    expect(out[3]).toBeCloseTo(0.015156641009734854, 15);
  });

  it('needs 241 mids for the first 240-return value and tracks a long series without drift', () => {
    const n = 3000;
    const mid = new Float64Array(n);
    let p = 600_000;
    for (let i = 0; i < n; i++) {
      p += Math.round(40 * Math.sin(i * 0.37) + 25 * Math.cos(i * 1.13));
      mid[i] = p;
    }
    const sigma = sigmaSeries(mid);
    expect(Number.isNaN(sigma[239]!)).toBe(true);
    expect(Number.isNaN(sigma[240]!)).toBe(false);
    const returns = Array.from({ length: n }, (_, i) => (i === 0 ? NaN : Math.log(mid[i]! / mid[i - 1]!)));
    for (const t of [240, 241, 777, 1500, n - 1]) {
      const expected = sampleStdev(returns.slice(t - 239, t + 1));
      expect(Math.abs(sigma[t]! / expected - 1), `t=${t}`).toBeLessThan(1e-10);
    }
  });

  it('is NaN while the window holds a return from a missing mid', () => {
    const vol = new LogReturnVolatility(2);
    const out = [100, 101, NaN, 102, 103, 104, 105].map((m) => vol.update(m));
    // Returns: r1 ok, r2 NaN, r3 NaN, r4 ok, r5 ok, r6 ok.
    expect(out.slice(0, 5).every(Number.isNaN)).toBe(true);
    expect(out[5]).toBeCloseTo(sampleStdev([Math.log(103 / 102), Math.log(104 / 103)]), 15);
  });

  it('has no look-ahead: values over a prefix equal the same bars of the full series (ATR too)', () => {
    const n = 400;
    const mid = Float64Array.from({ length: n }, (_, i) => 50_000 + Math.round(300 * Math.sin(i / 9) + 90 * Math.cos(i / 2)));
    const high = mid.map((m, i) => m + 3 + (i % 4));
    const low = mid.map((m, i) => m - 2 - (i % 3));
    const full = sigmaSeries(mid);
    const fullAtr = atrSeries(high, low, mid);
    for (const k of [241, 300]) {
      expect(Array.from(sigmaSeries(mid.subarray(0, k)))).toEqual(Array.from(full.subarray(0, k)));
      expect(Array.from(atrSeries(high.subarray(0, k), low.subarray(0, k), mid.subarray(0, k)))).toEqual(Array.from(fullAtr.subarray(0, k)));
    }
  });
});
