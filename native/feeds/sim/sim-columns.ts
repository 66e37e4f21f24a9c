// Generates a simulated stream straight into columnar batches: the day-sized workloads of the
// benchmarks (millions of trades) without an object per event kept in memory.

import type { QuoteColumns, TradeColumns } from '../../../core/market/columns';
import type { Instrument } from '../../../core/market/instrument';
import { defaultSimConfig, SimulatedMarket, type SimulatedMarketConfig } from './simulated-market';

class GrowableF64 {
  data = new Float64Array(1 << 16);
  length = 0;
  push(v: number): void {
    if (this.length === this.data.length) {
      const next = new Float64Array(this.data.length * 2);
      next.set(this.data);
      this.data = next;
    }
    this.data[this.length++] = v;
  }
  trimmed(): Float64Array {
    return this.data.slice(0, this.length);
  }
}

/** Simulates until `tradeCount` trades have printed; quotes are kept only when asked for. */
export function simulateColumns(
  instrument: Instrument,
  tradeCount: number,
  options: { keepQuotes?: boolean; overrides?: Partial<SimulatedMarketConfig> } = {},
): { trades: TradeColumns; quotes: QuoteColumns | null } {
  const market = new SimulatedMarket(defaultSimConfig(instrument, options.overrides));
  const ts = new Float64Array(tradeCount);
  const price = new Float64Array(tradeCount);
  const size = new Float64Array(tradeCount);
  const side = new Int8Array(tradeCount);
  const q = options.keepQuotes
    ? { ts: new GrowableF64(), bidPrice: new GrowableF64(), bidSize: new GrowableF64(), askPrice: new GrowableF64(), askSize: new GrowableF64() }
    : null;
  let n = 0;
  while (n < tradeCount) {
    const e = market.next();
    if (e.kind === 'trade') {
      ts[n] = e.trade.ts;
      price[n] = e.trade.price;
      size[n] = e.trade.size;
      side[n] = e.trade.side;
      n++;
    } else if (q) {
      q.ts.push(e.quote.ts);
      q.bidPrice.push(e.quote.bidPrice);
      q.bidSize.push(e.quote.bidSize);
      q.askPrice.push(e.quote.askPrice);
      q.askSize.push(e.quote.askSize);
    }
  }
  return {
    trades: { length: n, ts, price, size, side },
    quotes: q
      ? {
          length: q.ts.length,
          ts: q.ts.trimmed(),
          bidPrice: q.bidPrice.trimmed(),
          bidSize: q.bidSize.trimmed(),
          askPrice: q.askPrice.trimmed(),
          askSize: q.askSize.trimmed(),
        }
      : null,
  };
}
