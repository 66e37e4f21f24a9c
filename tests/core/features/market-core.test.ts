// The single-pass market core against its four modules run one after another, bit for bit: on
// random tapes under every setting, on the simulated benchmark tape and on real Binance data.

import { describe, expect, it } from 'vitest';
import { computeMarketCore, computeMarketCoreSeparately, type MarketCoreConfig, type MarketCoreResult } from '../../../core/features/market-core';
import type { QuoteColumns, TradeColumns } from '../../../core/market/columns';
import { BTCUSDT_PERP } from '../../../core/market/instrument';
import { readTickFile } from '../../../native/feeds/import/read-ticks';
import { simulateColumns } from '../../../native/feeds/sim/sim-columns';
import { hasSharedData, sharedDataFile, SKIP_REASON } from '../../support/shared-data';
import { differingColumns, randomTape, sameBits } from '../market/random-tape';

function expectSame(fused: MarketCoreResult, separate: MarketCoreResult): void {
  expect(differingColumns(fused.bars, separate.bars)).toEqual([]);
  expect(differingColumns(fused.levels, separate.levels)).toEqual([]);
  expect(differingColumns(fused.flow, separate.flow)).toEqual([]);
  expect(differingColumns(fused.flowStats, separate.flowStats)).toEqual([]);
  expect(fused.footprint.length).toBe(separate.footprint.length);
  fused.footprint.forEach((bar, i) => {
    const ref = separate.footprint[i]!;
    expect(differingColumns(bar, ref), `footprint bar ${i}`).toEqual([]);
  });
  expect(fused.profile.levels()).toEqual(separate.profile.levels());
  expect(fused.profile.lastClosedMinute).toBe(separate.profile.lastClosedMinute);
}

function check(trades: TradeColumns, quotes: QuoteColumns, config: Partial<MarketCoreConfig> = {}): MarketCoreResult {
  const fused = computeMarketCore(trades, quotes, config);
  expectSame(fused, computeMarketCoreSeparately(trades, quotes, config));
  return fused;
}

