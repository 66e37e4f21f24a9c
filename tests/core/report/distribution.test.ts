// Spread paid and ambiguous-trade statistics (seed 003 §9.3) and the fixed-edge histogram.

import { describe, expect, it } from 'vitest';
import { ambiguousStats } from '../../../core/report/ambiguous';
import { histogram } from '../../../core/report/distribution';
import { spreadStats } from '../../../core/report/spread';
import { SIX_TRADES, trade } from './fixtures';

describe('histogram', () => {
  it('bins are [lo, hi); values outside go to underflow / overflow', () => {
    const h = histogram([-1, 0, 0.99, 1, 2.5, 3, 7], [0, 1, 3, 5]);
    // [0,1): 0, 0.99; [1,3): 1, 2.5; [3,5): 3; under −1; over 7.
    expect(h).toEqual({ edges: [0, 1, 3, 5], counts: [2, 2, 1], underflow: 1, overflow: 1 });
  });
});

describe('spreadStats', () => {
  it('six-trade fixture with the default edges', () => {
    // Per trade: T1 1 + 1 = 2, T3 2 (entry only), T4 0.5 + 0.5 = 1, T5 3 (exit only); T2, T6 none.
    const s = spreadStats(SIX_TRADES, [0, 0.5, 1, 2, 5, 10, 20, 50, 100]);
    expect(s.trades).toBe(4);
    expect(s.total).toBe(8);
    expect(s.average).toBe(2); // 8 / 4
    expect(s.averageEntry).toBeCloseTo(3.5 / 3, 14); // (1 + 2 + 0.5) / 3
    expect(s.averageExit).toBe(1.5); // (1 + 0.5 + 3) / 3
    // Sorted [1, 2, 2, 3]: p50 2, p90 2.7, p99 2.97.
    expect(s.quantiles?.p50).toBe(2);
    expect(s.quantiles?.p90).toBeCloseTo(2.7, 14);
    expect(s.quantiles?.p99).toBeCloseTo(2.97, 14);
    // 1 in [1,2); 2, 2, 3 in [2,5).
    expect(s.histogram.counts).toEqual([0, 0, 1, 3, 0, 0, 0, 0]);
    expect(s.histogram.underflow + s.histogram.overflow).toBe(0);
  });

  it('no trade reports a spread: average and quantiles null, not 0', () => {
    const s = spreadStats([trade({ id: 'a', netPnl: 1 })], [0, 1]);
    expect(s).toMatchObject({ trades: 0, total: 0, average: null, quantiles: null });
    expect(s.histogram.counts).toEqual([0]);
  });
});

describe('ambiguousStats', () => {
  it('mean, p90, max and share strictly above the threshold; NaN minutes are missing', () => {
    const a = ambiguousStats([0.1, 0.5, Number.NaN, 0.2, 0.4, 0.35], 0.35);
    // Values [0.1, 0.2, 0.35, 0.4, 0.5]: mean 1.55 / 5 = 0.31; p90 h = 3.6 → 0.4 + 0.6·0.1 = 0.46;
    // above 0.35: 0.4, 0.5 (0.35 itself is not above) → 2 / 5.
    expect(a.minutes).toBe(5);
    expect(a.missing).toBe(1);
    expect(a.mean).toBeCloseTo(0.31, 14);
    expect(a.p90).toBeCloseTo(0.46, 14);
    expect(a.max).toBe(0.5);
    expect(a.shareAboveThreshold).toBe(0.4);
    expect(a.threshold).toBe(0.35);
  });

  it('an empty or all-missing series has no statistics', () => {
    expect(ambiguousStats([Number.NaN], 0.35)).toMatchObject({ minutes: 0, missing: 1, mean: null, p90: null, max: null, shareAboveThreshold: null });
  });
});
