// Strategy signals on the chart: where a marker's triangle goes (longs under the price pointing
// up, shorts above pointing down) and which signal the cursor is over, by hand.

import type uPlot from 'uplot';
import { describe, expect, it } from 'vitest';
import type { StrategySignal } from '../../../core/api/areas/strategies';
import { signalAt, signalMarker } from '../../../renderer/src/chart/signals-plugin';

const signal = (ts: number, side: 'long' | 'short', price: number, reasonCode = 'OK'): StrategySignal => ({ runId: 'r', strategyId: 's', ts, tag: 'A', side, price, accepted: reasonCode === 'OK', reasonCode });

describe('signal markers', () => {
  it('puts a long’s tip 3 px under its price and the base 1.6 sizes (7 css px) lower; a short mirrored above', () => {
    // dpr 2: size 14 canvas px.
    expect(signalMarker('long', 50, 200, 2)).toEqual({ x: 50, tip: 206, base: 228.4, half: 14 });
    const short = signalMarker('short', 50, 200, 2);
    expect(short.tip).toBe(194);
    expect(short.base).toBeCloseTo(171.6, 9);
  });

  it('finds the marker under the cursor within 2.2 sizes of its centre, the nearest first', () => {
    // x: 10 px per second; y: 500 - price.
    const u = { valToPos: (v: number, axis: string) => (axis === 'x' ? v * 10 : 500 - v) } as unknown as uPlot;
    const xOf = (s: StrategySignal): number => s.ts;
    const long = signal(10, 'long', 100);
    const short = signal(12, 'short', 100, 'cooldown');
    // The long's centre: x 100, y 400 + 7 = 407; the short's: x 120, y 393.
    expect(signalAt(u, [long, short], xOf, 101, 405)).toBe(long);
    expect(signalAt(u, [long, short], xOf, 118, 394)).toBe(short);
    // 15.4 px is the reach: 15 px right of the long (and 25 left of the short) still finds it.
    expect(signalAt(u, [long], xOf, 115, 407)).toBe(long);
    expect(signalAt(u, [long], xOf, 116, 407)).toBeNull();
    expect(signalAt(u, [], xOf, 100, 407)).toBeNull();
  });
});
