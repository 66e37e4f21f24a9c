// Merges newly arrived ticks into a stored hour without duplicates: the same trade id, or for
// sources without ids the same (time, price, size, side), is kept once. Re-importing a file,
// or importing two files that overlap, therefore adds nothing twice.

import { emptyQuotes, emptyTrades, type QuoteBlock, type TradeBlock } from './tick-codec';

function tradeKey(b: TradeBlock, i: number): string {
  return `${b.ts[i]}|${b.price[i]}|${b.size[i]}|${b.side[i]}`;
}

function quoteKey(b: QuoteBlock, i: number): string {
  return `${b.ts[i]}|${b.bidPrice[i]}|${b.bidSize[i]}|${b.askPrice[i]}|${b.askSize[i]}`;
}

/**
 * The merged row order of two time-sorted blocks, of which only the `keep` rows of the incoming
 * one enter: an entry i >= 0 is existing row i, an entry i < 0 is incoming row ~i. On equal
 * times the stored row comes first.
 */
function interleaveByTime(existingTs: Float64Array, incomingTs: Float64Array, keep: readonly number[]): Int32Array {
  const order = new Int32Array(existingTs.length + keep.length);
  let a = 0;
  let b = 0;
  for (let o = 0; o < order.length; o++) {
    const takeExisting = b >= keep.length || (a < existingTs.length && (existingTs[a] as number) <= (incomingTs[keep[b] as number] as number));
    order[o] = takeExisting ? a++ : ~(keep[b++] as number);
  }
  return order;
}

function gather<T extends Float64Array | Int8Array>(out: T, existing: T, incoming: T, order: Int32Array): void {
  for (let o = 0; o < order.length; o++) {
    const i = order[o] as number;
    out[o] = (i >= 0 ? existing[i] : incoming[~i]) as number;
  }
}

/** Both inputs sorted by time. Returns the merged block, sorted by time, and how many were new. */
export function mergeTrades(existing: TradeBlock, incoming: TradeBlock): { merged: TradeBlock; added: number } {
  const ids = new Set<number>();
  const keys = new Set<string>();
  for (let i = 0; i < existing.length; i++) {
    const id = existing.id[i] as number;
    if (Number.isNaN(id)) keys.add(tradeKey(existing, i));
    else ids.add(id);
  }
  const keep: number[] = [];
  for (let i = 0; i < incoming.length; i++) {
    const id = incoming.id[i] as number;
    if (Number.isNaN(id) ? keys.has(tradeKey(incoming, i)) : ids.has(id)) continue;
    if (Number.isNaN(id)) keys.add(tradeKey(incoming, i));
    else ids.add(id);
    keep.push(i);
  }
  const order = interleaveByTime(existing.ts, incoming.ts, keep);
  const merged = emptyTrades(order.length);
  for (const column of ['ts', 'price', 'size', 'side', 'id'] as const) gather(merged[column], existing[column], incoming[column], order);
  return { merged, added: keep.length };
}

export function mergeQuotes(existing: QuoteBlock, incoming: QuoteBlock): { merged: QuoteBlock; added: number } {
  const keys = new Set<string>();
  for (let i = 0; i < existing.length; i++) keys.add(quoteKey(existing, i));
  const keep: number[] = [];
  for (let i = 0; i < incoming.length; i++) {
    const key = quoteKey(incoming, i);
    if (keys.has(key)) continue;
    keys.add(key);
    keep.push(i);
  }
  const order = interleaveByTime(existing.ts, incoming.ts, keep);
  const merged = emptyQuotes(order.length);
  for (const column of ['ts', 'bidPrice', 'bidSize', 'askPrice', 'askSize'] as const) gather(merged[column], existing[column], incoming[column], order);
  return { merged, added: keep.length };
}

/** A sub-range of a block, as views (no copy). */
export function sliceTrades(b: TradeBlock, from: number, to: number): TradeBlock {
  return { length: to - from, ts: b.ts.subarray(from, to), price: b.price.subarray(from, to), size: b.size.subarray(from, to), side: b.side.subarray(from, to), id: b.id.subarray(from, to) };
}

export function sliceQuotes(b: QuoteBlock, from: number, to: number): QuoteBlock {
  return { length: to - from, ts: b.ts.subarray(from, to), bidPrice: b.bidPrice.subarray(from, to), bidSize: b.bidSize.subarray(from, to), askPrice: b.askPrice.subarray(from, to), askSize: b.askSize.subarray(from, to) };
}
