// Minute bars from a columnar trade batch in one pass, into columns: the bulk path of the
// bar builder for backtests and benchmarks. Agrees with MinuteBarBuilder bar for bar.

import { MINUTE_MS } from './bars';
import type { TradeColumns } from './columns';

export interface BarColumns {
  readonly length: number;
  readonly ts: Float64Array;
  readonly open: Float64Array;
  readonly high: Float64Array;
  readonly low: Float64Array;
  readonly close: Float64Array;
  readonly volume: Float64Array;
  readonly vwap: Float64Array;
  readonly trades: Float64Array;
  readonly buyVolume: Float64Array;
  readonly sellVolume: Float64Array;
}

/** Trades must be in time order; minutes without trades produce no bar. */
export function minuteBarsFromTrades(t: TradeColumns): BarColumns {
  const n = t.length;
  // Upper bound on bars: minutes spanned, or trades, whichever is smaller.
  const span = n === 0 ? 0 : Math.floor((t.ts[n - 1] as number) / MINUTE_MS) - Math.floor((t.ts[0] as number) / MINUTE_MS) + 1;
  const cap = Math.min(n, span);
  const ts = new Float64Array(cap);
  const open = new Float64Array(cap);
  const high = new Float64Array(cap);
  const low = new Float64Array(cap);
  const close = new Float64Array(cap);
  const volume = new Float64Array(cap);
  const vwap = new Float64Array(cap);
  const count = new Float64Array(cap);
  const buy = new Float64Array(cap);
  const sell = new Float64Array(cap);
  let b = -1;
  let minuteEnd = -Infinity;
  let notional = 0;
  const tsCol = t.ts;
  const priceCol = t.price;
  const sizeCol = t.size;
  const sideCol = t.side;
  for (let i = 0; i < n; i++) {
    const time = tsCol[i] as number;
    const price = priceCol[i] as number;
    const size = sizeCol[i] as number;
    if (time >= minuteEnd) {
      if (b >= 0) vwap[b] = notional / (volume[b] as number);
      b++;
      const minute = time - (time % MINUTE_MS);
      minuteEnd = minute + MINUTE_MS;
      ts[b] = minute;
      open[b] = price;
      high[b] = price;
      low[b] = price;
      notional = 0;
    }
    if (price > (high[b] as number)) high[b] = price;
    if (price < (low[b] as number)) low[b] = price;
    close[b] = price;
    volume[b] = (volume[b] as number) + size;
    notional += price * size;
    count[b] = (count[b] as number) + 1;
    const side = sideCol[i] as number;
    if (side > 0) buy[b] = (buy[b] as number) + size;
    else if (side < 0) sell[b] = (sell[b] as number) + size;
  }
  if (b >= 0) vwap[b] = (volume[b] as number) > 0 ? notional / (volume[b] as number) : (close[b] as number);
  const length = b + 1;
  return {
    length,
    ts: ts.subarray(0, length),
    open: open.subarray(0, length),
    high: high.subarray(0, length),
    low: low.subarray(0, length),
    close: close.subarray(0, length),
    volume: volume.subarray(0, length),
    vwap: vwap.subarray(0, length),
    trades: count.subarray(0, length),
    buyVolume: buy.subarray(0, length),
    sellVolume: sell.subarray(0, length),
  };
}
