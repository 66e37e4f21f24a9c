// Seeded random trade and quote columns for the bulk-path equality tests (gaps, same-millisecond
// events, minute-boundary trades, price jumps), and a bit-for-bit comparison of columns.

import type { QuoteColumns, TradeColumns } from '../../../core/market/columns';
import { mulberry32 } from '../flow/synthetic-ticks';

export interface Tape {
  readonly trades: TradeColumns;
  readonly quotes: QuoteColumns;
}

export interface TapeOptions {
  /** Probability that a trade's side is 0 (unknown). */
  readonly unknownSide?: number;
  /** Probability per event of a price jump of a few thousand ticks. */
  readonly jump?: number;
}

export function randomTape(seed: number, events: number, t0 = Date.UTC(2025, 2, 3, 9, 0), options: TapeOptions = {}): Tape {
  const rnd = mulberry32(seed);
  const unknownSide = options.unknownSide ?? 0.1;
  const jump = options.jump ?? 0.0005;
  const tr = { ts: [] as number[], price: [] as number[], size: [] as number[], side: [] as number[] };
  const qu = { ts: [] as number[], bidPrice: [] as number[], bidSize: [] as number[], askPrice: [] as number[], askSize: [] as number[] };
  let ts = t0;
  let bid = 650_000;
  for (let e = 0; e < events; e++) {
    const r = rnd();
    if (r < 0.002) ts += 60_000 * (1 + Math.floor(rnd() * 5)); // quiet minutes: no bar
    else if (r < 0.004) ts = Math.ceil((ts + 1) / 60_000) * 60_000; // exactly on a minute boundary
    else if (r < 0.004 + 0.001) ts = Math.ceil((ts + 1) / 60_000) * 60_000 - 1; // the last millisecond
    else if (rnd() < 0.55) ts += Math.floor(rnd() * 300);
    if (rnd() < jump) bid += (rnd() < 0.5 ? -1 : 1) * (1000 + Math.floor(rnd() * 4000));
    const spread = 1 + Math.floor(rnd() * 3);
    if (rnd() < 0.6) {
      bid += Math.floor(rnd() * 5) - 2;
      qu.ts.push(ts);
      qu.bidPrice.push(bid);
      qu.bidSize.push(Math.floor(rnd() * 40) / 8);
      qu.askPrice.push(bid + spread);
      qu.askSize.push(Math.floor(rnd() * 40) / 8);
    } else {
      const p = rnd();
      const price = p < 0.35 ? bid + spread : p < 0.7 ? bid : p < 0.8 ? bid + spread + 2 : p < 0.9 ? bid - 2 : bid + 1;
      const s = rnd();
      const side = s < unknownSide ? 0 : s < unknownSide + (1 - unknownSide) / 2 ? 1 : -1;
      tr.ts.push(ts);
      tr.price.push(price);
      // Sizes that do not add up exactly in binary, so summation order shows in the bits.
      tr.size.push(rnd() < 0.02 ? 0 : Math.round(rnd() * 3000) / 1000 + 0.001);
      tr.side.push(side);
    }
  }
  return {
    trades: {
      length: tr.ts.length,
      ts: Float64Array.from(tr.ts),
      price: Float64Array.from(tr.price),
      size: Float64Array.from(tr.size),
      side: Int8Array.from(tr.side),
    },
    quotes: {
      length: qu.ts.length,
      ts: Float64Array.from(qu.ts),
      bidPrice: Float64Array.from(qu.bidPrice),
      bidSize: Float64Array.from(qu.bidSize),
      askPrice: Float64Array.from(qu.askPrice),
      askSize: Float64Array.from(qu.askSize),
    },
  };
}

/** Rows [from, to) of the trade columns, as a batch of their own. */
export function sliceTrades(t: TradeColumns, from: number, to: number): TradeColumns {
  return { length: to - from, ts: t.ts.slice(from, to), price: t.price.slice(from, to), size: t.size.slice(from, to), side: t.side.slice(from, to) };
}

/** True when both hold the same numbers bit for bit (the sign of zero included; NaN equals NaN). */
export function sameBits(a: ArrayLike<number>, b: ArrayLike<number>): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (!Object.is(a[i], b[i])) return false;
  return true;
}

/** Names the columns of two column sets that differ in any bit ([] when all agree). */
export function differingColumns(a: object, b: object): string[] {
  const out: string[] = [];
  const ra = a as Record<string, unknown>;
  const rb = b as Record<string, unknown>;
  for (const key of new Set([...Object.keys(ra), ...Object.keys(rb)])) {
    const x = ra[key];
    const y = rb[key];
    if (ArrayBuffer.isView(x) && ArrayBuffer.isView(y)) {
      if (!sameBits(x as unknown as ArrayLike<number>, y as unknown as ArrayLike<number>)) out.push(key);
    } else if (typeof x === 'number' && typeof y === 'number') {
      if (!sameBits([x], [y])) out.push(key);
    } else if (x !== y) {
      out.push(key);
    }
  }
  return out;
}
