// The chart's series at a higher timeframe: the stored history followed by the session's bars,
// the day both hold part of merged into one bar (hand-computed).

import { describe, expect, it } from 'vitest';
import type { Bar } from '../../../core/market/bars';
import { withHistory } from '../../../renderer/src/chart/chart-data';

const DAY = 86_400_000;
const D0 = Date.UTC(2026, 2, 1);
const bar = (ts: number, open: number, high: number, low: number, close: number, volume: number, buy: number): Bar => ({
  ts, open, high, low, close, volume, vwap: (high + low) / 2, trades: 10, buyVolume: buy, sellVolume: volume - buy, delta: 2 * buy - volume, closeQuote: null,
});

describe('withHistory', () => {
  it('puts the stored days before the session and merges the day cut at the session start', () => {
    const history = [bar(D0, 100, 120, 90, 110, 50, 30), bar(D0 + DAY, 110, 130, 105, 125, 40, 10), bar(D0 + 2 * DAY, 125, 140, 120, 130, 20, 15)];
    // The session starts at 12:00 of day 2: its first day bar holds the afternoon.
    const session = [bar(D0 + 2 * DAY, 131, 150, 118, 145, 30, 5), bar(D0 + 3 * DAY, 145, 160, 140, 150, 60, 40)];
    const merged = withHistory(history, session, '1d');
    expect(merged.map((b) => [b.ts, b.open, b.high, b.low, b.close, b.volume, b.buyVolume, b.delta, b.trades])).toEqual([
      [D0, 100, 120, 90, 110, 50, 30, 10, 10],
      [D0 + DAY, 110, 130, 105, 125, 40, 10, -20, 10],
      // Open of the morning, close of the afternoon, the extremes of both, volumes added.
      [D0 + 2 * DAY, 125, 150, 118, 145, 50, 20, -10, 20],
      [D0 + 3 * DAY, 145, 160, 140, 150, 60, 40, 20, 10],
    ]);
  });

  it('keeps either side alone when the other is empty, and drops history at or after the session', () => {
    const session = [bar(D0 + DAY, 1, 2, 0, 1, 1, 1)];
    expect(withHistory([], session, '1d')).toBe(session);
    const history = [bar(D0, 1, 2, 0, 1, 1, 1)];
    expect(withHistory(history, [], '1d')).toEqual(history);
    expect(withHistory([...history, bar(D0 + 5 * DAY, 9, 9, 9, 9, 9, 9)], session, '1d').map((b) => b.ts)).toEqual([D0, D0 + DAY]);
  });
});
