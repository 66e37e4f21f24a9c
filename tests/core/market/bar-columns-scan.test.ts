// minuteBarsFromTrades (a resumable scan with the open bar in locals) against the plain loop it
// replaced, bit for bit, and a scan taken in arbitrary blocks against one taken whole.

import { describe, expect, it } from 'vitest';
import { MinuteBarScan, minuteBarsFromTrades, type BarColumns } from '../../../core/market/bar-columns';
import { MINUTE_MS } from '../../../core/market/bars';
import type { TradeColumns } from '../../../core/market/columns';
import { mulberry32 } from '../flow/synthetic-ticks';
import { differingColumns, randomTape } from './random-tape';

/** The previous bulk loop, verbatim in its arithmetic: every column written on every trade. */
function plainBars(t: TradeColumns): BarColumns {
  const n = t.length;
  const span = n === 0 ? 0 : Math.floor(t.ts[n - 1]! / MINUTE_MS) - Math.floor(t.ts[0]! / MINUTE_MS) + 1;
  const cap = Math.min(n, span);
  const c = () => new Float64Array(cap);
  const [ts, open, high, low, close, volume, vwap, count, buy, sell] = [c(), c(), c(), c(), c(), c(), c(), c(), c(), c()];
  let b = -1;
  let minuteEnd = -Infinity;
  let notional = 0;
  for (let i = 0; i < n; i++) {
    const time = t.ts[i]!;
    const price = t.price[i]!;
    const size = t.size[i]!;
    if (time >= minuteEnd) {
      if (b >= 0) vwap[b] = notional / volume[b]!;
      b++;
      const minute = time - (time % MINUTE_MS);
      minuteEnd = minute + MINUTE_MS;
      ts[b] = minute;
      open[b] = price;
      high[b] = price;
      low[b] = price;
      notional = 0;
    }
    if (price > high[b]!) high[b] = price;
    if (price < low[b]!) low[b] = price;
    close[b] = price;
    volume[b] = volume[b]! + size;
    notional += price * size;
    count[b] = count[b]! + 1;
    const side = t.side[i]!;
    if (side > 0) buy[b] = buy[b]! + size;
    else if (side < 0) sell[b] = sell[b]! + size;
  }
  if (b >= 0) vwap[b] = volume[b]! > 0 ? notional / volume[b]! : close[b]!;
  const length = b + 1;
  const cut = (a: Float64Array) => a.subarray(0, length);
  return {
    length,
    ts: cut(ts),
    open: cut(open),
    high: cut(high),
    low: cut(low),
    close: cut(close),
    volume: cut(volume),
    vwap: cut(vwap),
    trades: cut(count),
    buyVolume: cut(buy),
    sellVolume: cut(sell),
  };
}

describe('minuteBarsFromTrades scan', () => {
  it('matches the plain per-trade loop bit for bit, sides outside -1..1 included', () => {
    for (const seed of [7, 8, 9]) {
      const { trades } = randomTape(seed, 30_000, undefined, { unknownSide: 0.2 });
      if (seed === 9) for (let i = 0; i < trades.length; i += 97) trades.side[i] = i % 2 ? 3 : -2;
      expect(differingColumns(minuteBarsFromTrades(trades), plainBars(trades))).toEqual([]);
    }
  });

  it('gives the same bars scanned in arbitrary blocks as in one go', () => {
    const { trades } = randomTape(10, 20_000);
    const rnd = mulberry32(5);
    const scan = new MinuteBarScan(trades);
    let at = 0;
    while (at < trades.length) {
      at = Math.min(trades.length, at + Math.floor(rnd() * 700));
      scan.scan(at);
    }
    expect(differingColumns(scan.finish(), minuteBarsFromTrades(trades))).toEqual([]);
  });
});
