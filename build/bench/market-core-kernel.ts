// A lower bound on the cost of the market core's single pass (core/features/market-core.ts): its
// per-trade work in the plainest code (one function, flat typed arrays, locals), with the checks
// the input needs (trades and quotes in time order, prices whole ticks inside the level grid).
// Per trade: the bar's volume and notional, the footprint's volume, count and side cells and its
// running delta with max, min and the delta at the high and low, the quote in force (walked up to
// the trade) and the side inferred from it, the order-flow sums by sign and the classifier's
// counts. At each minute's end it only writes that minute's sums and zeroes the cells it used.
// It leaves out what the real pass also does each minute (footprint bars copied out with their
// POC, the rolling profile and its value area, the flow's close snapshot, qimb and CVD) and its
// rare paths (growing the level arrays, other sides, the tick rule), and is given the tape's price
// range up front: so the real pass can only cost more.

import { MINUTE_MS } from '../../core/market/bars';
import type { QuoteColumns, TradeColumns } from '../../core/market/columns';

/** Per minute (in order), the sums the kernel keeps. */
export interface KernelMinutes {
  readonly length: number;
  readonly ts: Float64Array;
  readonly trades: Float64Array;
  readonly volume: Float64Array;
  readonly notional: Float64Array;
  /** Footprint: volume of buy (side 1) and sell (side -1) aggressors, delta path. */
  readonly buy: Float64Array;
  readonly sell: Float64Array;
  readonly maxDelta: Float64Array;
  readonly minDelta: Float64Array;
  readonly deltaAtHigh: Float64Array;
  readonly deltaAtLow: Float64Array;
  /** Order flow: volume by the sign inferred from the quote in force (1, -1, 0). */
  readonly signedBuy: Float64Array;
  readonly signedSell: Float64Array;
  readonly unsigned: Float64Array;
  /** Footprint cells: the heaviest level's volume, sell and buy volume, and the trades counted in the levels. */
  readonly maxLevelVolume: Float64Array;
  readonly maxLevelSell: Float64Array;
  readonly maxLevelBuy: Float64Array;
  readonly levelTrades: Float64Array;
}

export interface KernelTotals {
  /** Trades with a quote at most maxQuoteAgeMs old, and of those at the ask or bid. */
  readonly fresh: number;
  readonly quoteSigned: number;
  /** Trades whose exchange side is reported and that had a fresh quote; of those, agreeing. */
  readonly reportedWithQuote: number;
  readonly agreeing: number;
  readonly volume: number;
  /** 0 when every trade and quote was in time order and every price a level of the grid. */
  readonly refused: number;
}

/** The lowest and highest price of the tape: the kernel's level grid. */
export function priceRange(trades: TradeColumns): { lo: number; hi: number } {
  let lo = Infinity;
  let hi = -Infinity;
  for (let i = 0; i < trades.length; i++) {
    const p = trades.price[i]!;
    if (p < lo) lo = p;
    if (p > hi) hi = p;
  }
  return { lo, hi };
}

type KernelColumns = { -readonly [K in keyof KernelMinutes]: K extends 'length' ? number : Float64Array };

/**
 * Writes minute m's sums and zeroes the cells of levels lo..hi. Its own function with the sums as
 * arguments: a closure over the loop's variables would move them from registers to the heap.
 */
