// The normal CDF behind BVC against libm erfc reference values, tails and symmetry.

import { describe, expect, it } from 'vitest';
import { normalCdf, normalCdfOf } from '../../../core/flow/normal-cdf';

// Reference values: Python 3 `0.5 * math.erfc(-x / math.sqrt(2))` (C libm erfc), an
// implementation independent of ours.
const REFERENCE: ReadonlyArray<readonly [number, number]> = [
  [0, 0.5],
  [0.5, 0.6914624612740131],
  [1, 0.8413447460685429],
  [1.96, 0.9750021048517795],
  [2, 0.9772498680518208],
  [3, 0.9986501019683699],
  [-1, 0.15865525393145707],
  [-3, 0.0013498980316300957],
  [-6, 9.865876450377012e-10],
  [-8, 6.220960574271819e-16],
  [5.5, 0.9999999810104375],
  [7.5, 0.9999999999999681],
];

describe('normalCdf', () => {
  it('matches libm erfc-based values to 1e-12 absolute', () => {
    for (const [x, p] of REFERENCE) expect(Math.abs(normalCdf(x) - p), `x=${x}`).toBeLessThan(1e-12);
  });

  it('keeps relative precision deep in the lower tail (better than 1e-7 at x = -8)', () => {
    expect(normalCdf(-6) / 9.865876450377012e-10).toBeCloseTo(1, 8);
    expect(normalCdf(-8) / 6.220960574271819e-16).toBeCloseTo(1, 7);
  });

  it('is symmetric: Φ(x) + Φ(−x) = 1', () => {
    for (let x = -5; x <= 5; x += 0.37) expect(normalCdf(x) + normalCdf(-x)).toBeCloseTo(1, 14);
  });

  it('standardises with mean and std as seed 003 writes NormalCDF(x, 0, std)', () => {
    expect(normalCdfOf(2, 0, 2)).toBe(normalCdf(1));
    expect(normalCdfOf(5, 3, 1)).toBe(normalCdf(2));
  });

  it('returns NaN for NaN and saturates at the extremes', () => {
    expect(normalCdf(NaN)).toBeNaN();
    expect(normalCdf(40)).toBe(1);
    expect(normalCdf(-40)).toBe(0);
  });
});
