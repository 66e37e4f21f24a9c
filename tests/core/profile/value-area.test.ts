import { describe, expect, it } from 'vitest';
import { computeValueArea } from '../../../core/profile/value-area';
import { aggregateBins, LevelsCalculator } from '../../../core/profile/profile-levels';
import { TickHistogram } from '../../../core/profile/tick-histogram';
import { seededRng } from './prng';
import { plainLevels, plainValueArea } from './plain-profile';

const va = (bins: number[], fraction = 0.7) => computeValueArea(Float64Array.from(bins), fraction);

describe('computeValueArea on toy histograms (hand-computed)', () => {
  it('expands to the heavier neighbour until 70% is covered', () => {
    // total 12; POC 5 (5/12); +3 above (8/12 = .667); below 2 beats above 1 (10/12 = .833).
    const r = va([1, 2, 5, 3, 1]);
    expect(r).toMatchObject({ valid: true, pocIndex: 2, valIndex: 1, vahIndex: 3, total: 12 });
    expect(r.coverage).toBeCloseTo(10 / 12, 15);
  });

  it('on equal neighbours adds the lower bin first', () => {
    // total 19; POC 10 (.526); 4 below = 4 above -> below: 14/19 = .737, done.
    expect(va([0, 1, 4, 10, 4, 0])).toMatchObject({ pocIndex: 3, valIndex: 2, vahIndex: 3 });
  });

  it('stops exactly at 70% (ratio test, no 0.7 * total rounding surprise)', () => {
    expect(va([30, 70])).toMatchObject({ pocIndex: 1, valIndex: 1, vahIndex: 1, coverage: 0.7 });
    expect(va([3, 7])).toMatchObject({ pocIndex: 1, valIndex: 1, vahIndex: 1, coverage: 0.7 });
  });

  it('with the POC at the low edge expands only upward', () => {
    // total 15: 10 (.667) then 3 (.867).
    const r = va([10, 3, 1, 1]);
    expect(r).toMatchObject({ pocIndex: 0, valIndex: 0, vahIndex: 1 });
    expect(r.coverage).toBeCloseTo(13 / 15, 15);
  });

  it('with the POC at the high edge expands only downward', () => {
    expect(va([1, 1, 3, 10])).toMatchObject({ pocIndex: 3, valIndex: 2, vahIndex: 3 });
  });

  it('walks across empty bins inside the range', () => {
    // total 7: 4 (.571), nothing below, so 0, 0, then 3.
    expect(va([4, 0, 0, 3])).toMatchObject({ pocIndex: 0, valIndex: 0, vahIndex: 3, coverage: 1 });
  });

  it('POC ties go to the bin closest to the volume-weighted centre, then the lower one', () => {
    // centre = (0*5 + 1*1 + 2*5) / 11 = 1: bins 0 and 2 equally close -> 0.
    expect(va([5, 1, 5]).pocIndex).toBe(0);
    // centre = 17/13 = 1.31: bin 2 is closer than bin 0.
    expect(va([5, 1, 5, 2]).pocIndex).toBe(2);
    // A flat top picks its middle.
    expect(va([4, 4, 4]).pocIndex).toBe(1);
    expect(va([1, 4, 4, 4, 4, 1]).pocIndex).toBe(2);
  });

  it('an empty histogram is invalid, not an error', () => {
    expect(va([]).valid).toBe(false);
    expect(va([0, 0, 0])).toMatchObject({ valid: false, pocIndex: -1, valIndex: -1, vahIndex: -1, total: 0 });
  });

  it('fraction 1 covers every non-empty bin and no empty tail', () => {
    expect(va([0, 5, 0], 1)).toMatchObject({ pocIndex: 1, valIndex: 1, vahIndex: 1, coverage: 1 });
    // Empty edge bins are outside the profile even when the expansion rule would tie into them.
    expect(va([0, 5, 0, 1], 1)).toMatchObject({ pocIndex: 1, valIndex: 1, vahIndex: 3 });
    expect(va([2, 5, 1], 1)).toMatchObject({ valIndex: 0, vahIndex: 2, coverage: 1 });
  });

  it('reads only the [from, to) window and reports absolute indices', () => {
    const r = computeValueArea(Float64Array.from([100, 1, 2, 5, 3, 1, 100]), 0.7, 1, 6);
    expect(r).toMatchObject({ pocIndex: 3, valIndex: 2, vahIndex: 4, total: 12 });
  });

  it('matches a plain recomputation on random histograms with many ties', () => {
    const rng = seededRng(7);
    for (let c = 0; c < 2000; c++) {
      const n = rng.int(1, 30);
      const bins = Array.from({ length: n }, () => (rng.next() < 0.25 ? 0 : rng.int(1, 6)));
      const fraction = rng.pick([0.5, 0.68, 0.7, 0.8, 1]);
      const got = computeValueArea(Float64Array.from(bins), fraction);
      const want = plainValueArea(new Map(bins.map((v, i) => [i, v])), fraction);
      expect(got.valid).toBe(want.valid);
      if (!want.valid) continue;
      expect(got.pocIndex).toBe(want.poc);
      expect(got.valIndex).toBe(want.val);
      expect(got.vahIndex).toBe(want.vah);
    }
  });
});

