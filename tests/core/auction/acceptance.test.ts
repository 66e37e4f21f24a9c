// Acceptance counters walked bar by bar against a fixed and a moving value area.

import { describe, expect, it } from 'vitest';
import { AcceptanceCounter } from '../../../core/auction/acceptance';

describe('acceptance counters (seed 003 §6.2)', () => {
  it('counts consecutive closes above VAH, below VAL and inside after an excursion (VAH 110, VAL 90)', () => {
    const acc = new AcceptanceCounter();
    const step = (h: number, l: number, c: number) => acc.update(h, l, c, 110, 90);

    let s = step(105, 95, 100);
    expect([s.closesInside, s.insideAfterExcursion, s.acceptedInside]).toEqual([1, 0, false]);

    expect(step(112, 100, 111).closesAbove).toBe(1);
    expect(step(113, 108, 112).acceptedAbove).toBe(false);
    s = step(115, 109, 114);
    // Third consecutive close above: accepted with accept_outside_k = 3.
    expect([s.closesAbove, s.acceptedAbove]).toEqual([3, true]);

    // Back inside after poking above: a failed breakout, inside acceptance at once (k = 1).
    s = step(114, 105, 108);
    expect([s.closesAbove, s.closesInside, s.insideAfterExcursion, s.acceptedInside, s.acceptedAbove]).toEqual([0, 1, 1, true, false]);
    s = step(109, 95, 100);
    expect([s.closesInside, s.insideAfterExcursion]).toEqual([2, 2]);

    // A break-in from below: low under VAL, close back inside restarts the count at 1.
    s = step(100, 85, 92);
    expect([s.closesInside, s.insideAfterExcursion]).toEqual([3, 1]);

    s = step(95, 80, 85);
    expect([s.closesBelow, s.closesInside, s.insideAfterExcursion, s.acceptedInside]).toEqual([1, 0, 0, false]);
    // The close at exactly VAL is inside (VAL <= close <= VAH); the excursion was the close below.
    s = step(91, 88, 90);
    expect([s.closesBelow, s.closesInside, s.insideAfterExcursion]).toEqual([0, 1, 1]);
  });

  it('judges each close against its own minute’s value area', () => {
    const acc = new AcceptanceCounter({ acceptOutsideK: 2, acceptInsideK: 2 });
    expect(acc.update(106, 100, 105, 110, 90).closesInside).toBe(1);
    // The value area moved down: the same close is now above it.
    expect(acc.update(106, 100, 105, 104, 95).closesAbove).toBe(1);
    expect(acc.update(107, 103, 106, 104, 95).acceptedAbove).toBe(true);
    const s = acc.update(104, 100, 102, 104, 95);
    expect([s.insideAfterExcursion, s.acceptedInside]).toEqual([1, false]);
    expect(acc.update(103, 100, 101, 104, 95).acceptedInside).toBe(true);
  });

  it('breaks every run on a minute without a value area', () => {
    const acc = new AcceptanceCounter();
    acc.update(112, 100, 111, 110, 90);
    acc.update(112, 100, 111, 110, 90);
    const s = acc.update(112, 100, 111, NaN, NaN);
    expect([s.closesAbove, s.closesBelow, s.closesInside, s.insideAfterExcursion]).toEqual([0, 0, 0, 0]);
    expect(acc.update(112, 100, 111, 110, 90).closesAbove).toBe(1);
  });
});
