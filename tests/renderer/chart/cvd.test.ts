// The CVD pane's cumulative delta and where it restarts: each UTC day up to 1h bars, each UTC week
// (Monday) for 4h, each UTC month for daily and each UTC year for weekly bars.

import { describe, expect, it } from 'vitest';
import type { Bar } from '../../../core/market/bars';
import { cvdAnchorFor, cvdColumns } from '../../../renderer/src/chart/cvd';

const bar = (iso: string, delta: number): Bar => ({
  ts: Date.parse(iso),
  open: 1,
  high: 1,
  low: 1,
  close: 1,
  volume: Math.abs(delta),
  vwap: 1,
  trades: 1,
  buyVolume: Math.max(0, delta),
  sellVolume: Math.max(0, -delta),
  delta,
  closeQuote: null,
});

const cvdOf = (bars: Bar[], barMs: number): number[] => Array.from(cvdColumns(bars, cvdAnchorFor(barMs))[1] as ArrayLike<number>);

describe('CVD pane', () => {
  it('restarts at 00:00 UTC on intraday bars', () => {
    const bars = [bar('2026-03-01T22:00:00Z', 5), bar('2026-03-01T23:00:00Z', -2), bar('2026-03-02T00:00:00Z', 4), bar('2026-03-02T01:00:00Z', 1)];
    expect(cvdOf(bars, 3_600_000)).toEqual([5, 3, 4, 5]);
    expect(cvdAnchorFor(60_000).label).toBe('UTC day');
  });

  it('runs through the days of a week on 4h bars and restarts on Monday', () => {
    // 2026-03-01 is a Sunday, 2026-03-02 a Monday.
    const bars = [bar('2026-02-28T20:00:00Z', 1), bar('2026-03-01T00:00:00Z', 2), bar('2026-03-01T20:00:00Z', 3), bar('2026-03-02T00:00:00Z', 10), bar('2026-03-02T04:00:00Z', -4)];
    expect(cvdOf(bars, 4 * 3_600_000)).toEqual([1, 3, 6, 10, 6]);
  });

  it('sums the days of a month on daily bars instead of showing each day alone', () => {
    const bars = [bar('2026-01-30T00:00:00Z', 7), bar('2026-01-31T00:00:00Z', -3), bar('2026-02-01T00:00:00Z', 2), bar('2026-02-02T00:00:00Z', 2)];
    expect(cvdOf(bars, 86_400_000)).toEqual([7, 4, 2, 4]);
    expect(cvdAnchorFor(86_400_000).label).toBe('UTC month');
  });

  it('sums the weeks of a year on weekly bars', () => {
    const bars = [bar('2025-12-22T00:00:00Z', 1), bar('2025-12-29T00:00:00Z', 1), bar('2026-01-05T00:00:00Z', 6)];
    expect(cvdOf(bars, 7 * 86_400_000)).toEqual([1, 2, 6]);
  });
});
