// Daily resampling (UTC days, carry-forward over gaps, midnight marks) and the daily-return
// ratios: Sharpe, Sortino, Omega with 365-day annualisation, and CAGR over the exact span.

import { describe, expect, it } from 'vitest';
import { cagrPct, dailyRatios, resampleDaily } from '../../../core/report/daily';
import { DAY, H, T0 } from './fixtures';

describe('resampleDaily', () => {
  it('closes each UTC day on its last mark; a mark at midnight closes the day before', () => {
    const curve = [
      { ts: T0, equity: 100 },
      { ts: T0 + 5 * H, equity: 104 },
      { ts: T0 + DAY, equity: 110 }, // exactly 2024-01-02 00:00: the close of Jan 1
      { ts: T0 + DAY + H, equity: 99 },
    ];
    const d = resampleDaily(curve, 100, T0, T0 + 2 * DAY);
    expect(d.map((p) => p.dayTs)).toEqual([T0, T0 + DAY]);
    expect(d.map((p) => p.close)).toEqual([110, 99]);
    // 110/100 − 1 = 0.1; 99/110 − 1 = −0.1.
    expect(d[0]?.return).toBeCloseTo(0.1, 14);
    expect(d[1]?.return).toBeCloseTo(-0.1, 14);
  });

  it('carries the close forward over days without marks (a gap is a 0 return, not a missing day)', () => {
    // Marks on day 1 and day 3 of a 4-day run: day 2 and day 4 repeat the previous close.
    const curve = [
      { ts: T0, equity: 100 },
      { ts: T0 + 12 * H, equity: 120 },
      { ts: T0 + 2 * DAY + 12 * H, equity: 90 },
    ];
    const d = resampleDaily(curve, 100, T0, T0 + 4 * DAY);
    expect(d.map((p) => p.close)).toEqual([120, 120, 90, 90]);
    expect(d.map((p) => p.return)).toEqual([120 / 100 - 1, 0, 90 / 120 - 1, 0]);
  });

  it('a run ending mid-day still gets that day; a zero-length run gets none', () => {
    expect(resampleDaily([{ ts: T0, equity: 1 }], 1, T0, T0 + DAY + 1)).toHaveLength(2);
    expect(resampleDaily([{ ts: T0, equity: 1 }], 1, T0, T0)).toEqual([]);
  });

  it('stops once the account is at or below 0 (no return from a non-positive base)', () => {
    const curve = [
      { ts: T0, equity: 100 },
      { ts: T0 + H, equity: 0 },
    ];
    const d = resampleDaily(curve, 100, T0, T0 + 3 * DAY);
    expect(d.map((p) => p.return)).toEqual([-1]);
  });
});

describe('dailyRatios', () => {
  it('Sharpe, Sortino and Omega on returns 0.10, −0.05, 0.02, 0.03 (hand-computed)', () => {
    const r = dailyRatios([0.1, -0.05, 0.02, 0.03]);
    // mean = 0.10 / 4 = 0.025. Deviations 0.075, −0.075, −0.005, 0.005 → Σ² = 0.0113, /3 → std = √0.0037667.
    const std = Math.sqrt(0.0113 / 3);
    expect(r.sharpe).toBeCloseTo((0.025 / std) * Math.sqrt(365), 10); // ≈ 7.782
    // Downside √(0.05² / 4) = 0.025 → Sortino = 0.025/0.025 · √365 ≈ 19.105.
    expect(r.sortino).toBeCloseTo(Math.sqrt(365), 10);
    // Omega: (0.10 + 0.02 + 0.03) / 0.05 = 3.
    expect(r.omega).toBeCloseTo(3, 12);
    expect(r.days).toBe(4);
  });

  it('no losing day: Sortino and Omega are +Infinity (x / 0); constant returns give Sharpe ±Infinity', () => {
    const r = dailyRatios([0.01, 0.02]);
    expect(r.sortino).toBe(Infinity);
    expect(r.omega).toBe(Infinity);
    expect(dailyRatios([0.01, 0.01]).sharpe).toBe(Infinity);
    expect(dailyRatios([-0.01, -0.01]).sharpe).toBe(-Infinity);
  });

  it('flat equity: every ratio is 0/0 → null', () => {
    expect(dailyRatios([0, 0, 0])).toEqual({ days: 3, sharpe: null, sortino: null, omega: null });
  });

  it('fewer than two days: no ratios', () => {
    expect(dailyRatios([0.05])).toEqual({ days: 1, sharpe: null, sortino: null, omega: null });
  });
});

describe('cagrPct', () => {
  it('compounds over the exact span in 365-day years', () => {
    expect(cagrPct(100, 121, 730 * DAY)).toBeCloseTo(10, 10); // 1.21^(1/2) − 1
    expect(cagrPct(100, 50, 365 * DAY)).toBeCloseTo(-50, 10);
    // Half a year doubling: 2^(1/0.5) − 1 = 300 %.
    expect(cagrPct(100, 200, 182.5 * DAY)).toBeCloseTo(300, 8);
  });

  it('a blown account is −100 %; a zero-length run has no CAGR', () => {
    expect(cagrPct(100, 0, DAY)).toBe(-100);
    expect(cagrPct(100, -5, DAY)).toBe(-100);
    expect(cagrPct(100, 110, 0)).toBeNull();
  });
});
