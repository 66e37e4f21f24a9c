// Exposure: merged open-position time over the run's span.

import { describe, expect, it } from 'vitest';
import { coveredMs, exposure } from '../../../core/report/exposure';
import { DAY, H, SIX_TRADES, T0 } from './fixtures';

describe('exposure', () => {
  it('merges overlapping trades (six-trade fixture)', () => {
    // Hours [1,2] [3,5] [4,6] [10,11] [20,30] [40,41] → merged 1 + 3 + 1 + 10 + 1 = 16 h of 48 h.
    expect(coveredMs(SIX_TRADES, T0, T0 + 2 * DAY)).toBe(16 * H);
    expect(exposure(SIX_TRADES, T0, T0 + 2 * DAY)).toBeCloseTo(1 / 3, 14);
  });

  it('clips trades to the run and counts nested and touching intervals once', () => {
    const iv = [
      { entryTs: -5, exitTs: 3 }, // clipped to [0, 3]
      { entryTs: 1, exitTs: 2 }, // nested
      { entryTs: 3, exitTs: 4 }, // touching → [0, 4]
      { entryTs: 8, exitTs: 15 }, // clipped to [8, 10]
    ];
    expect(coveredMs(iv, 0, 10)).toBe(6);
    expect(exposure(iv, 0, 10)).toBe(0.6);
  });

  it('no trades is 0; a zero-length run is null', () => {
    expect(exposure([], 0, 10)).toBe(0);
    expect(exposure([{ entryTs: 0, exitTs: 0 }], 5, 5)).toBeNull();
  });
});