function closeMinute(
  out: KernelColumns,
  m: number,
  trades: number,
  acc: Float64Array,
  cells: Float64Array,
  cap: number,
  from: number,
  to: number,
  sums: { mVolume: number; notional: number; maxDelta: number; minDelta: number; deltaAtHigh: number; deltaAtLow: number },
): void {
  out.trades[m] = trades;
  out.volume[m] = sums.mVolume;
  out.notional[m] = sums.notional;
  out.sell[m] = acc[0]!;
  out.buy[m] = acc[2]!;
  out.maxDelta[m] = sums.maxDelta;
  out.minDelta[m] = sums.minDelta;
  out.deltaAtHigh[m] = sums.deltaAtHigh;
  out.deltaAtLow[m] = sums.deltaAtLow;
  out.signedSell[m] = acc[3]!;
  out.unsigned[m] = acc[4]!;
  out.signedBuy[m] = acc[5]!;
  // The heaviest cells and the count, read as the cells are zeroed (so they are not dead stores).
  let maxVolume = 0;
  let maxSell = 0;
  let maxBuy = 0;
  let counted = 0;
  for (let k = from; k <= to; k++) {
    maxSell = Math.max(maxSell, cells[k]!);
    maxBuy = Math.max(maxBuy, cells[2 * cap + k]!);
    maxVolume = Math.max(maxVolume, cells[3 * cap + k]!);
    counted += cells[4 * cap + k]!;
    for (let row = 0; row < 5; row++) cells[row * cap + k] = 0;
  }
  out.maxLevelVolume[m] = maxVolume;
  out.maxLevelSell[m] = maxSell;
  out.maxLevelBuy[m] = maxBuy;
  out.levelTrades[m] = counted;
}

