// Seed 000 stop management: break-even after 1.5 ATR, lock-in rounding, stops only tighten.

import { describe, expect, it } from 'vitest';
import { breakEvenDue, lockInStop, tighterStop } from '../../../core/risk/stop-rules';

describe('stop rules', () => {
  it('break-even is due once price has moved 1.5 ATR in favour', () => {
    // ATR 20 ticks: 1.5 ATR = 30 ticks
    expect(breakEvenDue('buy', 1_000, 1_030, 20)).toBe(true);
    expect(breakEvenDue('buy', 1_000, 1_029, 20)).toBe(false);
    expect(breakEvenDue('sell', 1_000, 970, 20)).toBe(true);
    expect(breakEvenDue('sell', 1_000, 1_030, 20)).toBe(false);
    expect(breakEvenDue('buy', 1_000, 2_000, 0)).toBe(false);
  });

  it('locks in a fraction of ATR beyond the entry, rounded away from it', () => {
    // long: ceil(1000.5 + 0.1 * 20) = ceil(1002.5) = 1003; short: floor(1000.5 - 2) = 998
    expect(lockInStop('buy', 1_000.5, 20, 0.1)).toBe(1_003);
    expect(lockInStop('sell', 1_000.5, 20, 0.1)).toBe(998);
    // after the first target, 0.25 ATR: 1000 + 5
    expect(lockInStop('buy', 1_000, 20, 0.25)).toBe(1_005);
  });

  it('never loosens a stop', () => {
    expect(tighterStop('buy', 990, 985)).toBe(990);
    expect(tighterStop('buy', 990, 995)).toBe(995);
    expect(tighterStop('sell', 1_010, 1_015)).toBe(1_010);
  });
});
