// Days of synthetic 1m bars (the seeded random walk of synthetic-bars.ts) written to a store as
// if imported: the fixture of the backtest service and backtest screen tests.

import { barAt } from '../../core/market/bar-columns';
import { BTCUSDT_PERP } from '../../core/market/instrument';
import { aggregateBars, TIMEFRAME_MS, type Timeframe } from '../../core/market/timeframes';
import type { Store } from '../../native/store/store';
import { syntheticBars } from './synthetic-bars';

/** Returns the stored range, `to` exclusive (one minute after the last bar). */
export function storeSyntheticBars(store: Store, days: number, seed = 12345, swing = 160): { from: number; to: number } {
  const bars = syntheticBars(days * 1440, seed, swing);
  const id = store.ensureInstrument(BTCUSDT_PERP);
  const rows = Array.from({ length: bars.length }, (_, i) => ({
    ts: bars.ts[i] as number,
    open: bars.open[i] as number,
    high: bars.high[i] as number,
    low: bars.low[i] as number,
    close: bars.close[i] as number,
    volume: bars.volume[i] as number,
    buyVolume: bars.buyVolume?.[i] as number,
    sellVolume: bars.sellVolume?.[i] as number,
  }));
  store.upsertBars(id, 60, rows, 'test');
  return { from: bars.ts[0] as number, to: (bars.ts[bars.length - 1] as number) + 60_000 };
}

/** The same synthetic days aggregated to `timeframe` and stored at it, as klines of that interval import. */
export function storeSyntheticKlines(store: Store, days: number, timeframe: Timeframe, seed = 12345, swing = 160): { from: number; to: number; count: number } {
  const minutes = syntheticBars(days * 1440, seed, swing);
  const bars = aggregateBars(Array.from({ length: minutes.length }, (_, i) => barAt(minutes, i)), timeframe);
  const id = store.ensureInstrument(BTCUSDT_PERP);
  store.upsertBars(id, TIMEFRAME_MS[timeframe] / 1000, bars.map(({ ts, open, high, low, close, volume, buyVolume, sellVolume }) => ({ ts, open, high, low, close, volume, buyVolume, sellVolume })), 'test');
  return { from: bars[0]!.ts, to: bars[bars.length - 1]!.ts + TIMEFRAME_MS[timeframe], count: bars.length };
}
