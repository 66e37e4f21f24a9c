// Seed 000's 15m candles from 1m bars: the incremental cache against a rebuild, with holes.

import { describe, expect, it } from 'vitest';
import { CandleCache, closesBucket, completedCandles } from '../../../core/strategy/seed000/candles';
import { minuteBar } from './strategy-harness';

const T0 = Date.UTC(2026, 0, 5, 0, 0);

// 50 buckets of 15 minutes with holes: bucket 10 lacks its first minute, bucket 20 has no bar at
// all, bucket 30 lacks its last minute (so no call lands on its close).
function bars() {
  const out = [];
  for (let m = 0; m < 50 * 15; m++) {
    const bucket = Math.floor(m / 15);
    const minute = m % 15;
    if ((bucket === 10 && minute === 0) || bucket === 20 || (bucket === 30 && minute === 14)) continue;
    const p = 1000 + ((m * 7) % 23);
    out.push(minuteBar(T0 + m * 60_000, p, p + 3 + (m % 4), p - 2 - (m % 3), p + 1, 1 + (m % 5)));
  }
  return out;
}

describe('seed 000 higher-timeframe candles', () => {
  it('the incremental cache equals a rebuild from the history at every minute, across missing minutes and buckets', () => {
    const all = bars();
    const history = 150;
    const capacity = 9;
    const cache = new CandleCache(15, capacity);
    let checked = 0;
    all.forEach((bar, i) => {
      const slice = all.slice(Math.max(0, i + 1 - history), i + 1);
      const ts = bar.ts + 60_000;
      expect(cache.at(slice, ts)).toEqual(completedCandles(slice, 15, ts).slice(-capacity));
      if (closesBucket(ts, 15)) checked++;
    });
    // Every bucket close with a bar, i.e. all but buckets 20 and 30.
    expect(checked).toBe(48);
  });

  it('skips the missing bucket and drops a partial oldest bucket', () => {
    const all = bars();
    const upTo = all.filter((b) => b.ts < T0 + 22 * 900_000);
    const candles = completedCandles(upTo, 15, T0 + 22 * 900_000);
    expect(candles.map((c) => (c.ts - T0) / 900_000)).toEqual([...Array.from({ length: 20 }, (_, k) => k), 21]);
    // History starting at the second minute of bucket 0: bucket 0 is dropped.
    expect(completedCandles(upTo.slice(1), 15, T0 + 22 * 900_000)[0]!.ts).toBe(T0 + 900_000);
  });
});
