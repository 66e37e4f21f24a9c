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

export function runTickBacktest(data: TickData, options: EngineOptions, onProgress?: RunProgress): Engine {
  const engine = new Engine(options);
  const { trades: t, quotes: q } = data;
  const total = t.length + q.length;
  let i = 0;
  let j = 0;
  let done = 0;
  while (i < t.length || j < q.length) {
    const tradeTs = i < t.length ? (t.ts[i] as number) : Infinity;
    const quoteTs = j < q.length ? (q.ts[j] as number) : Infinity;
    if (quoteTs <= tradeTs) {
      engine.onQuote({ ts: quoteTs, bidPrice: q.bidPrice[j] as number, bidSize: q.bidSize[j] as number, askPrice: q.askPrice[j] as number, askSize: q.askSize[j] as number });
      j++;
    } else {
      engine.onTrade({ ts: tradeTs, price: t.price[i] as number, size: t.size[i] as number, side: t.side[i] as -1 | 0 | 1 });
      i++;
    }
    if (onProgress && ++done % 1_000_000 === 0) onProgress(done, total);
  }
  const lastTs = Math.max(t.length ? (t.ts[t.length - 1] as number) : 0, q.length ? (q.ts[q.length - 1] as number) : 0);
  engine.finish(lastTs - (lastTs % 60_000) + 60_000);
  onProgress?.(total, total);
  return engine;
}
