// Synthetic 1m bars for the bar-mode backtest: the fixture of its equality test and the bar
// benchmark (build/bench/backtest.bench.ts), which must run on the same series.

import type { BarColumnsInput } from '../../core/market/bar-columns';

/** A seeded random walk of 1m bars, `swing` ticks wide, mean-reverting to 65,000.0 (0.1 ticks). */
export function syntheticBars(n: number, seed0: number, swing: number): BarColumnsInput {
  const c = { length: n, ts: new Float64Array(n), open: new Float64Array(n), high: new Float64Array(n), low: new Float64Array(n), close: new Float64Array(n), volume: new Float64Array(n), buyVolume: new Float64Array(n), sellVolume: new Float64Array(n) };
  let seed = seed0;
  const rand = (): number => {
    seed = (Math.imul(seed, 1664525) + 1013904223) >>> 0;
    return seed / 4294967296;
  };
  let price = 650_000;
  const t0 = Date.UTC(2025, 0, 1);
  for (let i = 0; i < n; i++) {
    const open = price;
    const close = Math.round(open + (rand() - 0.5) * swing + (650_000 - open) * 0.0005);
    const high = Math.max(open, close) + Math.round(rand() * 60);
    const low = Math.min(open, close) - Math.round(rand() * 60);
    const volume = 20 + rand() * 80;
    const buy = volume * (0.3 + 0.4 * rand());
    c.ts[i] = t0 + i * 60_000;
    c.open[i] = open;
    c.high[i] = high;
    c.low[i] = low;
    c.close[i] = close;
    c.volume[i] = volume;
    c.buyVolume[i] = buy;
    c.sellVolume[i] = volume - buy;
    price = close;
  }
  return c;
}
