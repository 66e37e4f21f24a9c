// Statistics that characterise a stream of perpetual trades and quotes; used to calibrate the
// simulated market against real captures and to show the comparison (native/feeds/sim/README.md).

import type { Quote, Trade } from '../../../core/market/events';

export interface MarketStats {
  readonly trades: number;
  readonly seconds: number;
  readonly tradesPerSecond: number;
  /** Variance over mean of trades per second: 1 for Poisson arrivals, far above for bursts. */
  readonly burstiness: number;
  /** Share of trades printed in the same millisecond as the previous one (sweeps). */
  readonly sameMillisecondShare: number;
  readonly sizeMean: number;
  readonly sizeP50: number;
  readonly sizeP90: number;
  readonly sizeP99: number;
  readonly takerBuyShareCount: number;
  readonly takerBuyShareVolume: number;
  readonly oneTickSpreadShare: number;
  readonly meanSpreadTicks: number;
  readonly quotesPerTrade: number;
  /** Median high-low range of 1-minute bars, ticks. */
  readonly minuteRangeP50Ticks: number;
  /** Share of consecutive trades at the same price. */
  readonly unchangedPriceShare: number;
}

function quantile(sorted: readonly number[], q: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.floor(q * (sorted.length - 1))] ?? Number.NaN;
}

/** Trades and quotes must be one continuous session in time order. */
export function computeMarketStats(trades: readonly Trade[], quotes: readonly Quote[]): MarketStats {
  const first = trades[0];
  const last = trades[trades.length - 1];
  if (!first || !last) throw new Error('computeMarketStats needs at least one trade');
  const seconds = Math.max(1, (last.ts - first.ts) / 1000);

  const perSecond = new Map<number, number>();
  const minuteRanges = new Map<number, { high: number; low: number }>();
  let sameMs = 0;
  let unchanged = 0;
  let volume = 0;
  let buyCount = 0;
  let buyVolume = 0;
  const sizes: number[] = [];
  for (let i = 0; i < trades.length; i++) {
    const t = trades[i] as Trade;
    const second = Math.floor((t.ts - first.ts) / 1000);
    perSecond.set(second, (perSecond.get(second) ?? 0) + 1);
    const minute = Math.floor(t.ts / 60_000);
    const range = minuteRanges.get(minute);
    if (range) {
      range.high = Math.max(range.high, t.price);
      range.low = Math.min(range.low, t.price);
    } else minuteRanges.set(minute, { high: t.price, low: t.price });
    const prev = trades[i - 1];
    if (prev && prev.ts === t.ts) sameMs++;
    if (prev && prev.price === t.price) unchanged++;
    volume += t.size;
    sizes.push(t.size);
    if (t.side === 1) {
      buyCount++;
      buyVolume += t.size;
    }
  }
  const secondsCount = Math.ceil(seconds);
  let sum = 0;
  for (let s = 0; s < secondsCount; s++) sum += perSecond.get(s) ?? 0;
  const mean = sum / secondsCount;
  let variance = 0;
  for (let s = 0; s < secondsCount; s++) variance += ((perSecond.get(s) ?? 0) - mean) ** 2;
  variance /= secondsCount;
  sizes.sort((a, b) => a - b);

  let oneTick = 0;
  let spreadSum = 0;
  for (const q of quotes) {
    const spread = q.askPrice - q.bidPrice;
    if (spread === 1) oneTick++;
    spreadSum += spread;
  }
  // Whole minutes only: the first and last minutes of a capture are partial.
  const ranges = [...minuteRanges.entries()]
    .filter(([m]) => m > Math.floor(first.ts / 60_000) && m < Math.floor(last.ts / 60_000))
    .map(([, r]) => r.high - r.low)
    .sort((a, b) => a - b);

  return {
    trades: trades.length,
    seconds,
    tradesPerSecond: trades.length / seconds,
    burstiness: mean > 0 ? variance / mean : 0,
    sameMillisecondShare: sameMs / trades.length,
    sizeMean: volume / trades.length,
    sizeP50: quantile(sizes, 0.5),
    sizeP90: quantile(sizes, 0.9),
    sizeP99: quantile(sizes, 0.99),
    takerBuyShareCount: buyCount / trades.length,
    takerBuyShareVolume: volume > 0 ? buyVolume / volume : 0,
    oneTickSpreadShare: quotes.length > 0 ? oneTick / quotes.length : 0,
    meanSpreadTicks: quotes.length > 0 ? spreadSum / quotes.length : 0,
    quotesPerTrade: quotes.length / trades.length,
    minuteRangeP50Ticks: quantile(ranges, 0.5),
    unchangedPriceShare: trades.length > 1 ? unchanged / (trades.length - 1) : 0,
  };
}
