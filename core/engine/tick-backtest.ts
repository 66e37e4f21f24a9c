// Tick-mode backtest driver: walks columnar trades and quotes in time order (a quote before a
// trade of the same millisecond: the quote in force when the trade printed) through the engine
// as fast as possible. Funding comes from the broker's funding model (flat or a schedule).

import type { QuoteColumns, TradeColumns } from '../market/columns';
import { Engine, type EngineOptions } from './engine';

export interface TickData {
  readonly trades: TradeColumns;
  readonly quotes: QuoteColumns;
}

export interface RunProgress {
  (done: number, total: number): void;
}

/** One run over all the data at once (in memory). */
export function runTickBacktest(data: TickData, options: EngineOptions, onProgress?: RunProgress): Engine {
  return runTickBacktestChunks([data], options, onProgress && ((done) => onProgress(done, data.trades.length + data.quotes.length)));
}

/**
 * One run over chunks that follow each other in time (hour blocks streamed from the store), so
 * a day never has to be materialised whole. Progress counts events done (total unknown: -1).
 */
export function runTickBacktestChunks(chunks: Iterable<TickData>, options: EngineOptions, onProgress?: RunProgress): Engine {
  const engine = new Engine(options);
  let done = 0;
  let lastTs = -Infinity;
  for (const { trades: t, quotes: q } of chunks) {
    engine.onTicks(t, q);
    done += t.length + q.length;
    if (t.length > 0) lastTs = Math.max(lastTs, t.ts[t.length - 1]!);
    if (q.length > 0) lastTs = Math.max(lastTs, q.ts[q.length - 1]!);
    onProgress?.(done, -1);
  }
  if (lastTs === -Infinity) lastTs = 0;
  engine.finish(lastTs - (lastTs % 60_000) + 60_000);
  return engine;
}
