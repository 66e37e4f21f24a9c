// Stores a simulated stretch of BTCUSDT ticks (trades without ids, plus quotes) as if imported:
// the fixture of the replay tests, which need stored history to play back.

import { BTCUSDT_PERP } from '../../core/market/instrument';
import { simulateColumns } from '../../native/feeds/sim/sim-columns';
import type { Store } from '../../native/store/store';
import { emptyQuotes, emptyTrades } from '../../native/store/tick-codec';

export function storeSimulatedTicks(store: Store, tradeCount: number, seed: number, startTs: number): void {
  const id = store.ensureInstrument(BTCUSDT_PERP);
  const { trades, quotes } = simulateColumns(BTCUSDT_PERP, tradeCount, { keepQuotes: true, overrides: { seed, startTs } });
  const t = emptyTrades(trades.length);
  for (const k of ['ts', 'price', 'size', 'side'] as const) t[k].set(trades[k]);
  t.id.fill(Number.NaN);
  const q = emptyQuotes(quotes!.length);
  for (const k of ['ts', 'bidPrice', 'bidSize', 'askPrice', 'askSize'] as const) q[k].set(quotes![k]);
  store.writeTrades(id, 'import', t);
  store.writeQuotes(id, 'import', q);
}

/** One trade written as captured live: an hour that also holds imported ticks is then merged from two origins. */
export function writeLiveTrade(store: Store, trade: { ts: number; price: number; size: number; side: -1 | 1; id: number }): void {
  const live = emptyTrades(1);
  live.ts[0] = trade.ts;
  live.price[0] = trade.price;
  live.size[0] = trade.size;
  live.side[0] = trade.side;
  live.id[0] = trade.id;
  store.writeTrades(store.ensureInstrument(BTCUSDT_PERP), 'live', live);
}