describe('aggregation to wider bins (seed 003 §5.4.3) and levels in ticks', () => {
  const histogramOf = (entries: [number, number][]): TickHistogram => {
    const h = new TickHistogram(4);
    for (const [key, v] of entries) h.add(key, v);
    return h;
  };

  it('groups base bins by floor(key / k), including a partial first group', () => {
    const h = histogramOf([
      [103, 1],
      [104, 2],
      [105, 4],
      [109, 8],
      [110, 16],
    ]);
    const out = new Float64Array(8);
    // k = 5: bins 100..104 -> 3, 105..109 -> 12, 110..114 -> 16.
    expect(aggregateBins(h, 5, out)).toBe(3);
    expect(Array.from(out.subarray(0, 3))).toEqual([3, 12, 16]);
  });

  it('reports POC / VAL / VAH as low edges of the aggregated bins', () => {
    const h = histogramOf([
      [103, 1],
      [104, 2],
      [105, 4],
      [109, 8],
      [110, 16],
    ]);
    // Agg bins [100): 3, [105): 12, [110): 16; total 31; POC 110 (.516), then 12 (.903).
    const levels = new LevelsCalculator().compute(h, 1, 5, 0.7);
    expect(levels).toMatchObject({ valid: true, binTicks: 5, poc: 110, val: 105, vah: 110, total: 31 });
    // At 1-tick bins the levels are traded prices: POC 110 (16/31), then 109 (8) -> .774.
    expect(new LevelsCalculator().compute(h, 1, 1, 0.7)).toMatchObject({ binTicks: 1, poc: 110, val: 109, vah: 110 });
  });

  it('rounds the bin width to whole base bins (k = round(width / base))', () => {
    const h = histogramOf([[50, 1]]); // base 2 ticks: key 50 = ticks 100..101
    const levels = new LevelsCalculator().compute(h, 2, 7, 0.7); // k = round(3.5) = 4 -> 8 ticks
    expect(levels).toMatchObject({ binTicks: 8, poc: 96, val: 96, vah: 96 });
  });

  it('empty histogram gives invalid levels', () => {
    expect(new LevelsCalculator().compute(new TickHistogram(), 1, 5, 0.7).valid).toBe(false);
  });

  it('matches a Map-based recomputation on random histograms and widths', () => {
    const rng = seededRng(11);
    const calc = new LevelsCalculator();
    for (let c = 0; c < 500; c++) {
      const base = rng.pick([1, 2, 5]);
      const h = new TickHistogram(8);
      const map = new Map<number, number>();
      const centre = rng.int(-50, 5000);
      for (let t = rng.int(1, 60); t > 0; t--) {
        const key = centre + rng.int(-40, 40);
        const v = rng.int(1, 8) * 0.25;
        h.add(key, v);
        map.set(key, (map.get(key) ?? 0) + v);
      }
      const width = rng.int(1, 30);
      const got = calc.compute(h, base, width, 0.7);
      const want = plainLevels(map, base, width, 0.7);
      expect({ poc: got.poc, val: got.val, vah: got.vah, total: got.total }).toEqual({ poc: want.poc, val: want.val, vah: want.vah, total: want.total });
    }
  });
});
