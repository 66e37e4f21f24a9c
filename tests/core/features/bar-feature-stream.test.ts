import { describe, expect, it } from 'vitest';
import { BarFeatureStream } from '../../../core/features/bar-feature-stream';
import { FeatureConfigSchema } from '../../../core/features/config';
import type { Bar } from '../../../core/market/bars';

const T0 = Date.UTC(2026, 0, 5);
const bar = (i: number, low: number, high: number, close: number, volume: number, buy: number, sell: number): Bar => ({
  ts: T0 + i * 60_000, open: low, high, low, close, volume, vwap: close, trades: 1, buyVolume: buy, sellVolume: sell, delta: buy - sell, closeQuote: null,
});

describe('BarFeatureStream', () => {
  it('spreads each bar over the bins it touched and reads the value area from the result', () => {
    // Base bins of 10 ticks. Bar 0: 1000..1049 touches bins 100..104 (5 bins): 10 each of 50.
    // Bar 1: 1020..1029 touches bin 102 only: 40. Totals: 100:10 101:10 102:50 103:10 104:10 (90).
    const s = new BarFeatureStream(FeatureConfigSchema.parse({ base_bin_ticks: 10, alpha_bin: 0 }));
    s.onBar(bar(0, 1000, 1049, 1030, 50, 30, 20));
    const row = s.onBar(bar(1, 1020, 1029, 1025, 40, 10, 25)).features;
    // POC bin 102 (50 of 90 = 55.6%); then 103 vs 101 tie (10 each): the lower first -> 101
    // (66.7%); then 103 vs 100 tie -> 100 (77.8% >= 70%). VA = bins 100..102.
    expect([row.poc, row.val, row.vah]).toEqual([1020, 1000, 1020]);
    expect(row.va_coverage).toBeCloseTo(70 / 90, 12);
    expect(row.of_1m).toBe(-15);
    expect(row.of_norm_1m).toBeCloseTo(-15 / 40, 12);
    expect(row.ambiguous_trade_frac_1m).toBeCloseTo(5 / 40, 12);
    expect(Number.isNaN(row.qimb_close)).toBe(true);
  });

  it('rejects bars out of order', () => {
    const s = new BarFeatureStream();
    s.onBar(bar(1, 1000, 1010, 1005, 1, 0, 0));
    expect(() => s.onBar(bar(1, 1000, 1010, 1005, 1, 0, 0))).toThrow(/backwards or repeated/);
  });
});
