// The running-sum sigma of VolatilityBinWidth against the exact two-pass stdev of the same
// returns, over long runs with trends, volatility regimes, flat stretches and data gaps.

import { describe, expect, it } from 'vitest';
import { proposeBinWidthTicks, sampleStdev, VolatilityBinWidth } from '../../../core/profile/bin-width';
import { rollingProfileConfig } from '../../../core/profile/config';
import { seededRng } from './prng';

const MIN = 60_000;

describe('VolatilityBinWidth running sums', () => {
  it('stays within 1e-12 relative of the two-pass stdev over 50,000 minutes, and proposes the same widths', () => {
    const window = 240;
    const cfg = rollingProfileConfig({ rollingWindowMinutes: window, baseBinTicks: 10 });
    const tracker = new VolatilityBinWidth(cfg);
    const rng = seededRng(11);
    const returns: number[] = [];
    let price = 650_000;
    let last = NaN;
    let ts = Date.UTC(2025, 0, 1);
    let worst = 0;
    for (let m = 0; m < 50_000; m++) {
      // Regimes of 2,000 minutes: calm, wild, trending, and flat (a constant price).
      const regime = Math.floor(m / 2_000) % 4;
      if (regime === 0) price += rng.int(-80, 80);
      else if (regime === 1) price += rng.int(-2_000, 2_000);
      else if (regime === 2) price += 300 + rng.int(-5, 5);
      // A gap longer than the window now and then: the tracker starts over, and so does the reference.
      ts += m % 9_973 === 9_972 ? (window + 5) * MIN : MIN;
      if (m % 9_973 === 9_972) {
        returns.length = 0;
        last = NaN;
      }
      const state = tracker.update(ts, price);
      if (Number.isFinite(last)) returns.push(Math.log(price / last));
      last = price;
      const tail = Float64Array.from(returns.slice(-window));
      const exact = sampleStdev(tail, tail.length);
      if (tail.length < 2) {
        expect(state.sigma).toBeNaN();
        continue;
      }
      const err = Math.abs(state.sigma - exact);
      // A flat window is exactly zero in both; elsewhere compare relative to the spread.
      if (exact === 0) expect(state.sigma).toBeLessThan(1e-15);
      else worst = Math.max(worst, err / exact);
      const ticks = proposeBinWidthTicks(price, exact, cfg.alphaBin, cfg.binWidthMaxTicks);
      expect(state.proposedTicks).toBe(Math.max(1, Math.round(ticks / 10)) * 10);
    }
    expect(worst).toBeLessThan(1e-12);
  });

  it('an infinite mid gives the same sigma as the two-pass stdev while it is in the window, and none after', () => {
    const cfg = rollingProfileConfig({ rollingWindowMinutes: 5 });
    const tracker = new VolatilityBinWidth(cfg);
    const t0 = Date.UTC(2025, 0, 1);
    const mids = [1000, 1001, 1003, Infinity, 1002, 1000, 1004, 1001, 1003, 1002, 1000, 1005];
    const returns: number[] = [];
    for (let m = 0; m < mids.length; m++) {
      const mid = mids[m]!;
      const prev = mids[m - 1];
      if (prev !== undefined && Number.isFinite(prev) && prev > 0 && mid > 0) returns.push(Math.log(mid / prev));
      const tail = Float64Array.from(returns.slice(-5));
      const exact = sampleStdev(tail, tail.length);
      const sigma = tracker.update(t0 + m * MIN, mid).sigma;
      if (Number.isNaN(exact)) expect(sigma).toBeNaN();
      else expect(sigma).toBeCloseTo(exact, 14);
    }
  });
});
