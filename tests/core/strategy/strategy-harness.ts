// Test helpers for strategies: hand-written candles expanded to the 1m bars the engine feeds,
// feature rows, and a runner that hands each minute its history the way the engine does.

import type { FeatureRow } from '../../../core/features/minute-feature-stream';
import type { Bar } from '../../../core/market/bars';
import { BTCUSDT_PERP } from '../../../core/market/instrument';
import type { Intent, PositionView, Strategy } from '../../../core/strategy/types';

export const FLAT: PositionView = { side: 'flat', qty: 0, avgEntry: NaN, entryTs: NaN, stop: NaN };

/** [open, high, low, close, volume] of one higher-timeframe candle, prices in ticks. */
export type CandleSpec = readonly [number, number, number, number, number];

export function minuteBar(ts: number, open: number, high: number, low: number, close: number, volume: number): Bar {
  return { ts, open, high, low, close, volume, vwap: close, trades: 1, buyVolume: volume / 2, sellVolume: volume / 2, delta: 0, closeQuote: null };
}

/**
 * Each candle becomes `minutes` 1m bars that aggregate back to exactly it: the first opens it and
 * makes the high, the second makes the low, the last closes it; volume is split evenly.
 */
export function expandCandles(t0: number, minutes: number, candles: readonly CandleSpec[]): Bar[] {
  const bars: Bar[] = [];
  candles.forEach(([o, h, l, c, v], k) => {
    const start = t0 + k * minutes * 60_000;
    const top = Math.max(o, c);
    const bottom = Math.min(o, c);
    for (let m = 0; m < minutes; m++) {
      const high = m === 0 ? h : top;
      const low = m === 1 ? l : bottom;
      const close = m === minutes - 1 ? c : o;
      bars.push(minuteBar(start + m * 60_000, o, Math.max(high, close, o), Math.min(low, close, o), close, v / minutes));
    }
  });
  return bars;
}

export function featureRow(overrides: Partial<FeatureRow> = {}): FeatureRow {
  return {
    ts_min: 0, mid_close: NaN, sigma_240: 0.001, bin_width: 10, poc: NaN, vah: NaN, val: NaN, va_coverage: 0.7,
    of_1m: 0, of_norm_1m: 0, qimb_close: 0, ambiguous_trade_frac_1m: 0, bvc_buy_frac_1m: NaN, bvc_net_proxy_1m: NaN,
    ...overrides,
  };
}

/**
 * Runs the strategy over every bar in order with the last `historyMinutes` bars and features as
 * history; `position(i)` gives the position view at bar i (flat by default). Returns the intents
 * of each minute.
 */
export function runBars(
  strategy: Strategy,
  bars: readonly Bar[],
  historyMinutes: number,
  features: (i: number, bar: Bar) => FeatureRow = () => featureRow(),
  position: (i: number) => PositionView = () => FLAT,
): Intent[][] {
  const rows = bars.map((b, i) => ({ ...features(i, b), ts_min: b.ts }));
  return bars.map((bar, i) => {
    const from = Math.max(0, i + 1 - historyMinutes);
    const ctx = {
      ts: bar.ts + 60_000,
      instrument: BTCUSDT_PERP,
      bar,
      features: rows[i]!,
      history: { bars: bars.slice(from, i + 1), features: rows.slice(from, i + 1) },
      position: position(i),
    };
    return [...strategy.onMinute(ctx)];
  });
}
