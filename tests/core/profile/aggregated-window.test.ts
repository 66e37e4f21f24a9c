// The rolling profile's wide bins are kept between minute closes and only the changed ones are
// summed again; the levels must be exactly (bit for bit, coverage and total included) the ones
// summed from scratch over the same window, through regrowth, gaps that empty the window,
// width changes and stretches where nobody read the levels.

import { describe, expect, it } from 'vitest';
import { LevelsCalculator } from '../../../core/profile/profile-levels';
import { RollingProfile } from '../../../core/profile/rolling-profile';
import { seededRng } from './prng';

const MIN = 60_000;
const T0 = Date.UTC(2024, 6, 18, 0, 0);

describe('RollingProfile wide bins kept between minute closes', () => {
  it('equal the from-scratch levels bit for bit at every minute close on random streams', () => {
    let compared = 0;
    let incremental = 0;
    for (let c = 0; c < 40; c++) {
      const rng = seededRng(5000 + c);
      const windowMinutes = rng.int(5, 240);
      const baseBinTicks = rng.pick([1, 1, 2, 5]);
      const widths = [2, 3, 7, 10, 31].map((w) => w * baseBinTicks);
      let width = rng.pick(widths);
      const scratch = new LevelsCalculator();
      let skipUntil = -1;
      const profile = new RollingProfile({ rollingWindowMinutes: windowMinutes, baseBinTicks }, (minute, p) => {
        // Levels sometimes go unread for a while, and the width sometimes changes.
        if (minute < skipUntil) return;
        if (rng.next() < 0.02) skipUntil = minute + rng.int(1, 80) * MIN;
        if (rng.next() < 0.03) width = rng.pick(widths);
        const got = p.levels(width);
        const want = scratch.compute(p, baseBinTicks, width, p.config.vaFraction);
        expect(got).toEqual(want);
        if (got.valid) expect([Object.is(got.coverage, want.coverage), Object.is(got.total, want.total)]).toEqual([true, true]);
        compared++;
      });
      let price = 1_000_000 + rng.int(-5_000, 5_000);
      for (let m = 0; m < 900; m++) {
        if (rng.next() < 0.1) continue;
        if (rng.next() < 0.01) m += rng.int(1, 300);
        // Trends push the window past its array now and then (regrowth).
        const drift = rng.next() < 0.05 ? rng.int(-400, 400) : 0;
        const n = rng.int(1, 30);
        for (let t = 0; t < n; t++) {
          price += rng.int(-6, 6) + (t === 0 ? drift : 0);
          profile.addTrade(T0 + m * MIN + t, price, rng.next() * 3 + 0.001);
        }
      }
      profile.advanceTo(Infinity);
      incremental++;
    }
    expect(incremental).toBe(40);
    expect(compared).toBeGreaterThan(8_000);
  });
});
