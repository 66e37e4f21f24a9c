import { describe, expect, it } from 'vitest';
import { compareSimToReal, realDataAvailable } from '../../../../native/feeds/sim/calibration';
import type { MarketStats } from '../../../../native/feeds/sim/market-stats';
import { SKIP_REASON } from '../../../support/shared-data';

const title = `simulated market statistics fall within the real USD-M sessions' range ${realDataAvailable() ? '' : SKIP_REASON}`;

describe('simulated market calibration', () => {
  it.skipIf(!realDataAvailable())(title, () => {
    // Two hours per seed: long enough for stable statistics, short enough for CI.
    const { real, sim } = compareSimToReal(120);
    expect(real).toHaveLength(3);
    // Each simulated run must sit inside the real sessions' span widened by a margin:
    // the real sessions are only 6-9 minutes each, so their spread is the yardstick.
    const within = (key: keyof MarketStats, margin: number): void => {
      const values = real.map((s) => s[key]);
      const lo = Math.min(...values) * (1 - margin);
      const hi = Math.max(...values) * (1 + margin);
      for (const s of sim) {
        expect(s[key], `${key} = ${s[key]} outside [${lo}, ${hi}]`).toBeGreaterThanOrEqual(lo);
        expect(s[key], `${key} = ${s[key]} outside [${lo}, ${hi}]`).toBeLessThanOrEqual(hi);
      }
    };
    within('tradesPerSecond', 0.1);
    within('sameMillisecondShare', 0.05);
    within('sizeMean', 0.1);
    within('sizeP50', 0.2);
    within('sizeP90', 0.2);
    within('sizeP99', 0.2);
    within('takerBuyShareVolume', 0.1);
    within('oneTickSpreadShare', 0.02);
    within('quotesPerTrade', 0.1);
    within('unchangedPriceShare', 0.1);
    // Clustered arrivals: far from Poisson (burstiness 1).
    for (const s of sim) expect(s.burstiness).toBeGreaterThan(10);
  }, 180_000);
});
