// BVC buy fraction and net proxy checked by hand and against an independent two-pass stdev.

import { describe, expect, it } from 'vitest';
import { BulkVolumeClassifier, bvcBuyFraction, computeBvc } from '../../../core/flow/bvc';

describe('BVC proxy (seed 003 §5.7)', () => {
  it('classifies volume from the close change over a sample stdev of recent changes (hand-computed)', () => {
    const bvc = new BulkVolumeClassifier({ lookback: 3 });
    const closes = [100, 102, 101, 104, 104];
    const volumes = [10, 10, 10, 10, 20];
    const out = closes.map((c, i) => bvc.update(c, volumes[i]!));
    // NaN until three deltas exist: the first bar has no delta at all.
    expect(out[0]!.deltaPrice).toBeNaN();
    for (const v of out.slice(0, 3)) {
      expect(v.buyFrac).toBeNaN();
      expect(v.net).toBeNaN();
    }
    // Deltas 2, −1, 3: mean 4/3, sample variance 13/3.
    expect(out[3]!.deltaPrice).toBe(3);
    expect(out[3]!.stdDelta).toBeCloseTo(Math.sqrt(13 / 3), 14);
    // Φ(3 / sqrt(13/3)) = Φ(1.4411533842457842), from libm erfc.
    expect(out[3]!.buyFrac).toBeCloseTo(0.9252293227076924, 12);
    expect(out[3]!.net).toBeCloseTo(8.504586454153849, 10);
    // Deltas −1, 3, 0: same spread; a flat close is an even split.
    expect(out[4]!.stdDelta).toBeCloseTo(Math.sqrt(13 / 3), 14);
    expect(out[4]!.buyFrac).toBe(0.5);
    expect(out[4]!.net).toBe(0);
  });

  it('reads a window with no movement as an even split', () => {
    expect(bvcBuyFraction(0, 0)).toBe(0.5);
    const bvc = new BulkVolumeClassifier({ lookback: 2 });
    const out = [5, 5, 5, 5].map((c) => bvc.update(c, 7));
    expect(out[3]!.buyFrac).toBe(0.5);
    expect(out[3]!.net).toBe(0);
  });

  it('is antisymmetric: a falling close gives the mirror buy fraction', () => {
    expect(bvcBuyFraction(-3, 2) + bvcBuyFraction(3, 2)).toBeCloseTo(1, 15);
  });

  it('starts at bar `lookback` with the default 240-minute lookback, matching the bulk path', () => {
    const n = 300;
    const close = new Float64Array(n);
    const volume = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      close[i] = 1000 + Math.round(20 * Math.sin(i / 7) + 5 * Math.cos(i / 3));
      volume[i] = 1 + (i % 11);
    }
    const { buyFrac, net } = computeBvc(close, volume);
    expect(Number.isNaN(buyFrac[239]!)).toBe(true);
    expect(Number.isNaN(buyFrac[240]!)).toBe(false);
    // Independent: sample stdev of deltas 1..240 computed two-pass.
    const deltas = Array.from({ length: 240 }, (_, k) => close[k + 1]! - close[k]!);
    const mean = deltas.reduce((a, b) => a + b, 0) / 240;
    const std = Math.sqrt(deltas.reduce((a, d) => a + (d - mean) ** 2, 0) / 239);
    const stream = new BulkVolumeClassifier();
    let at240 = stream.update(close[0]!, volume[0]!);
    for (let i = 1; i <= 240; i++) at240 = stream.update(close[i]!, volume[i]!);
    expect(at240.stdDelta).toBeCloseTo(std, 12);
    expect(buyFrac[240]).toBe(at240.buyFrac);
    expect(net[240]).toBe(at240.net);
  });

  it('has no look-ahead: a prefix gives the same values as the full series up to its end', () => {
    const close = Float64Array.from({ length: 60 }, (_, i) => 100 + ((i * 7) % 13) - ((i * 3) % 5));
    const volume = Float64Array.from({ length: 60 }, (_, i) => 1 + (i % 4));
    const full = computeBvc(close, volume, { lookback: 10 });
    const prefix = computeBvc(close.subarray(0, 30), volume.subarray(0, 30), { lookback: 10 });
    expect(Array.from(prefix.net)).toEqual(Array.from(full.net.subarray(0, 30)));
  });
});
