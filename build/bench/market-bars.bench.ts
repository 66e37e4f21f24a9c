// Bars from a day-sized simulated trade stream, and the simulated market's own speed.

import { minuteBarsFromTrades } from '../../core/market/bar-columns';
import { MinuteBarBuilder } from '../../core/market/bars';
import { BTCUSDT_PERP } from '../../core/market/instrument';
import { simulateColumns } from '../../native/feeds/sim/sim-columns';
import { bestOf, report } from './report';

const TRADES = 2_000_000;
const generationStarted = performance.now();
const { trades } = simulateColumns(BTCUSDT_PERP, TRADES, { overrides: { seed: 1 } });
const generationMs = performance.now() - generationStarted;
const hours = (trades.ts[TRADES - 1]! - trades.ts[0]!) / 3_600_000;
const workload = `${TRADES / 1e6}M trades of the simulated BTCUSDT perpetual, seed 1 (${hours.toFixed(1)} h of market)`;

report({ name: 'sim.generate', value: TRADES / (generationMs / 1000), unit: 'trades/s', workload: `${workload}, quotes generated and dropped` });

let bars = 0;
const columnarMs = bestOf(5, () => {
  bars = minuteBarsFromTrades(trades).length;
});
report({ name: 'market.bars_1m.columnar', value: TRADES / (columnarMs / 1000), unit: 'trades/s', workload: `${workload} -> ${bars} 1m bars` });

const streamingMs = bestOf(3, () => {
  const builder = new MinuteBarBuilder();
  for (let i = 0; i < TRADES; i++) {
    builder.onTrade({ ts: trades.ts[i]!, price: trades.price[i]!, size: trades.size[i]!, side: trades.side[i] as 1 | -1 | 0 });
  }
});
report({ name: 'market.bars_1m.streaming', value: TRADES / (streamingMs / 1000), unit: 'trades/s', workload: `${workload}, one Trade object per call (the live path)` });
