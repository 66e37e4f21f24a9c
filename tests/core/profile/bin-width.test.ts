import { describe, expect, it } from 'vitest';
import { proposeBinWidthTicks, sampleStdev, shouldRebucket, VolatilityBinWidth } from '../../../core/profile/bin-width';
import { DEFAULT_ROLLING_PROFILE_CONFIG, rollingProfileConfig } from '../../../core/profile/config';
import { seededRng } from './prng';

const MIN = 60_000;

describe('volatility-scaled bin width (seed 003 §5.3)', () => {
  it('proposes round(alpha * mid * sigma) ticks, clamped to [1 tick, max]', () => {
    // BTC at 60 000.0 with a 0.1 tick = 600 000 ticks; sigma 5 bp per minute; alpha 0.25 -> 75.
    expect(proposeBinWidthTicks(600_000, 0.0005, 0.25, 200)).toBe(75);
    expect(proposeBinWidthTicks(600_000, 0.00051, 0.25, 200)).toBe(77); // 76.5 rounds up
    expect(proposeBinWidthTicks(600_000, 0.01, 0.25, 200)).toBe(200);
    expect(proposeBinWidthTicks(600_000, 0, 0.25, 200)).toBe(1);
    expect(proposeBinWidthTicks(600_000, NaN, 0.25, 200)).toBe(1);
  });

  it('rebuckets on a >= 25% change, or on minutes divisible by 15, and not otherwise', () => {
    expect(shouldRebucket(40, 50, 7, 0.25, 15)).toBe(true); // exactly 25%
    expect(shouldRebucket(40, 30, 7, 0.25, 15)).toBe(true); // -25%
    expect(shouldRebucket(40, 49, 7, 0.25, 15)).toBe(false); // 22.5%, off-schedule
    expect(shouldRebucket(40, 49, 30, 0.25, 15)).toBe(true); // 30 % 15 == 0
    expect(shouldRebucket(40, 40, 30, 0.25, 15)).toBe(false); // nothing to apply
    expect(shouldRebucket(40, 49, 30, 0.25, 0)).toBe(false); // schedule disabled
  });

  it('sample stdev (n - 1), NaN below two values', () => {
    expect(sampleStdev(Float64Array.from([1, 2, 3, 4]), 4)).toBeCloseTo(Math.sqrt(5 / 3), 15);
    expect(sampleStdev(Float64Array.from([1, 2, 3, 4]), 1)).toBeNaN();
  });

  it('tracks sigma of the last N log returns and applies widths only under the rule', () => {
    const cfg = rollingProfileConfig({ rollingWindowMinutes: 20 });
    const tracker = new VolatilityBinWidth(cfg);
    const rng = seededRng(3);
    const closes: number[] = [];
    let price = 600_000;
    let width = cfg.baseBinTicks;
    const t0 = Date.UTC(2024, 0, 1, 0, 1);
    for (let m = 0; m < 300; m++) {
      price = Math.max(1, price + rng.int(-300, 300) * (m > 150 ? 4 : 1));
      closes.push(price);
      const ts = t0 + m * MIN;
      const state = tracker.update(ts, price);
      const returns = closes.slice(1).map((c, i) => Math.log(c / closes[i]!)).slice(-20);
      if (returns.length < 2) {
        expect(state.sigma).toBeNaN();
        expect(state.binTicks).toBe(1);
        continue;
      }
      const mean = returns.reduce((s, r) => s + r, 0) / returns.length;
      const sigma = Math.sqrt(returns.reduce((s, r) => s + (r - mean) ** 2, 0) / (returns.length - 1));
      expect(state.sigma).toBeCloseTo(sigma, 12);
      const proposed = Math.min(200, Math.max(1, Math.round(0.25 * price * state.sigma)));
      expect(state.proposedTicks).toBe(proposed);
      const apply = proposed !== width && (Math.abs(proposed - width) / width >= 0.25 || (ts / MIN) % 15 === 0);
      if (apply) width = proposed;
      expect(state.rebucketed).toBe(apply);
      expect(state.binTicks).toBe(width);
    }
  });

  it('config defaults are seed 003 §10, and a bad value names its field', () => {
    expect(DEFAULT_ROLLING_PROFILE_CONFIG).toEqual({
      rollingWindowMinutes: 240,
      vaFraction: 0.7,
      baseBinTicks: 1,
      alphaBin: 0.25,
      binWidthMaxTicks: 200,
      rebucketIntervalMinutes: 15,
      rebucketChangePct: 0.25,
    });
    expect(() => rollingProfileConfig({ vaFraction: 1.5 })).toThrow(/vaFraction/);
    expect(() => rollingProfileConfig({ baseBinTicks: 1.5 })).toThrow(/baseBinTicks/);
  });

  it('keeps widths a whole number of base bins', () => {
    const tracker = new VolatilityBinWidth(rollingProfileConfig({ baseBinTicks: 4 }));
    const t0 = Date.UTC(2024, 0, 1, 0, 0);
    let state = tracker.update(t0, 600_000);
    for (let m = 1; m <= 10; m++) state = tracker.update(t0 + m * MIN, m % 2 ? 600_600 : 600_000);
    expect(state.binTicks % 4).toBe(0);
    expect(state.proposedTicks % 4).toBe(0);
  });
});

describe('VolatilityBinWidth across a data gap', () => {
  it('forgets returns and skips the return across a gap longer than the window', () => {
    const v = new VolatilityBinWidth(rollingProfileConfig({ rollingWindowMinutes: 5 }));
    const t0 = Date.UTC(2024, 0, 1);
    v.update(t0, 1000);
    v.update(t0 + 60_000, 1010);
    expect(Number.isNaN(v.update(t0 + 120_000, 1000).sigma)).toBe(false);
    // A year later at a price twice as high: no return spans the gap, so sigma starts over.
    const later = t0 + 365 * 86_400_000;
    expect(Number.isNaN(v.update(later, 2000).sigma)).toBe(true);
    expect(Number.isNaN(v.update(later + 60_000, 2002).sigma)).toBe(true);
    const s = v.update(later + 120_000, 2000).sigma;
    const r1 = Math.log(2002 / 2000);
    const r2 = Math.log(2000 / 2002);
    const mean = (r1 + r2) / 2;
    expect(s).toBeCloseTo(Math.sqrt(((r1 - mean) ** 2 + (r2 - mean) ** 2) / 1), 12);
  });
});
