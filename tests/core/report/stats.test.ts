// Numeric conventions of the report: sample stdev, type-7 quantiles and the division-by-zero rule.

import { describe, expect, it } from 'vitest';
import { mean, quantile, ratio, sampleStd, sum } from '../../../core/report/stats';

describe('report stats helpers', () => {
  it('sum and mean; the mean of nothing is null, not 0', () => {
    expect(sum([1, 2, 3.5])).toBe(6.5);
    expect(mean([1, 2, 3.5])).toBeCloseTo(6.5 / 3, 14);
    expect(mean([])).toBeNull();
  });

  it('sample stdev divides by n − 1 (hand-computed)', () => {
    // [2, 4, 4, 4, 5, 5, 7, 9]: mean 5, Σ(x−5)² = 9+1+1+1+0+0+4+16 = 32, 32/7 → √(32/7).
    expect(sampleStd([2, 4, 4, 4, 5, 5, 7, 9])).toBeCloseTo(Math.sqrt(32 / 7), 14);
    expect(sampleStd([3])).toBeNull();
  });

  it('quantiles interpolate between closest ranks (numpy default)', () => {
    // [1, 2, 2, 3]: p50 h = 1.5 → 2; p90 h = 2.7 → 2 + 0.7·(3 − 2) = 2.7; p99 h = 2.97 → 2.97.
    expect(quantile([3, 2, 1, 2], 0.5)).toBe(2);
    expect(quantile([3, 2, 1, 2], 0.9)).toBeCloseTo(2.7, 14);
    expect(quantile([3, 2, 1, 2], 0.99)).toBeCloseTo(2.97, 14);
    expect(quantile([7], 0.9)).toBe(7);
    expect(quantile([], 0.5)).toBeNull();
  });

  it('ratio: x/0 is ±Infinity by the sign of x, 0/0 is null', () => {
    expect(ratio(3, 4)).toBe(0.75);
    expect(ratio(3, 0)).toBe(Infinity);
    expect(ratio(-3, 0)).toBe(-Infinity);
    expect(ratio(0, 0)).toBeNull();
  });
});
