// Encoding of one hour of ticks as a BLOB: fixed-width columns laid end to end, so a block
// decodes into typed arrays with a few memory copies (no per-tick parsing). Float64 columns
// come first so they stay 8-byte aligned.
//   trades v1: size f64[n] | id f64[n] | ts-hour i32[n] | price i32[n] | side i8[n]
//   quotes v1: bidSize f64[n] | askSize f64[n] | ts-hour i32[n] | bid i32[n] | ask i32[n]

export const TRADE_ENCODING_V1 = 1;
export const QUOTE_ENCODING_V1 = 1;

export interface TradeBlock {
  length: number;
  ts: Float64Array;
  price: Float64Array;
  size: Float64Array;
  side: Int8Array;
  id: Float64Array;
}

export interface QuoteBlock {
  length: number;
  ts: Float64Array;
  bidPrice: Float64Array;
  bidSize: Float64Array;
  askPrice: Float64Array;
  askSize: Float64Array;
}

function int32Column(values: Float64Array, from: number, to: number, offset: number, field: string): Int32Array {
  const out = new Int32Array(to - from);
  for (let i = from; i < to; i++) {
    const v = (values[i] as number) - offset;
    out[i - from] = v;
    // The stored value reads back as v exactly when v is an integer in range (a fraction is
    // truncated, a large value wrapped, NaN stored as 0): one comparison instead of three
    // checks on each of the 4M values of a 2M-trade import.
    if (out[i - from] !== v) throw new RangeError(`${field} ${values[i]} cannot be stored as a 32-bit integer`);
  }
  return out;
}

/** Encodes trades [from, to) of columns whose timestamps all fall in the hour starting at hourTs. */
export function encodeTrades(t: TradeBlock, from: number, to: number, hourTs: number): Buffer {
  const n = to - from;
  const buf = Buffer.allocUnsafe(n * 25);
  let at = 0;
  const put = (arr: ArrayBufferView): void => {
    const bytes = new Uint8Array(arr.buffer, arr.byteOffset, arr.byteLength);
    buf.set(bytes, at);
    at += bytes.byteLength;
  };
  put(t.size.subarray(from, to));
  put(t.id.subarray(from, to));
  put(int32Column(t.ts, from, to, hourTs, 'time offset'));
  put(int32Column(t.price, from, to, 0, 'price'));
  put(t.side.subarray(from, to));
  return buf;
}

/** A typed-array view over `bytes` when aligned, else an aligned copy. */
function view<T extends Float64Array | Int32Array | Int8Array>(
  ctor: { new (buffer: ArrayBufferLike, byteOffset: number, length: number): T; new (length: number): T; BYTES_PER_ELEMENT: number },
  bytes: Uint8Array,
  start: number,
  length: number,
): T {
  const offset = bytes.byteOffset + start;
  if (offset % ctor.BYTES_PER_ELEMENT === 0) return new ctor(bytes.buffer, offset, length);
  const copy = new ctor(length);
  new Uint8Array(copy.buffer).set(bytes.subarray(start, start + length * ctor.BYTES_PER_ELEMENT));
  return copy;
}

/** Appends the block's trades to `out` at index `at` (out must have room). */
export function decodeTradesInto(bytes: Uint8Array, n: number, hourTs: number, out: TradeBlock, at: number): void {
  out.size.set(view(Float64Array, bytes, 0, n), at);
  out.id.set(view(Float64Array, bytes, 8 * n, n), at);
  const ts = view(Int32Array, bytes, 16 * n, n);
  const price = view(Int32Array, bytes, 20 * n, n);
  for (let i = 0; i < n; i++) {
    out.ts[at + i] = (ts[i] as number) + hourTs;
    out.price[at + i] = price[i] as number;
  }
  out.side.set(view(Int8Array, bytes, 24 * n, n), at);
}

export function encodeQuotes(q: QuoteBlock, from: number, to: number, hourTs: number): Buffer {
  const n = to - from;
  const buf = Buffer.allocUnsafe(n * 28);
  let at = 0;
  const put = (arr: ArrayBufferView): void => {
    buf.set(new Uint8Array(arr.buffer, arr.byteOffset, arr.byteLength), at);
    at += arr.byteLength;
  };
  put(q.bidSize.subarray(from, to));
  put(q.askSize.subarray(from, to));
  put(int32Column(q.ts, from, to, hourTs, 'time offset'));
  put(int32Column(q.bidPrice, from, to, 0, 'bid price'));
  put(int32Column(q.askPrice, from, to, 0, 'ask price'));
  return buf;
}

export function decodeQuotesInto(bytes: Uint8Array, n: number, hourTs: number, out: QuoteBlock, at: number): void {
  out.bidSize.set(view(Float64Array, bytes, 0, n), at);
  out.askSize.set(view(Float64Array, bytes, 8 * n, n), at);
  const ts = view(Int32Array, bytes, 16 * n, n);
  const bid = view(Int32Array, bytes, 20 * n, n);
  const ask = view(Int32Array, bytes, 24 * n, n);
  for (let i = 0; i < n; i++) {
    out.ts[at + i] = (ts[i] as number) + hourTs;
    out.bidPrice[at + i] = bid[i] as number;
    out.askPrice[at + i] = ask[i] as number;
  }
}

export function emptyTrades(n: number): TradeBlock {
  return { length: n, ts: new Float64Array(n), price: new Float64Array(n), size: new Float64Array(n), side: new Int8Array(n), id: new Float64Array(n) };
}

export function emptyQuotes(n: number): QuoteBlock {
  return { length: n, ts: new Float64Array(n), bidPrice: new Float64Array(n), bidSize: new Float64Array(n), askPrice: new Float64Array(n), askSize: new Float64Array(n) };
}
