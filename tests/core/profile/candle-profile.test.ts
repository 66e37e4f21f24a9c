import { describe, expect, it } from 'vitest';
import type { Bar } from '../../../core/market/bars';
import { candleColumnsFromBars, candleProfileByBinCount, candleProfileOnTicks } from '../../../core/profile/candle-profile';
import { localVolumeNodes, smoothProfile, thresholdVolumeNodes } from '../../../core/profile/volume-nodes';
import { seededRng } from './prng';

const cols = (rows: [low: number, high: number, volume: number][]) => ({
  low: rows.map((r) => r[0]),
  high: rows.map((r) => r[1]),
  volume: rows.map((r) => r[2]),
});

describe('candle volume profile (seed 000)', () => {
  it('spreads each candle evenly over the tick bins its low..high touched', () => {
    const p = candleProfileOnTicks(
      cols([
        [100, 103, 8], // 2 at each of 100..103
        [102, 102, 3], // 3 at 102
        [101, 105, 10], // 2 at each of 101..105
      ]),
    );
    expect(p.firstBinPrice).toBe(100);
    expect(Array.from(p.volumes)).toEqual([2, 4, 7, 4, 2, 2]);
  });

  it('uses floor-aligned wider bins shared with the trade profiles', () => {
    const p = candleProfileOnTicks(
      cols([
        [100, 103, 8], // bins 100 and 102: 4 each
        [103, 106, 9], // bins 102, 104, 106: 3 each
      ]),
      2,
    );
    expect(p.firstBinPrice).toBe(100);
    expect(Array.from(p.volumes)).toEqual([4, 7, 3, 3]);
  });

  it('reproduces seed 000 bin-count binning, the highest high landing in the last bin', () => {
    // min 0, max 10, 5 bins of 2: candle 1 covers bins 0..4 (10/2 = 5 clamps to 4), candle 2
    // at 5 is bin trunc(2.5) = 2.
    const p = candleProfileByBinCount(
      cols([
        [0, 10, 10],
        [5, 5, 4],
      ]),
      5,
    );
    expect(p.binSize).toBe(2);
    expect(Array.from(p.levels)).toEqual([1, 3, 5, 7, 9]);
    expect(Array.from(p.volumes)).toEqual([2, 2, 6, 2, 2]);
  });

  it('puts everything in one bin when all candles share one price, and is empty without candles', () => {
    expect(Array.from(candleProfileByBinCount(cols([[7, 7, 3]]), 3).volumes)).toEqual([3, 0, 0]);
    expect(candleProfileOnTicks(cols([])).volumes.length).toBe(0);
  });

  it('conserves volume and matches a per-tick recomputation on random candles', () => {
    const rng = seededRng(21);
    for (let c = 0; c < 50; c++) {
      const bars = Array.from({ length: rng.int(1, 40) }, () => {
        const low = rng.int(1000, 1100);
        return { low, high: low + rng.int(0, 30), volume: rng.int(1, 100) } as Bar;
      });
      const binTicks = rng.int(1, 7);
      const p = candleProfileOnTicks(candleColumnsFromBars(bars), binTicks);
      const want = new Map<number, number>();
      let total = 0;
      for (const b of bars) {
        const bins: number[] = [];
        for (let bin = Math.floor(b.low / binTicks); bin <= Math.floor(b.high / binTicks); bin++) bins.push(bin);
        for (const bin of bins) want.set(bin * binTicks, (want.get(bin * binTicks) ?? 0) + b.volume / bins.length);
        total += b.volume;
      }
      expect(p.volumes.reduce((s, v) => s + v, 0)).toBeCloseTo(total, 9);
      p.volumes.forEach((v, i) => expect(v).toBeCloseTo(want.get(p.firstBinPrice + i * binTicks) ?? 0, 9));
    }
  });
});

describe('HVN / LVN', () => {
  it('seed 000 threshold masks: HVN >= 75% of max, LVN <= 25% of max', () => {
    // max 8: HVN >= 6 (8, 6, 7), LVN <= 2 (1, 2).
    expect(thresholdVolumeNodes([1, 8, 6, 2, 3, 7])).toEqual({ hvn: [1, 2, 5], lvn: [0, 3] });
    // Crypto setting 0.20: HVN >= 6.4, LVN <= 1.6.
    expect(thresholdVolumeNodes([1, 8, 6, 2, 3, 7], 0.2)).toEqual({ hvn: [1, 5], lvn: [0] });
    expect(thresholdVolumeNodes([0, 0])).toEqual({ hvn: [], lvn: [] });
  });

  it('smooths with a centred average truncated at the edges', () => {
    expect(Array.from(smoothProfile([3, 0, 6, 3], 1))).toEqual([1.5, 3, 3, 4.5]);
  });

  it('local peaks and troughs, filtered by the seed thresholds; edge tails are not LVNs', () => {
    const profile = [1, 5, 9, 5, 1, 1, 6, 8, 6, 2];
    // Peaks 9 (idx 2) and 8 (idx 7) are >= 6.75; the trough is the plateau 4..5 (reported at 4).
    expect(localVolumeNodes(profile, { smoothRadius: 0 })).toEqual({ hvn: [2, 7], lvn: [4] });
    // A trough that is not thin enough is not an LVN: 5 > 25% of 9.
    expect(localVolumeNodes([2, 9, 5, 8, 1], { smoothRadius: 0 })).toEqual({ hvn: [1, 3], lvn: [] });
    // A lower peak (4 < 75% of 9) is not an HVN.
    expect(localVolumeNodes([9, 1, 4, 0], { smoothRadius: 0 })).toEqual({ hvn: [0], lvn: [1] });
  });

  it('keeps only nodes that stand out by the minimum prominence (10% of the maximum by default)', () => {
    // Troughs at 1 (10: its lower rim is the 20 to its right, before the 5), 3 (18: rims 20 and
    // 20) and 5 (5: rims 100 and 100). Prominence 10, 2 and 95 against a minimum of 10.
    const thinTail = [100, 10, 20, 18, 20, 5, 100];
    expect(localVolumeNodes(thinTail, { smoothRadius: 0 }).lvn).toEqual([1, 5]);
    expect(localVolumeNodes(thinTail, { smoothRadius: 0, minProminence: 0.11 }).lvn).toEqual([5]);
    expect(localVolumeNodes(thinTail, { smoothRadius: 0, minProminence: 0 }).lvn).toEqual([1, 3, 5]);
    // Peaks 100 (idx 1: drops to 60 on its left, 0 on its right: prominence 100 - 60 = 40),
    // 90 (idx 3: its left side reaches 100 after 85, so 90 - max(85, 0) = 5) and 80 at the
    // right edge (only its inner side, down to 0: 80).
    const ridge = [60, 100, 85, 90, 0, 80];
    expect(localVolumeNodes(ridge, { smoothRadius: 0, hvnMinFraction: 0.5 }).hvn).toEqual([1, 5]);
    expect(localVolumeNodes(ridge, { smoothRadius: 0, hvnMinFraction: 0.5, minProminence: 0.04 }).hvn).toEqual([1, 3, 5]);
  });
});
