import { describe, expect, it } from 'vitest';
import { FeatureConfigSchema } from '../../../core/features/config';
import { MinuteFeatureStream, type MinuteSnapshot } from '../../../core/features/minute-feature-stream';
import { computeMinuteFeatures, FEATURE_COLUMNS } from '../../../core/features/minute-features';
import { minuteBarsFromTrades } from '../../../core/market/bar-columns';
import type { QuoteColumns, TradeColumns } from '../../../core/market/columns';
import { BTCUSDT_PERP } from '../../../core/market/instrument';
import { simulateColumns } from '../../../native/feeds/sim/sim-columns';
import { readTickFile } from '../../../native/feeds/import/read-ticks';
import { hasSharedData, sharedDataFile, SKIP_REASON } from '../../support/shared-data';

/** Feeds trades and quotes in time order (a quote before a trade of the same ms) and collects minutes. */
function stream(trades: TradeColumns, quotes: QuoteColumns, config = FeatureConfigSchema.parse({ bvc_lookback: 5 })): MinuteSnapshot[] {
  const s = new MinuteFeatureStream(config);
  const out: MinuteSnapshot[] = [];
  let q = 0;
  for (let i = 0; i < trades.length; i++) {
    const ts = trades.ts[i] as number;
    while (q < quotes.length && (quotes.ts[q] as number) <= ts) {
      const snap = s.onQuote({ ts: quotes.ts[q] as number, bidPrice: quotes.bidPrice[q] as number, bidSize: quotes.bidSize[q] as number, askPrice: quotes.askPrice[q] as number, askSize: quotes.askSize[q] as number });
      if (snap) out.push(snap);
      q++;
    }
    const snap = s.onTrade({ ts, price: trades.price[i] as number, size: trades.size[i] as number, side: trades.side[i] as 1 | -1 | 0 });
    if (snap) out.push(snap);
  }
  // Quotes after the last trade still belong to its minute's close snapshot.
  const lastTs = trades.ts[trades.length - 1] as number;
  const end = lastTs - (lastTs % 60_000) + 60_000;
  while (q < quotes.length && (quotes.ts[q] as number) < end) {
    s.onQuote({ ts: quotes.ts[q] as number, bidPrice: quotes.bidPrice[q] as number, bidSize: quotes.bidSize[q] as number, askPrice: quotes.askPrice[q] as number, askSize: quotes.askSize[q] as number });
    q++;
  }
  const last = s.advanceTo(end);
  if (last) out.push(last);
  return out;
}

function expectSameAsBulk(trades: TradeColumns, quotes: QuoteColumns): void {
  const config = FeatureConfigSchema.parse({ bvc_lookback: 5 });
  const bulk = computeMinuteFeatures(trades, quotes, config).table;
  const rows = stream(trades, quotes, config);
  expect(rows.length).toBe(bulk.length);
  const bars = minuteBarsFromTrades(trades);
  rows.forEach((row, i) => {
    for (const c of FEATURE_COLUMNS) expect(row.features[c], `${c} at row ${i}`).toEqual(bulk[c][i]);
    expect(row.bar.ts).toBe(bars.ts[i]);
    expect(row.bar.close).toBe(bars.close[i]);
  });
}

describe('MinuteFeatureStream', () => {
  it('gives the bulk feature table row for row on a simulated stream', () => {
    const { trades, quotes } = simulateColumns(BTCUSDT_PERP, 60_000, { keepQuotes: true, overrides: { seed: 4 } });
    expectSameAsBulk(trades, quotes!);
  });

  const real = hasSharedData('binance_usdm_btcusdt_trades_ws.csv.gz', 'binance_usdm_btcusdt_bookticker_ws.csv.gz');
  it.skipIf(!real)(`gives the bulk feature table row for row on the real USD-M sessions ${real ? '' : SKIP_REASON}`, () => {
    const trades = readTickFile(sharedDataFile('binance_usdm_btcusdt_trades_ws.csv.gz'), { tickSize: 0.1 }).trades;
    const quotes = readTickFile(sharedDataFile('binance_usdm_btcusdt_bookticker_ws.csv.gz'), { tickSize: 0.1 }).quotes;
    expectSameAsBulk(trades, quotes);
  });
});
