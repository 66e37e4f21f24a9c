// The footprint plugin's layout, checked by hand: which cells a bar gets and where, their shading
// by delta (or volume) on 20 steps, the numbers they show, and the zoom at which cells collapse
// to candles or lose their numbers.

import { describe, expect, it } from 'vitest';
import { cellAt, cellBoxes, cellShade, cellText, footprintScale, footprintZoom, formatCellSize, type FootprintCells } from '../../../renderer/src/chart/footprint-plugin';

const bar = (firstLevelPrice: number, bid: number[], ask: number[], pocPrice: number): FootprintCells =>
  ({ ts: 0, levelTicks: 10, firstLevelPrice, bid, ask, pocPrice }) as FootprintCells;

function alpha(rgba: string): number {
  return Number(/, ([\d.]+)\)$/.exec(rgba)?.[1]);
}

describe('footprint cells', () => {
  const a = bar(1000, [1, 0.5], [3, 0.5], 1000);
  const b = bar(990, [4], [1], 990);

  it('shades on one scale for the bars on screen: the largest |delta| (3) and volume (5)', () => {
    expect(footprintScale([a, b])).toEqual({ maxDelta: 3, maxVolume: 5 });
    expect(footprintScale([])).toEqual({ maxDelta: 0, maxVolume: 0 });
  });

  it('colours a cell green for buyers and red for sellers, the step by |delta| over the largest', () => {
    const scale = { maxDelta: 3, maxVolume: 5 };
    // Delta +2 of 3: step ceil(13.3) = 14 of 20 -> alpha 0.08 + 0.55 x 14/20 = 0.465, green.
    const buyers = cellShade('bidask', 1, 3, scale);
    expect(buyers.startsWith('rgba(38, 166, 154,')).toBe(true);
    expect(alpha(buyers)).toBeCloseTo(0.465, 9);
    // Delta -3: the full 20 steps -> 0.63, red; the delta mode shades the same way.
    const sellers = cellShade('delta', 4, 1, scale);
    expect(sellers.startsWith('rgba(239, 83, 80,')).toBe(true);
    expect(alpha(sellers)).toBeCloseTo(0.63, 9);
    // Balanced: step 0, the faintest green.
    expect(alpha(cellShade('bidask', 0.5, 0.5, scale))).toBeCloseTo(0.08, 9);
    // Volume mode: blue by volume, 5 of 5 -> 0.06 + 0.5 = 0.56; 1 of 5 -> step 4 -> 0.16.
    expect(cellShade('volume', 4, 1, scale).startsWith('rgba(88, 166, 255,')).toBe(true);
    expect(alpha(cellShade('volume', 4, 1, scale))).toBeCloseTo(0.56, 9);
    expect(alpha(cellShade('volume', 0.5, 0.5, scale))).toBeCloseTo(0.16, 9);
  });

  it('places one row per level between its price edges, right of the thin candle, the POC row marked', () => {
    // 0.1 USD ticks, levels of 10 ticks (1 USD); 10 canvas px per USD with 100 USD at y = 500.
    const f = bar(1000, [1, 2, 3], [0, 1, 0], 1010);
    const y = (price: number): number => 500 - (price - 100) * 10;
    const { x0, w, rows } = cellBoxes(f, 0.1, 200, 50, 1, y);
    // x0 = 200 - 0.32 x 50; w = 0.78 x 50.
    expect(x0).toBeCloseTo(184, 9);
    expect(w).toBeCloseTo(39, 9);
    // Level 1000 ticks = [100, 101) USD -> y 500 (bottom) to 490 (top); rows 10 px apart, 9 px filled.
    expect(rows).toEqual([
      { row: 0, lo: 1000, yTop: 490, yBottom: 500, h: 9, poc: false },
      { row: 1, lo: 1010, yTop: 480, yBottom: 490, h: 9, poc: true },
      { row: 2, lo: 1020, yTop: 470, yBottom: 480, h: 9, poc: false },
    ]);
    // Rows 4 px or less get no gap (dpr 2: 8 canvas px).
    const squeezed = cellBoxes(f, 0.1, 200, 50, 2, (price) => 500 - (price - 100) * 8);
    expect(squeezed.rows.map((r) => r.h)).toEqual([8, 8, 8]);
  });

  it('finds the cell under the crosshair by price', () => {
    const f = bar(1000, [1, 2], [3, 4], 1000);
    expect(cellAt(f, 1015)).toEqual({ row: 1, bid: 2, ask: 4, lo: 1010 });
    expect(cellAt(f, 1000)).toEqual({ row: 0, bid: 1, ask: 3, lo: 1000 });
    expect(cellAt(f, 999)).toBeNull();
    expect(cellAt(f, 1020)).toBeNull();
  });

  it('shows bid x ask, the delta with its sign, or the volume, compactly', () => {
    expect(cellText('bidask', 0.5, 12.34)).toBe('0.500 x 12.3');
    expect(cellText('delta', 0.5, 12.34)).toBe('+11.8');
    expect(cellText('delta', 2, 0.5)).toBe('-1.50');
    expect(cellText('volume', 0.5, 12.34)).toBe('12.8');
    expect([formatCellSize(0), formatCellSize(0.0123), formatCellSize(1.25), formatCellSize(123.4), formatCellSize(1234), formatCellSize(-0.3)]).toEqual(['0', '0.012', '1.25', '123', '1.2k', '-0.300']);
  });

  it('collapses to candles when zoomed out and drops the numbers before they stop fitting', () => {
    const scale = { maxDelta: 3, maxVolume: 5 };
    // Shading from 28 css px a slot, numbers from 60 when they fit in 0.78 x slot - 6 px.
    expect(footprintZoom(20, 28, 60, 'bidask', scale)).toBe('candles');
    expect(footprintZoom(40, 28, 60, 'bidask', scale)).toBe('cells');
    // "5.00 x 5.00" is 11 glyphs of 6.2 px = 68.2 px: not in 60 x 0.78 - 6 = 40.8, in 100 x 0.78 - 6 = 72.
    expect(footprintZoom(60, 28, 60, 'bidask', scale)).toBe('cells');
    expect(footprintZoom(100, 28, 60, 'bidask', scale)).toBe('text');
    // "+3.00" (31 px) fits 40.8 px at 60: the delta mode shows numbers sooner.
    expect(footprintZoom(60, 28, 60, 'delta', scale)).toBe('text');
    expect(footprintZoom(60, 28, 60, 'volume', scale)).toBe('text');
  });
});
