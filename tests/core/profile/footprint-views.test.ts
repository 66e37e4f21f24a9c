// Footprint levels grouped into coarser steps, minutes merged into a higher timeframe's bar, and
// a profile read from footprints: checked against hand-counted cells.

import { describe, expect, it } from 'vitest';
import { footprintsProfile, groupFootprintLevels, mergeFootprints, readGridProfile } from '../../../core/profile/footprint-views';

// Rows of 10 ticks from 1000 (100.0 USD at 0.1 ticks): 1000, 1010, 1020, 1030, 1040.
const bar = { ts: 60_000, levelTicks: 10, firstLevelPrice: 1000, bid: [1, 2, 0, 4, 5], ask: [0.5, 0, 3, 1, 2] };

describe('grouping footprint levels into a coarser price step', () => {
  it('sums the rows falling in each new level, aligned on multiples of the new level', () => {
    // Step 2 -> 20-tick levels: 1000 [1000,1010], 1020 [1020,1030], 1040 [1040].
    const g = groupFootprintLevels(bar, 2);
    expect(g.levelTicks).toBe(20);
    expect(g.firstLevelPrice).toBe(1000);
    expect(g.bid).toEqual([3, 4, 5]);
    expect(g.ask).toEqual([0.5, 4, 2]);
    // Volumes 3.5, 8, 7: the POC is the 1020 level.
    expect(g.pocPrice).toBe(1020);
  });

  it('aligns a bar that does not start on the new level', () => {
    // Step 3 -> 30-tick levels keyed floor(level / 3): levels 100..104 fall in 33, 33, 34, 34, 34.
    const g = groupFootprintLevels(bar, 3);
    expect(g.firstLevelPrice).toBe(990);
    expect(g.bid).toEqual([3, 9]);
    expect(g.ask).toEqual([0.5, 6]);
  });

  it('keeps the bar as it is at step 1', () => {
    const g = groupFootprintLevels(bar, 1);
    expect(g.bid).toEqual(bar.bid);
    expect(g.pocPrice).toBe(1040);
  });
});

describe('merging minutes into one bar', () => {
  it('adds the cells level by level over the union of the levels', () => {
    const other = { ts: 120_000, levelTicks: 10, firstLevelPrice: 1030, bid: [1, 0, 2], ask: [0, 1, 1] };
    const m = mergeFootprints([bar, other], 0)!;
    expect(m.ts).toBe(0);
    expect(m.firstLevelPrice).toBe(1000);
    expect(m.bid).toEqual([1, 2, 0, 5, 5, 2]);
    expect(m.ask).toEqual([0.5, 0, 3, 1, 3, 1]);
  });

  it('refuses bars of different level sizes', () => {
    expect(() => mergeFootprints([bar, { ...bar, levelTicks: 20 }], 0)).toThrow(RangeError);
  });
});

describe('the profile of footprint bars', () => {
  it('reads POC, value area and volume nodes from bid + ask per level', () => {
    const p = footprintsProfile([bar])!;
    expect(p.volumes).toEqual([1.5, 2, 3, 5, 7]);
    const r = readGridProfile(p)!;
    // Total 18.5; POC 1040 (7); add 1030 (5) -> 12; add 1020 (3) -> 15 = 81% >= 70%.
    expect(r.poc).toBe(1040);
    expect(r.vah).toBe(1040);
    expect(r.val).toBe(1020);
  });
});
