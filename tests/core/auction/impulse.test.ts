// Impulse legs from breakouts and from seed 000's fixed window, and the LVNs a pullback meets.

import { describe, expect, it } from 'vitest';
import { ImpulseTracker, isAtLvn, lvnsOnLeg, nearestLvn, windowImpulseLeg, type ImpulseLeg } from '../../../core/auction/impulse';

describe('impulse leg from a breakout out of balance (seed 002 Phase 2)', () => {
  // [high, low, state]
  const bars: Array<[number, number, number]> = [
    [1002, 998, 0], // 0
    [1001, 996, 0], // 1: lowest low of the run-up
    [1003, 999, 0], // 2
    [1008, 1000, 0], // 3
    [1014, 1006, 1], // 4: breakout bar, state turns UP
    [1020, 1012, 1], // 5
    [1018, 1010, 1], // 6: no new high
    [1016, 1008, 0], // 7: back to balance, leg frozen
    [1025, 1015, 0], // 8: new high outside the imbalance is not part of the leg
    [1024, 1012, -1], // 9: a down breakout starts a new leg
  ];

  it('starts at the breakout, anchors the origin at the lowest low of the last 5 bars, and extends while UP', () => {
    const tracker = new ImpulseTracker();
    const legs = bars.map(([h, l, s]) => tracker.update(h, l, s));
    expect(legs.slice(0, 4)).toEqual([null, null, null, null]);
    expect(legs[4]).toEqual({ direction: 1, startIndex: 1, startPrice: 996, endIndex: 4, endPrice: 1014, low: 996, high: 1014, active: true });
    expect(legs[5]).toMatchObject({ endIndex: 5, endPrice: 1020, high: 1020, active: true });
    expect(legs[6]).toMatchObject({ endIndex: 5, endPrice: 1020, active: true });
    const frozen: ImpulseLeg = { direction: 1, startIndex: 1, startPrice: 996, endIndex: 5, endPrice: 1020, low: 996, high: 1020, active: false };
    expect(legs[7]).toEqual(frozen);
    expect(legs[8]).toEqual(frozen);
    // Down leg origin: highest high of bars 5..9 (1025 at bar 8); its low so far is bar 9's 1012
    // (bar 7's 1008 came before the origin, so it is not part of this leg).
    expect(legs[9]).toEqual({ direction: -1, startIndex: 8, startPrice: 1025, endIndex: 9, endPrice: 1012, low: 1012, high: 1025, active: true });
  });

  it('starts a fresh leg when an imbalance resumes after balance', () => {
    const tracker = new ImpulseTracker({ originLookback: 1 });
    tracker.update(1010, 1000, 1);
    tracker.update(1020, 1010, 0);
    const leg = tracker.update(1030, 1021, 1);
    expect(leg).toMatchObject({ direction: 1, startIndex: 2, startPrice: 1021, endPrice: 1030, active: true });
  });

  it('is unaffected by later bars: the leg at bar t is the same whatever follows', () => {
    const a = new ImpulseTracker();
    const b = new ImpulseTracker();
    const legsA = bars.slice(0, 7).map(([h, l, s]) => a.update(h, l, s));
    const legsB = bars.map(([h, l, s]) => b.update(h, l, s));
    expect(legsB.slice(0, 7)).toEqual(legsA);
  });
});

describe('seed 000 window impulse (last N candles)', () => {
  it('spans the last N bars, oriented by the net move', () => {
    const open = [100, 101, 99, 103, 104, 108];
    const close = [101, 99, 103, 104, 108, 107];
    const high = [102, 102, 104, 105, 110, 109];
    const low = [99, 97, 98, 102, 103, 106];
    expect(windowImpulseLeg(high, low, open, close, 5, 5)).toEqual({
      direction: 1,
      startIndex: 1,
      startPrice: 97,
      endIndex: 4,
      endPrice: 110,
      low: 97,
      high: 110,
      active: true,
    });
    expect(windowImpulseLeg(high, low, open, close, 3, 5)).toBeNull();
    const down = windowImpulseLeg(high, low, open, [101, 99, 103, 104, 108, 100], 5, 5);
    expect(down).toMatchObject({ direction: -1, startIndex: 4, startPrice: 110, endIndex: 1, endPrice: 97 });
  });
});

describe('LVNs on the leg', () => {
  const up: ImpulseLeg = { direction: 1, startIndex: 0, startPrice: 1000, endIndex: 9, endPrice: 1030, low: 1000, high: 1030, active: true };

  it('keeps LVNs inside the leg (bounds included), in the order a pullback meets them', () => {
    const lvns = [995, 1000, 1003, 1031, 1010, 1020, 1030];
    expect(lvnsOnLeg(up, lvns)).toEqual([1030, 1020, 1010, 1003, 1000]);
    expect(lvnsOnLeg({ ...up, direction: -1 }, lvns)).toEqual([1000, 1003, 1010, 1020, 1030]);
    expect(lvnsOnLeg(up, [])).toEqual([]);
  });

  it('finds the nearest LVN (the lower on a tie) and tests the 0.5 ATR zone inclusively', () => {
    expect(nearestLvn(1012, [1003, 1010, 1020])).toBe(1010);
    expect(nearestLvn(1015, [1020, 1010])).toBe(1010);
    expect(nearestLvn(1015, [])).toBeNull();
    expect(isAtLvn(1012, 1010, 4)).toBe(true);
    expect(isAtLvn(1012.5, 1010, 4)).toBe(false);
  });
});
