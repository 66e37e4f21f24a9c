// Converts validated ccxt history rows into the store's shapes: integer ticks, numeric trade
// ids (NaN when an exchange's id is not a safe integer, so the store dedupes by content).

import type { Instrument } from '../../../core/market/instrument';
import { toTicks } from '../../../core/market/instrument';
import type { BarRow } from '../../store/store-types';
import { emptyTrades, type TradeBlock } from '../../store/tick-codec';
import type { CcxtTrade } from './ccxt-schemas';

export type Ohlcv = readonly [number, number, number, number, number, number, ...unknown[]];

export function barRow(bar: Ohlcv, instrument: Instrument): BarRow {
  const t = instrument.tickSize;
  return { ts: bar[0], open: toTicks(bar[1], t), high: toTicks(bar[2], t), low: toTicks(bar[3], t), close: toTicks(bar[4], t), volume: bar[5] };
}

export function tradeId(id: string): number {
  const n = Number(id);
  return Number.isSafeInteger(n) ? n : NaN;
}

export function tradeSide(side: CcxtTrade['side']): 1 | -1 {
  return side === 'buy' ? 1 : -1;
}

/** Trades sorted by time (ccxt returns them so; sorting again keeps the store's precondition). */
export function tradeBlock(trades: readonly CcxtTrade[], instrument: Instrument): TradeBlock {
  const sorted = [...trades].sort((a, b) => a.timestamp - b.timestamp);
  const block = emptyTrades(sorted.length);
  sorted.forEach((tr, i) => {
    block.ts[i] = tr.timestamp;
    block.price[i] = toTicks(tr.price, instrument.tickSize);
    block.size[i] = tr.amount;
    block.side[i] = tradeSide(tr.side);
    block.id[i] = tradeId(tr.id);
  });
  return block;
}
