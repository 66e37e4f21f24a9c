// Seed 002's aggression score on hand-built minutes: each 30/40/30 condition, its strict
// threshold, the buy-only pressure rule, the 60-minute baseline, bulk = streaming.

import { describe, expect, it } from 'vitest';
import { AggressionScorer, computeAggression } from '../../../core/flow/aggression';

/** Feeds minutes of (volume, buyVolume, of); returns every result. */
function feed(scorer: AggressionScorer, minutes: Array<[number, number, number]>) {
  return minutes.map(([v, b, of]) => scorer.update(v, b, of));
}

describe('aggression score (seed 002 Component 3)', () => {
  it('is null until five minutes of flow exist', () => {
    const out = feed(new AggressionScorer(), [
      [10, 5, 0],
      [10, 5, 0],
      [10, 5, 0],
      [10, 5, 0],
    ]);
    expect(out).toEqual([null, null, null, null]);
  });

  it('scores 30 for a volume spike, 40 for CVD momentum, 30 for buy pressure (hand-computed)', () => {
    const scorer = new AggressionScorer();
    // Four quiet minutes, then a 60-volume minute 95% bought. Flow of the last four minutes
    // (cvd[-1] − cvd[0] over five records): 1500 + 1500 + 1500 + 1600 = 6100; / 5 = 1220 > 1000.
    const out = feed(scorer, [
      [10, 5, 999_999], // first record: its flow is before the window's first CVD reading
      [10, 5, 1500],
      [10, 5, 1500],
      [10, 5, 1500],
      [60, 57, 1600],
    ]);
    const s = out[4]!;
    // Average of the five minutes, the current one included: 100 / 5 = 20; ratio 60 / 20 = 3.
    expect(s.volumeRatio).toBe(3);
    expect(s.volumeSpike).toBe(true);
    expect(s.cvdMomentum).toBe(1220);
    expect(s.buyPressure).toBe(95);
    expect(s.score).toBe(100);
    expect(s.direction).toBe('BUY');
  });

  it('gives a selling burst at most 70: the seed awards pressure points for buying only', () => {
    const minutes: Array<[number, number, number]> = [
      [10, 5, 0],
      [10, 0, -2000],
      [10, 0, -2000],
      [10, 0, -2000],
      [60, 3, -54], // buy 3, sell 57: 95 % sold
    ];
    const seed = feed(new AggressionScorer(), minutes)[4]!;
    expect(seed.cvdMomentum).toBeCloseTo((-6000 - 54) / 5, 12);
    expect(seed.direction).toBe('SELL');
    expect(seed.volumeSpike).toBe(true);
    expect(seed.score).toBe(70);
    // The symmetric option also scores sell pressure (sell volume = buy − of).
    expect(feed(new AggressionScorer({ symmetricPressure: true }), minutes)[4]!.score).toBe(100);
    // Sell pressure counts sold volume only: buy 3, sell 33, 24 ambiguous is 55 % sold, under 70.
    const withAmbiguous = feed(new AggressionScorer({ symmetricPressure: true }), [...minutes.slice(0, 4), [60, 3, -30]])[4]!;
    expect(withAmbiguous.score).toBe(70);
  });

  it('uses strict thresholds: ratio exactly 2, momentum exactly 1000, pressure exactly 70 score nothing', () => {
    // Baseline without the current minute: 10 each, so a 20-volume minute is ratio exactly 2.
    const scorer = new AggressionScorer({ averageIncludesCurrent: false });
    const out = feed(scorer, [
      [10, 5, 0],
      [10, 5, 1250],
      [10, 5, 1250],
      [10, 5, 1250],
      [20, 14, 1250],
    ]);
    const s = out[4]!;
    expect(s.volumeRatio).toBe(2);
    expect(s.cvdMomentum).toBe(1000);
    expect(s.buyPressure).toBe(70);
    expect(s.score).toBe(0);
    expect(s.direction).toBe('BUY');
  });

  it('sends zero momentum to SELL, as the seed does', () => {
    const s = feed(new AggressionScorer(), Array.from({ length: 5 }, (): [number, number, number] => [10, 5, 0]))[4]!;
    expect(s.direction).toBe('SELL');
    expect(s.score).toBe(0);
  });

  it('averages volume over the last 60 minutes only', () => {
    const scorer = new AggressionScorer();
    // 60 minutes of 100, then 60 of 10: the old 100s have left the baseline.
    for (let i = 0; i < 60; i++) scorer.update(100, 50, 0);
    let last = null;
    for (let i = 0; i < 60; i++) last = scorer.update(10, 5, 0);
    expect(last!.volumeRatio).toBeCloseTo(1, 12);
    // The next minute at 25: baseline (59 × 10 + 25) / 60.
    expect(scorer.update(25, 5, 0)!.volumeRatio).toBeCloseTo(25 / (615 / 60), 12);
  });

  it('bulk scores match the streaming scorer', () => {
    const n = 200;
    const volume = new Float64Array(n);
    const buyVolume = new Float64Array(n);
    const of = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      volume[i] = 10 + ((i * 37) % 50);
      buyVolume[i] = volume[i]! * (((i * 13) % 10) / 10);
      of[i] = ((i * 71) % 900) * (i % 3 === 0 ? -4 : 3);
    }
    const bulk = computeAggression({ volume, buyVolume, of });
    const scorer = new AggressionScorer();
    for (let i = 0; i < n; i++) {
      const s = scorer.update(volume[i]!, buyVolume[i]!, of[i]!);
      if (s === null) {
        expect(bulk.score[i]).toBeNaN();
        continue;
      }
      expect(bulk.score[i]).toBe(s.score);
      expect(bulk.direction[i]).toBe(s.direction === 'BUY' ? 1 : -1);
      expect(bulk.volumeSpike[i]).toBe(s.volumeSpike ? 1 : 0);
    }
    expect(Array.from(bulk.score).some((x) => x === 100 || x === 70)).toBe(true);
  });
});