export function marketCoreKernel(
  trades: TradeColumns,
  quotes: QuoteColumns,
  range: { lo: number; hi: number },
  maxQuoteAgeMs: number,
): { minutes: KernelMinutes; totals: KernelTotals } {
  const tTs = trades.ts;
  const tPrice = trades.price;
  const tSize = trades.size;
  const tSide = trades.side;
  const qTs = quotes.ts;
  const qBid = quotes.bidPrice;
  const qAsk = quotes.askPrice;
  const nt = trades.length;
  const nq = quotes.length;
  const origin = range.lo;
  const cap = range.hi - range.lo + 1;
  // Rows of cap levels: sell, unknown and buy volume, all volume, trade count.
  const cells = new Float64Array(5 * cap);
  const volAt = 3 * cap;
  const countAt = 4 * cap;
  // [0..2] footprint volume by side, [3..5] flow volume by sign, [8..23] trades by quote state
  // (stale, inside, at ask, at bid) x side class (sell, unknown, buy, other).
  const acc = new Float64Array(24);

  const capacity = nt === 0 ? 0 : Math.floor(tTs[nt - 1]! / MINUTE_MS) - Math.floor(tTs[0]! / MINUTE_MS) + 1;
  const col = (): Float64Array => new Float64Array(capacity);
  const out: KernelColumns = {
    length: 0,
    ts: col(), trades: col(), volume: col(), notional: col(), buy: col(), sell: col(), maxDelta: col(), minDelta: col(),
    deltaAtHigh: col(), deltaAtLow: col(), signedBuy: col(), signedSell: col(), unsigned: col(),
    maxLevelVolume: col(), maxLevelSell: col(), maxLevelBuy: col(), levelTrades: col(),
  };
  let m = -1;

  let refused = 0;
  let j = 0;
  let quoteTs = NaN;
  let bid = NaN;
  let ask = NaN;
  let volume = 0;
  let minuteEnd = -Infinity;
  let iStart = 0;
  let mVolume = 0;
  let notional = 0;
  let maxDelta = -Infinity;
  let minDelta = Infinity;
  let deltaAtHigh = 0;
  let deltaAtLow = 0;
  let lo = Infinity;
  let hi = -Infinity;

  for (let i = 0; i < nt; i++) {
    const ts = tTs[i]!;
    refused |= +(ts < tTs[i - +(i > 0)]!);
    if (!(ts < minuteEnd)) {
      if (m >= 0) closeMinute(out, m, i - iStart, acc, cells, cap, lo - origin, hi - origin, { mVolume, notional, maxDelta, minDelta, deltaAtHigh, deltaAtLow });
      m++;
      out.ts[m] = Math.floor(ts / MINUTE_MS) * MINUTE_MS;
      minuteEnd = out.ts[m]! + MINUTE_MS;
      iStart = i;
      for (let k = 0; k < 6; k++) acc[k] = 0;
      mVolume = 0;
      notional = 0;
      maxDelta = -Infinity;
      minDelta = Infinity;
      lo = Infinity;
      hi = -Infinity;
    }
    let qt = j < nq ? qTs[j]! : NaN;
    if (qt <= ts) {
      let previous = j > 0 ? qTs[j - 1]! : -Infinity;
      do {
        refused |= +(qt < previous);
        previous = qt;
        j++;
        qt = j < nq ? qTs[j]! : NaN;
      } while (qt <= ts);
      quoteTs = previous;
      bid = qBid[j - 1]!;
      ask = qAsk[j - 1]!;
    }
    const price = tPrice[i]!;
    const size = tSize[i]!;
    const side = tSide[i]!;
    const c = (price - origin) | 0;
    if ((c >>> 0) >= cap || c !== price - origin) {
      refused = 1;
      continue;
    }

    mVolume += size;
    notional += price * size;
    if (price < lo) lo = price;
    if (price > hi) hi = price;
    cells[volAt + c]! += size;
    cells[countAt + c]!++;
    const row = +(side === 1) - +(side === -1) + 1;
    cells[row * cap + c]! += size;
    acc[row]! += size;
    const delta = acc[2]! - acc[0]!;
    if (delta > maxDelta) maxDelta = delta;
    if (delta < minDelta) minDelta = delta;
    if (price === hi) deltaAtHigh = delta;
    if (price === lo) deltaAtLow = delta;

    const age = ts - quoteTs;
    const isFresh = +(age >= 0) & +(age <= maxQuoteAgeMs);
    const atAsk = isFresh & +(price >= ask);
    const atBid = isFresh & (atAsk ^ 1) & +(price <= bid);
    const sideClass = (side + 1) >>> 0;
    acc[8 + 4 * (isFresh + atAsk + 2 * atBid) + (sideClass > 2 ? 3 : sideClass)]!++;
    acc[4 + atAsk - atBid]! += size;
    volume += size;
  }
  if (m >= 0) closeMinute(out, m, nt - iStart, acc, cells, cap, lo - origin, hi - origin, { mVolume, notional, maxDelta, minDelta, deltaAtHigh, deltaAtLow });

  const count = (state: number, sideClass: number): number => acc[8 + 4 * state + sideClass]!;
  let fresh = 0;
  let reportedWithQuote = 0;
  for (let state = 1; state < 4; state++) {
    for (let sideClass = 0; sideClass < 4; sideClass++) fresh += count(state, sideClass);
    reportedWithQuote += count(state, 0) + count(state, 2) + count(state, 3);
  }
  let quoteSigned = 0;
  for (let sideClass = 0; sideClass < 4; sideClass++) quoteSigned += count(2, sideClass) + count(3, sideClass);
  const n = m + 1;
  const view = (a: Float64Array): Float64Array => a.subarray(0, n);
  return {
    minutes: {
      length: n, ts: view(out.ts), trades: view(out.trades), volume: view(out.volume), notional: view(out.notional), buy: view(out.buy), sell: view(out.sell),
      maxDelta: view(out.maxDelta), minDelta: view(out.minDelta), deltaAtHigh: view(out.deltaAtHigh), deltaAtLow: view(out.deltaAtLow),
      signedBuy: view(out.signedBuy), signedSell: view(out.signedSell), unsigned: view(out.unsigned),
      maxLevelVolume: view(out.maxLevelVolume), maxLevelSell: view(out.maxLevelSell), maxLevelBuy: view(out.maxLevelBuy), levelTrades: view(out.levelTrades),
    },
    totals: { fresh, quoteSigned, reportedWithQuote, agreeing: count(2, 2) + count(3, 0), volume, refused },
  };
}
