// Bar-mode backtest driver: 1m bars (columns, as the store loads them) through the engine with
// the broker's bar approximations. Funding comes from the broker's funding model.

import { barAt, type BarColumnsInput } from '../market/bar-columns';
import { Engine, type EngineOptions } from './engine';

export function runBarBacktest(bars: BarColumnsInput, options: EngineOptions, onProgress?: (done: number, total: number) => void): Engine {
  const engine = new Engine(options);
  for (let i = 0; i < bars.length; i++) {
    if (onProgress && i % 100_000 === 0) onProgress(i, bars.length);
    engine.onBar(barAt(bars, i));
  }
  onProgress?.(bars.length, bars.length);
  return engine;
}
