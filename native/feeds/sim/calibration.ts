// Side-by-side statistics of the simulated market and the real perpetual sessions, the
// evidence that the simulation looks like the market it stands in for.

import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { MarketEvent, Quote, Trade } from '../../../core/market/events';
import { BTCUSDT_PERP } from '../../../core/market/instrument';
import { quotesFromColumns, tradesFromColumns } from '../../../core/market/columns';
import { readTickFile } from '../import/read-ticks';
import { computeMarketStats, type MarketStats } from './market-stats';
import { defaultSimConfig, SimulatedMarket } from './simulated-market';

export const SHARED_DATA_DIR = resolve(process.env['AUCTIONEER_SHARED_DATA'] ?? join(process.cwd(), '..', 'shared', 'data'));
export const REAL_TRADES_FILE = join(SHARED_DATA_DIR, 'binance_usdm_btcusdt_trades_ws.csv.gz');
export const REAL_QUOTES_FILE = join(SHARED_DATA_DIR, 'binance_usdm_btcusdt_bookticker_ws.csv.gz');

export function realDataAvailable(): boolean {
  return existsSync(REAL_TRADES_FILE) && existsSync(REAL_QUOTES_FILE);
}

export function realSessionStats(): MarketStats[] {
  const options = { tickSize: BTCUSDT_PERP.tickSize };
  const trades = splitSessions(tradesFromColumns(readTickFile(REAL_TRADES_FILE, options).trades), 60_000);
  const quotes = splitSessions(quotesFromColumns(readTickFile(REAL_QUOTES_FILE, options).quotes), 60_000);
  return trades.map((session, i) => computeMarketStats(session, quotes[i] ?? []));
}

export function simulate(seed: number, minutes: number): { trades: Trade[]; quotes: Quote[] } {
  const config = defaultSimConfig(BTCUSDT_PERP, { seed });
  const market = new SimulatedMarket(config);
  const trades: Trade[] = [];
  const quotes: Quote[] = [];
  market.emitUntil(config.startTs + minutes * 60_000, (e: MarketEvent) => {
    if (e.kind === 'trade') trades.push(e.trade);
    else quotes.push(e.quote);
  });
  return { trades, quotes };
}

export function simulatedStats(seed: number, minutes: number): MarketStats {
  const { trades, quotes } = simulate(seed, minutes);
  return computeMarketStats(trades, quotes);
}

const ROWS: ReadonlyArray<[keyof MarketStats, string, number]> = [
  ['tradesPerSecond', 'trades per second', 1],
  ['burstiness', 'burstiness (variance/mean of trades per second)', 0],
  ['sameMillisecondShare', 'trades in the same ms as the previous', 3],
  ['sizeMean', 'mean trade size (BTC)', 4],
  ['sizeP50', 'median trade size (BTC)', 3],
  ['sizeP90', 'p90 trade size (BTC)', 3],
  ['sizeP99', 'p99 trade size (BTC)', 3],
  ['takerBuyShareCount', 'taker-buy share (count)', 3],
  ['takerBuyShareVolume', 'taker-buy share (volume)', 3],
  ['oneTickSpreadShare', 'quotes with a 1-tick spread', 3],
  ['meanSpreadTicks', 'mean spread (ticks)', 2],
  ['quotesPerTrade', 'quote updates per trade', 2],
  ['minuteRangeP50Ticks', 'median 1m high-low range (ticks)', 0],
  ['unchangedPriceShare', 'consecutive trades at the same price', 3],
];

export function compareSimToReal(minutes = 240): { real: MarketStats[]; sim: MarketStats[]; markdown: string } {
  const real = realSessionStats();
  const sim = [1, 2, 3].map((seed) => simulatedStats(seed, minutes));
  const header = `| statistic | ${real.map((_, i) => `real session ${i + 1}`).join(' | ')} | ${sim
    .map((_, i) => `sim seed ${i + 1} (${minutes / 60} h)`)
    .join(' | ')} |`;
  const rule = `|${'---|'.repeat(1 + real.length + sim.length)}`;
  const lines = ROWS.map(([key, label, digits]) => {
    const cells = [...real, ...sim].map((s) => s[key].toFixed(digits));
    return `| ${label} | ${cells.join(' | ')} |`;
  });
  return { real, sim, markdown: [header, rule, ...lines].join('\n') };
}

/** Splits a time-ordered series into continuous sessions wherever time jumps by more than `gapMs`. */
export function splitSessions<T extends { readonly ts: number }>(items: readonly T[], gapMs: number): T[][] {
  const sessions: T[][] = [];
  let current: T[] = [];
  let prevTs: number | null = null;
  for (const item of items) {
    if (prevTs !== null && item.ts - prevTs > gapMs) {
      sessions.push(current);
      current = [];
    }
    current.push(item);
    prevTs = item.ts;
  }
  if (current.length > 0) sessions.push(current);
  return sessions;
}