describe('computeMarketCore, one pass, against the modules one after another', () => {
  it('agrees bit for bit on random tapes with gaps, boundary trades and level growth', () => {
    for (const seed of [1, 2, 3, 4, 5]) {
      const { trades, quotes } = randomTape(seed, 40_000);
      const r = check(trades, quotes);
      expect(r.bars.length).toBeGreaterThan(20);
      expect(r.levels.length).toBe(r.bars.length);
      expect(r.flow.length).toBe(r.bars.length);
    }
  });

  it('agrees under every sign source, CVD reset, staleness and the tick-rule fallback', () => {
    const { trades, quotes } = randomTape(11, 30_000, undefined, { unknownSide: 0.4 });
    const configs: Array<Partial<MarketCoreConfig>> = [
      { flow: { signSource: 'exchange', cvdReset: 'utc-day' } },
      { flow: { signSource: 'exchange-else-inferred', qimbEmaSpan: 12, sideInference: { maxQuoteStalenessMs: 100, tickRuleFallback: true } } },
      { flow: { cvdReset: (ts) => Math.floor(ts / 300_000) }, rolling: { rollingWindowMinutes: 30, vaFraction: 0.6 } },
    ];
    for (const config of configs) check(trades, quotes, config);
  });

  it('agrees when the side column holds values other than -1, 0 and 1', () => {
    const { trades, quotes } = randomTape(12, 20_000);
    for (let i = 0; i < trades.length; i += 53) trades.side[i] = i % 2 ? 2 : -3;
    check(trades, quotes);
    check(trades, quotes, { flow: { signSource: 'exchange' } });
  });

  it('falls back to the modules for settings the single pass does not cover, with the same results', () => {
    const { trades, quotes } = randomTape(21, 10_000);
    check(trades, quotes, { footprint: { levelTicks: 5 } });
    check(trades, quotes, { rolling: { baseBinTicks: 2 } });
  });

  it('handles no trades, no quotes, and quotes only after the last trade', () => {
    const { trades, quotes } = randomTape(31, 5_000);
    const none = { length: 0, ts: new Float64Array(0), price: new Float64Array(0), size: new Float64Array(0), side: new Int8Array(0) };
    const noQuotes = { length: 0, ts: new Float64Array(0), bidPrice: new Float64Array(0), bidSize: new Float64Array(0), askPrice: new Float64Array(0), askSize: new Float64Array(0) };
    expect(check(none, quotes).bars.length).toBe(0);
    expect(check(trades, noQuotes).flowStats.staleOrMissingQuote).toBe(trades.length);
    const late = { ...quotes, ts: quotes.ts.map((t) => t + 86_400_000) };
    check(trades, late);
  });

  it('rejects time going backwards in trades or quotes, as the modules do', () => {
    const { trades, quotes } = randomTape(41, 5_000);
    const badTrades = { ...trades, ts: trades.ts.slice() };
    badTrades.ts[1000] = badTrades.ts[999]! - 1;
    expect(() => computeMarketCoreSeparately(badTrades, quotes)).toThrow(RangeError);
    expect(() => computeMarketCore(badTrades, quotes)).toThrow(RangeError);
    const badQuotes = { ...quotes, ts: quotes.ts.slice() };
    badQuotes.ts[2000] = badQuotes.ts[1999]! - 5;
    expect(() => computeMarketCoreSeparately(trades, badQuotes)).toThrow(RangeError);
    expect(() => computeMarketCore(trades, badQuotes)).toThrow(RangeError);
    const nanQuotes = { ...quotes, ts: quotes.ts.slice() };
    nanQuotes.ts[quotes.length - 3] = NaN;
    expect(() => computeMarketCore(trades, nanQuotes)).toThrow(RangeError);
  });

  it('refuses a price that is not a whole number of ticks, naming the trade', () => {
    const { trades, quotes } = randomTape(43, 5_000);
    for (const bad of [trades.price[1234]! + 0.5, NaN]) {
      const price = trades.price.slice();
      price[1234] = bad;
      expect(() => computeMarketCore({ ...trades, price }, quotes)).toThrow(/trade 1234: price .* is not a whole number of ticks/);
    }
  });

  it('keeps the footprint high and low the modules keep when both signs of zero trade at them', () => {
    // The modules keep the last price at the high (low); the single pass takes its levels and
    // looks the sign up only when the high (low) is zero.
    const price = [-0, 0, -1, 0, 1, -0, 1, 0];
    const trades = {
      length: price.length,
      ts: Float64Array.from(price, (_, i) => (i < 4 ? 1_000 + i : 61_000 + i)),
      price: Float64Array.from(price),
      size: Float64Array.from(price, (_, i) => 1 + i),
      side: Int8Array.from(price, (_, i) => (i % 2 ? 1 : -1)),
    };
    const quotes = { length: 1, ts: Float64Array.of(500), bidPrice: Float64Array.of(-1), bidSize: Float64Array.of(1), askPrice: Float64Array.of(1), askSize: Float64Array.of(1) };
    const r = check(trades, quotes);
    // The first zero at the high (low) is -0, the last +0.
    expect(Object.is(r.footprint[0]!.high, 0)).toBe(true);
    expect(Object.is(r.footprint[1]!.low, 0)).toBe(true);
  });

  it('agrees on the simulated tape of the benchmark (200k trades)', () => {
    const { trades, quotes } = simulateColumns(BTCUSDT_PERP, 200_000, { keepQuotes: true, overrides: { seed: 1 } });
    const r = check(trades, quotes!);
    expect(r.footprint.length).toBe(r.bars.length);
    expect(sameBits(r.bars.volume, r.flow.volume)).toBe(true);
  });
});

const TRADES = 'binance_usdm_btcusdt_trades_ws.csv.gz';
const QUOTES = 'binance_usdm_btcusdt_bookticker_ws.csv.gz';
const real = hasSharedData(TRADES, QUOTES);

describe.skipIf(!real)(`computeMarketCore on real Binance USD-M BTCUSDT data ${real ? '' : SKIP_REASON}`, () => {
  it('agrees bit for bit with the modules one after another', () => {
    const trades = readTickFile(sharedDataFile(TRADES), { tickSize: 0.1 }).trades;
    const quotes = readTickFile(sharedDataFile(QUOTES), { tickSize: 0.1 }).quotes;
    const r = check(trades, quotes);
    expect(r.bars.length).toBeGreaterThan(10);
    expect(r.flowStats.reportedWithQuote).toBeGreaterThan(0);
  });
});
