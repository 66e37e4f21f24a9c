import { describe, expect, it } from 'vitest';
import type { Bar } from '../../../core/market/bars';
import { aggregateBars, TIMEFRAMES, timeframeOpen, TIMEFRAME_MS } from '../../../core/market/timeframes';

const minute = (ts: number, o: number, h: number, l: number, c: number, v: number, buy: number, vwap = c): Bar => ({
  ts, open: o, high: h, low: l, close: c, volume: v, vwap, trades: 2, buyVolume: buy, sellVolume: v - buy, delta: 2 * buy - v, closeQuote: null,
});

describe('higher timeframes from 1m bars', () => {
  it('aggregates OHLC, volume, delta and VWAP into 5m bars on UTC boundaries (hand-computed)', () => {
    const t = Date.UTC(2026, 0, 5, 10, 3);
    const bars = aggregateBars(
      [
        minute(t, 100, 105, 99, 104, 2, 1.5, 102), // 10:03 -> 10:00 bar
        minute(t + 60_000, 104, 110, 103, 108, 1, 0.25, 107), // 10:04 -> 10:00 bar
        minute(t + 120_000, 108, 109, 90, 95, 4, 1, 96), // 10:05 -> 10:05 bar
      ],
      '5m',
    );
    expect(bars).toHaveLength(2);
    // 10:00 bar: O 100, H 110, L 99, C 108, V 3, buy 1.75, sell 1.25, delta 0.5, VWAP (102*2 + 107)/3.
    expect(bars[0]).toMatchObject({ ts: Date.UTC(2026, 0, 5, 10, 0), open: 100, high: 110, low: 99, close: 108, volume: 3, buyVolume: 1.75, sellVolume: 1.25, delta: 0.5, trades: 4 });
    expect(bars[0]?.vwap).toBeCloseTo((102 * 2 + 107) / 3, 12);
    expect(bars[1]).toMatchObject({ ts: Date.UTC(2026, 0, 5, 10, 5), open: 108, close: 95, volume: 4 });
  });

  it('opens weekly bars on Monday 00:00 UTC and daily bars at midnight UTC', () => {
    // 2026-01-08 is a Thursday: its week opened Monday 2026-01-05.
    expect(timeframeOpen(Date.UTC(2026, 0, 8, 15, 30), '1w')).toBe(Date.UTC(2026, 0, 5));
    expect(timeframeOpen(Date.UTC(2026, 0, 5), '1w')).toBe(Date.UTC(2026, 0, 5));
    expect(timeframeOpen(Date.UTC(2026, 0, 4, 23, 59), '1w')).toBe(Date.UTC(2025, 11, 29));
    expect(timeframeOpen(Date.UTC(2026, 0, 8, 15, 30), '1d')).toBe(Date.UTC(2026, 0, 8));
    expect(timeframeOpen(Date.UTC(2026, 0, 8, 15, 30), '4h')).toBe(Date.UTC(2026, 0, 8, 12));
  });

  it('agrees with a plain recomputation for every timeframe on a random week of minutes', () => {
    let seed = 3;
    const rand = (): number => {
      seed = (Math.imul(seed, 1664525) + 1013904223) >>> 0;
      return seed / 4294967296;
    };
    const minutes: Bar[] = [];
    let price = 1000;
    const t0 = Date.UTC(2026, 0, 7);
    for (let i = 0; i < 7 * 1440; i++) {
      if (rand() < 0.05) continue; // missing minutes
      const o = price;
      price += Math.round((rand() - 0.5) * 10);
      const v = rand() * 5;
      minutes.push(minute(t0 + i * 60_000, o, Math.max(o, price) + 2, Math.min(o, price) - 2, price, v, v * rand()));
    }
    for (const tf of TIMEFRAMES) {
      const bars = aggregateBars(minutes, tf);
      const groups = new Map<number, Bar[]>();
      for (const m of minutes) {
        const k = timeframeOpen(m.ts, tf);
        groups.set(k, [...(groups.get(k) ?? []), m]);
      }
      expect(bars.map((b) => b.ts)).toEqual([...groups.keys()]);
      for (const b of bars) {
        const g = groups.get(b.ts)!;
        expect(b.open).toBe(g[0]!.open);
        expect(b.close).toBe(g[g.length - 1]!.close);
        expect(b.high).toBe(Math.max(...g.map((m) => m.high)));
        expect(b.low).toBe(Math.min(...g.map((m) => m.low)));
        expect(b.volume).toBeCloseTo(g.reduce((s, m) => s + m.volume, 0), 9);
        expect(b.ts % (tf === '1w' ? 1 : TIMEFRAME_MS[tf])).toBe(0);
      }
    }
  });
});
