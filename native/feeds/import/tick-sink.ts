// Collects parsed trades and quotes into columns, checking what a tick stream must satisfy:
// positive sizes, uncrossed quotes, no duplicate trade id, time never going backwards by more
// than a tolerance (small reorderings between streams are sorted, larger ones are errors).

import type { QuoteColumns, TradeColumns } from '../../../core/market/columns';
import { ImportError } from './import-error';

/** Reordering tolerated within one stream before a file is refused, ms. */
export const DEFAULT_BACKWARDS_TOLERANCE_MS = 5_000;

class Column {
  data: Float64Array;
  length = 0;
  constructor(capacity = 1024) {
    this.data = new Float64Array(capacity);
  }
  push(v: number): void {
    if (this.length === this.data.length) {
      const grown = new Float64Array(this.data.length * 2);
      grown.set(this.data);
      this.data = grown;
    }
    this.data[this.length++] = v;
  }
  view(): Float64Array {
    return this.data.subarray(0, this.length);
  }
}

export class TickSink {
  // Sized from the file's line count up front (growing by doubling cost ~30% of an import).
  private readonly tTs: Column;
  private readonly tPrice: Column;
  private readonly tSize: Column;
  private readonly tSide: Column;
  private readonly tId: Column;
  private readonly qTs: Column;
  private readonly qBid: Column;
  private readonly qBidSize: Column;
  private readonly qAsk: Column;
  private readonly qAskSize: Column;
  /** Ids arrive increasing in every exchange dump; a Set is built only when one does not. */
  private maxId = -Infinity;
  private seenIds: Set<number> | null = null;
  private maxTradeTs = -Infinity;
  private maxQuoteTs = -Infinity;
  private tradesUnordered = false;
  private quotesUnordered = false;

  constructor(
    readonly file: string,
    private readonly toleranceMs = DEFAULT_BACKWARDS_TOLERANCE_MS,
    /** Expected trades and quotes (e.g. the file's line count); columns grow past it if needed. */
    capacity: { trades: number; quotes: number } = { trades: 1024, quotes: 1024 },
  ) {
    const t = Math.max(16, capacity.trades);
    const q = Math.max(16, capacity.quotes);
    this.tTs = new Column(t);
    this.tPrice = new Column(t);
    this.tSize = new Column(t);
    this.tSide = new Column(t);
    this.tId = new Column(t);
    this.qTs = new Column(q);
    this.qBid = new Column(q);
    this.qBidSize = new Column(q);
    this.qAsk = new Column(q);
    this.qAskSize = new Column(q);
  }

  trade(line: number, ts: number, price: number, size: number, side: -1 | 0 | 1, id: number | null): void {
    this.checkTime(line, ts, this.maxTradeTs, 'trade time');
    if (!Number.isFinite(price)) throw new ImportError(this.file, line, 'price', 'not a number');
    if (!(size > 0)) throw new ImportError(this.file, line, 'size', `must be positive, found ${size}`);
    if (id !== null) {
      if (id > this.maxId) {
        this.maxId = id;
        this.seenIds?.add(id);
      } else {
        if (!this.seenIds) this.seenIds = new Set(this.tId.view());
        if (this.seenIds.has(id)) throw new ImportError(this.file, line, 'trade id', `duplicate id ${id}`);
        this.seenIds.add(id);
      }
    }
    if (ts < this.maxTradeTs) this.tradesUnordered = true;
    else this.maxTradeTs = ts;
    this.tTs.push(ts);
    this.tPrice.push(price);
    this.tSize.push(size);
    this.tSide.push(side);
    this.tId.push(id ?? Number.NaN);
  }

  quote(line: number, ts: number, bid: number, bidSize: number, ask: number, askSize: number): void {
    this.checkTime(line, ts, this.maxQuoteTs, 'quote time');
    if (!Number.isFinite(bid) || !Number.isFinite(ask)) throw new ImportError(this.file, line, 'price', 'not a number');
    if (!(bidSize >= 0) || !(askSize >= 0)) throw new ImportError(this.file, line, 'size', 'must not be negative');
    if (bid >= ask) throw new ImportError(this.file, line, 'bid', `crossed quote: bid ${bid} is not below ask ${ask}`);
    if (ts < this.maxQuoteTs) this.quotesUnordered = true;
    else this.maxQuoteTs = ts;
    this.qTs.push(ts);
    this.qBid.push(bid);
    this.qBidSize.push(bidSize);
    this.qAsk.push(ask);
    this.qAskSize.push(askSize);
  }

  private checkTime(line: number, ts: number, maxSeen: number, field: string): void {
    if (!Number.isFinite(ts) || ts <= 0) throw new ImportError(this.file, line, field, `not a valid timestamp: ${ts}`);
    if (ts < maxSeen - this.toleranceMs) {
      throw new ImportError(this.file, line, field, `time went backwards by ${maxSeen - ts} ms (tolerance ${this.toleranceMs} ms)`);
    }
  }

  trades(): TradeColumns & { readonly id: Float64Array } {
    const order = this.tradesUnordered ? stableOrder(this.tTs.view()) : null;
    // Views, not copies: the sink is dropped once read.
    const pick = (c: Column): Float64Array => (order ? permute(c.view(), order) : c.view());
    return {
      length: this.tTs.length,
      ts: pick(this.tTs),
      price: pick(this.tPrice),
      size: pick(this.tSize),
      side: Int8Array.from(pick(this.tSide)),
      id: pick(this.tId),
    };
  }

  quotes(): QuoteColumns {
    const order = this.quotesUnordered ? stableOrder(this.qTs.view()) : null;
    const pick = (c: Column): Float64Array => (order ? permute(c.view(), order) : c.view());
    return {
      length: this.qTs.length,
      ts: pick(this.qTs),
      bidPrice: pick(this.qBid),
      bidSize: pick(this.qBidSize),
      askPrice: pick(this.qAsk),
      askSize: pick(this.qAskSize),
    };
  }
}

function stableOrder(ts: Float64Array): Uint32Array {
  const order = new Uint32Array(ts.length);
  for (let i = 0; i < order.length; i++) order[i] = i;
  return order.sort((a, b) => (ts[a] as number) - (ts[b] as number) || a - b);
}

function permute(values: Float64Array, order: Uint32Array): Float64Array {
  const out = new Float64Array(order.length);
  for (let i = 0; i < order.length; i++) out[i] = values[order[i] as number] as number;
  return out;
}
