// aggregateBins (four interior bins summed side by side) against the one-bin-at-a-time loop it
// replaced, bit for bit, over random histograms, widths and edges.

import { describe, expect, it } from 'vitest';
import { aggregateBins, type BaseHistogramView } from '../../../core/profile/profile-levels';
import { mulberry32 } from '../flow/synthetic-ticks';
import { sameBits } from '../market/random-tape';

function plainAggregate(view: BaseHistogramView, k: number): Float64Array {
  const firstAgg = Math.floor(view.lo / k);
  const count = Math.floor(view.hi / k) - firstAgg + 1;
  const out = new Float64Array(count);
  for (let a = 0; a < count; a++) {
    const start = Math.max(view.lo, (firstAgg + a) * k);
    const end = Math.min(view.hi, (firstAgg + a) * k + k - 1);
    let sum = 0;
    for (let key = start; key <= end; key++) sum += view.volumes[key - view.origin]!;
    out[a] = sum;
  }
  return out;
}

describe('aggregateBins', () => {
  it('matches the plain loop bit for bit for any width and edges', () => {
    const rnd = mulberry32(77);
    for (let trial = 0; trial < 400; trial++) {
      const size = 1 + Math.floor(rnd() * 3000);
      const volumes = new Float64Array(size + 20);
      for (let i = 0; i < volumes.length; i++) volumes[i] = rnd() < 0.2 ? 0 : Math.round(rnd() * 5000) / 1000 + 1e-9 * rnd();
      const origin = 640_000 + Math.floor(rnd() * 1000) - 500;
      const lo = origin + Math.floor(rnd() * 10);
      const hi = lo + size - 1;
      const view = { volumes, origin, lo, hi };
      const k = 1 + Math.floor(rnd() * (rnd() < 0.5 ? 8 : 300));
      const out = new Float64Array(size + 2);
      const count = aggregateBins(view, k, out);
      const expected = plainAggregate(view, k);
      expect(count).toBe(expected.length);
      expect(sameBits(out.subarray(0, count), expected)).toBe(true);
    }
  });
});
