// The volume profile beside the chart, laid out by hand: one bar per bin with volume, length by
// volume over the largest, the POC bin gold and the value area blue, bins off screen left out;
// and the value-area lines the levels plugin draws across the chart, with their tags kept apart.

import { describe, expect, it } from 'vitest';
import type { MarketProfile } from '../../../core/api/areas/market';
import { spreadLabels, valueAreaLines } from '../../../renderer/src/chart/levels-plugin';
import { profileRows } from '../../../renderer/src/chart/profile-plugin';

const profile: MarketProfile = {
  kind: 'session', available: true, note: '', fromTs: 0, toTs: 0, binTicks: 5, firstBinPrice: 1000,
  volumes: [2, 0, 8, 4, 1], poc: 1010, vah: 1015, val: 1010, hvn: [], lvn: [], developing: [], naked: [],
};
/** One canvas px per tick, tick 2000 at the top. */
const y = (ticks: number): number => 2000 - ticks;

describe('profile rows', () => {
  it('draws each bin with volume, as long as its share of the largest, coloured by where it sits', () => {
    expect(profileRows(profile, y, 0, 2000, 120, 1)).toEqual([
      // Bin 1000-1005: 2 of 8 -> 30 px, below VAL.
      { price: 1000, kind: 'outside', yTop: 995, h: 4, w: 30 },
      // Bin 1005 has no volume.
      { price: 1010, kind: 'poc', yTop: 985, h: 4, w: 120 },
      // VAH is a bin low edge: the 1015 bin is inside the value area.
      { price: 1015, kind: 'value', yTop: 980, h: 4, w: 60 },
      { price: 1020, kind: 'outside', yTop: 975, h: 4, w: 15 },
    ]);
  });

  it('leaves out bins above or below the plot, and keeps a sliver for a tiny volume', () => {
    // Plot from y 981: the 1020 bin (975-980) is above it.
    expect(profileRows(profile, y, 981, 1000, 120, 1).map((r) => r.price)).toEqual([1000, 1010, 1015]);
    const tiny = profileRows({ ...profile, volumes: [1000, 0.001] }, y, 0, 2000, 120, 2);
    expect(tiny.map((r) => r.w)).toEqual([120, 2]);
  });
});

describe('value-area lines', () => {
  it('puts VAL at its bin’s low edge, VAH at its bin’s top edge and the POC through its bin’s middle', () => {
    const lines = valueAreaLines(profile, 0.1)!;
    expect(lines.val).toBeCloseTo(101.0, 9);
    expect(lines.vah).toBeCloseTo(102.0, 9);
    expect(lines.poc).toBeCloseTo(101.25, 9);
    expect(lines.pocLabel).toBeCloseTo(101.0, 9);
    expect(valueAreaLines({ ...profile, available: false }, 0.1)).toBeNull();
    expect(valueAreaLines({ ...profile, vah: null }, 0.1)).toBeNull();
    expect(valueAreaLines(null, 0.1)).toBeNull();
  });

  it('pushes tags closer than a tag’s height apart, downwards, keeping their order', () => {
    expect(spreadLabels([100, 105, 300], 13)).toEqual([100, 113, 300]);
    expect(spreadLabels([105, 100, 104], 13)).toEqual([126, 100, 113]);
  });
});
