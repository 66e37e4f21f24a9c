// Bar-mode backtest driver: 1m bars (columns, as the store loads them) through the engine with
// the broker's bar approximations. Funding comes from the broker's funding model.

import type { Bar } from '../market/bars';
import { Engine, type EngineOptions } from './engine';

export interface BarColumnsInput {
  readonly length: number;
  readonly ts: ArrayLike<number>;
  readonly open: ArrayLike<number>;
  readonly high: ArrayLike<number>;
  readonly low: ArrayLike<number>;
  readonly close: ArrayLike<number>;
  readonly volume: ArrayLike<number>;
  readonly buyVolume?: ArrayLike<number>;
  readonly sellVolume?: ArrayLike<number>;
}

export function runBarBacktest(bars: BarColumnsInput, options: EngineOptions, onProgress?: (done: number, total: number) => void): Engine {
  const engine = new Engine(options);
  for (let i = 0; i < bars.length; i++) {
    const ts = bars.ts[i] as number;
    if (onProgress && i % 100_000 === 0) onProgress(i, bars.length);
    const volume = bars.volume[i] as number;
    const buy = bars.buyVolume ? (bars.buyVolume[i] as number) : 0;
    const sell = bars.sellVolume ? (bars.sellVolume[i] as number) : 0;
    const bar: Bar = {
      ts,
      open: bars.open[i] as number,
      high: bars.high[i] as number,
      low: bars.low[i] as number,
      close: bars.close[i] as number,
      volume,
      vwap: Number.NaN,
      trades: 0,
      buyVolume: Number.isFinite(buy) ? buy : 0,
      sellVolume: Number.isFinite(sell) ? sell : 0,
      delta: (Number.isFinite(buy) ? buy : 0) - (Number.isFinite(sell) ? sell : 0),
      closeQuote: null,
    };
    engine.onBar(bar);
  }
  onProgress?.(bars.length, bars.length);
  return engine;
}
