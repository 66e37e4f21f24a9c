// Tick-data file formats Auctioneer reads (trades and L1 quotes), how each is recognised from
// its first line, and how each line becomes a trade or a quote.

import { ImportError } from './import-error';
import type { LineFields } from './line-fields';
import type { TickSink } from './tick-sink';

export const TICK_FORMATS = [
  'binance-ws-trades-csv',
  'binance-ws-bookticker-csv',
  'binance-ws-capture',
  'binance-trades-csv',
  'binance-aggtrades-csv',
  'binance-bookticker-csv',
  'bybit-trades-csv',
] as const;
export type TickFormat = (typeof TICK_FORMATS)[number];

export const TICK_FORMAT_HELP: Readonly<Record<TickFormat, string>> = {
  'binance-ws-trades-csv': 'flat CSV of the USD-M @trade stream (local_ts_ns,event_time_ms,trade_time_ms,trade_id,price,qty,is_buyer_maker,order_type_X)',
  'binance-ws-bookticker-csv': 'flat CSV of the USD-M @bookTicker stream (local_ts_ns,update_id,event_time_ms,transaction_time_ms,best_bid_price,...)',
  'binance-ws-capture': 'raw websocket capture, one "<local ts> <json>" per line (trade, aggTrade, bookTicker streams; others skipped)',
  'binance-trades-csv': 'Binance trades dump (id,price,qty,quote_qty,time,is_buyer_maker), header optional',
  'binance-aggtrades-csv': 'Binance aggTrades dump (agg_trade_id,price,quantity,first_trade_id,last_trade_id,transact_time,is_buyer_maker), header optional',
  'binance-bookticker-csv': 'Binance bookTicker dump (update_id,best_bid_price,best_bid_qty,best_ask_price,best_ask_qty,transaction_time,event_time), header optional',
  'bybit-trades-csv': 'Bybit public trading CSV (timestamp,symbol,side,size,price,tickDirection,trdMatchID,grossValue,homeNotional,foreignNotional)',
};

interface ColumnSpec {
  readonly header: readonly string[];
  /** Recognises a headerless first line. */
  readonly headerless?: (fields: readonly string[]) => boolean;
}

const BOOL = /^(true|false|True|False)$/;
const NUM = /^-?\d+(\.\d+)?(e-?\d+)?$/i;

export const CSV_FORMATS: Readonly<Record<Exclude<TickFormat, 'binance-ws-capture'>, ColumnSpec>> = {
  'binance-ws-trades-csv': {
    header: ['local_ts_ns', 'event_time_ms', 'trade_time_ms', 'trade_id', 'price', 'qty', 'is_buyer_maker', 'order_type_X'],
  },
  'binance-ws-bookticker-csv': {
    header: ['local_ts_ns', 'update_id', 'event_time_ms', 'transaction_time_ms', 'best_bid_price', 'best_bid_qty', 'best_ask_price', 'best_ask_qty'],
  },
  'binance-trades-csv': {
    header: ['id', 'price', 'qty', 'quote_qty', 'time', 'is_buyer_maker'],
    headerless: (f) => f.length === 6 && BOOL.test(f[5] ?? '') && f.slice(0, 5).every((x) => NUM.test(x)),
  },
  'binance-aggtrades-csv': {
    header: ['agg_trade_id', 'price', 'quantity', 'first_trade_id', 'last_trade_id', 'transact_time', 'is_buyer_maker'],
    headerless: (f) => f.length === 7 && BOOL.test(f[6] ?? '') && f.slice(0, 6).every((x) => NUM.test(x)),
  },
  'binance-bookticker-csv': {
    header: ['update_id', 'best_bid_price', 'best_bid_qty', 'best_ask_price', 'best_ask_qty', 'transaction_time', 'event_time'],
    headerless: (f) => f.length === 7 && f.every((x) => NUM.test(x)),
  },
  'bybit-trades-csv': {
    header: ['timestamp', 'symbol', 'side', 'size', 'price', 'tickDirection', 'trdMatchID', 'grossValue', 'homeNotional', 'foreignNotional'],
  },
};

/** The format of a file from its first line, and whether that line is a header. */
export function detectTickFormat(file: string, firstLine: string): { format: TickFormat; hasHeader: boolean } {
  if (/^\d+ \{/.test(firstLine)) return { format: 'binance-ws-capture', hasHeader: false };
  const fields = firstLine.split(',').map((f) => f.trim());
  for (const [format, spec] of Object.entries(CSV_FORMATS) as Array<[TickFormat, ColumnSpec]>) {
    if (spec.header.length === fields.length && spec.header.every((h, i) => h === fields[i])) return { format, hasHeader: true };
  }
  for (const [format, spec] of Object.entries(CSV_FORMATS) as Array<[TickFormat, ColumnSpec]>) {
    if (spec.headerless?.(fields)) return { format, hasHeader: false };
  }
  throw new ImportError(file, 1, 'format', `not a known tick format (first line: "${firstLine.slice(0, 120)}"); name one with --format`);
}

export interface LineContext {
  readonly file: string;
  readonly tickSize: number;
  readonly sink: TickSink;
  /** Counts of lines deliberately not imported, by reason. */
  readonly skipped: Map<string, number>;
}

function num(ctx: LineContext, line: number, field: string, raw: string | undefined): number {
  const value = raw === undefined || raw === '' ? Number.NaN : Number(raw);
  if (!Number.isFinite(value)) throw new ImportError(ctx.file, line, field, `not a number: "${raw ?? ''}"`);
  return value;
}

function toTickChecked(ctx: LineContext, line: number, field: string, price: number): number {
  const t = Math.round(price / ctx.tickSize);
  if (Math.abs(t * ctx.tickSize - price) > ctx.tickSize * 1e-6) {
    throw new ImportError(ctx.file, line, field, `${price} is not a multiple of the tick size ${ctx.tickSize}`);
  }
  return t;
}

function ticks(ctx: LineContext, line: number, field: string, raw: string | undefined): number {
  return toTickChecked(ctx, line, field, num(ctx, line, field, raw));
}

function buyerMakerSide(ctx: LineContext, line: number, raw: string | undefined): -1 | 1 {
  const v = raw?.toLowerCase();
  if (v !== 'true' && v !== 'false') throw new ImportError(ctx.file, line, 'is_buyer_maker', `expected true or false, found "${raw ?? ''}"`);
  // The buyer resting means the seller crossed the spread: a sell aggressor.
  return v === 'true' ? -1 : 1;
}

function skip(ctx: LineContext, reason: string): void {
  ctx.skipped.set(reason, (ctx.skipped.get(reason) ?? 0) + 1);
}

/** Field readers over a loaded line, raising ImportError with the column's name. */
function fieldNum(ctx: LineContext, f: LineFields, line: number, k: number, field: string): number {
  const value = f.num(k);
  if (!Number.isFinite(value)) throw new ImportError(ctx.file, line, field, `not a number: "${f.str(k)}"`);
  return value;
}

function fieldTicks(ctx: LineContext, f: LineFields, line: number, k: number, field: string): number {
  return toTickChecked(ctx, line, field, fieldNum(ctx, f, line, k, field));
}

function fieldBuyerMaker(ctx: LineContext, f: LineFields, line: number, k: number): -1 | 1 {
  const b = f.bool(k);
  if (b < 0) throw new ImportError(ctx.file, line, 'is_buyer_maker', `expected true or false, found "${f.str(k)}"`);
  return b === 1 ? -1 : 1;
}

export function parseCsvLine(format: Exclude<TickFormat, 'binance-ws-capture'>, ctx: LineContext, f: LineFields, line: number): void {
  const expected = CSV_FORMATS[format].header.length;
  if (f.count !== expected) throw new ImportError(ctx.file, line, 'row', `expected ${expected} columns, found ${f.count}`);
  const sink = ctx.sink;
  switch (format) {
    case 'binance-ws-trades-csv': {
      const type = f.str(7);
      if (type !== 'MARKET') return skip(ctx, `trade type ${type}`);
      return sink.trade(line, fieldNum(ctx, f, line, 2, 'trade_time_ms'), fieldTicks(ctx, f, line, 4, 'price'), fieldNum(ctx, f, line, 5, 'qty'), fieldBuyerMaker(ctx, f, line, 6), fieldNum(ctx, f, line, 3, 'trade_id'));
    }
    case 'binance-ws-bookticker-csv':
      return sink.quote(line, fieldNum(ctx, f, line, 3, 'transaction_time_ms'), fieldTicks(ctx, f, line, 4, 'best_bid_price'), fieldNum(ctx, f, line, 5, 'best_bid_qty'), fieldTicks(ctx, f, line, 6, 'best_ask_price'), fieldNum(ctx, f, line, 7, 'best_ask_qty'));
    case 'binance-trades-csv':
      return sink.trade(line, fieldNum(ctx, f, line, 4, 'time'), fieldTicks(ctx, f, line, 1, 'price'), fieldNum(ctx, f, line, 2, 'qty'), fieldBuyerMaker(ctx, f, line, 5), fieldNum(ctx, f, line, 0, 'id'));
    case 'binance-aggtrades-csv':
      return sink.trade(line, fieldNum(ctx, f, line, 5, 'transact_time'), fieldTicks(ctx, f, line, 1, 'price'), fieldNum(ctx, f, line, 2, 'quantity'), fieldBuyerMaker(ctx, f, line, 6), fieldNum(ctx, f, line, 0, 'agg_trade_id'));
    case 'binance-bookticker-csv':
      return sink.quote(line, fieldNum(ctx, f, line, 5, 'transaction_time'), fieldTicks(ctx, f, line, 1, 'best_bid_price'), fieldNum(ctx, f, line, 2, 'best_bid_qty'), fieldTicks(ctx, f, line, 3, 'best_ask_price'), fieldNum(ctx, f, line, 4, 'best_ask_qty'));
    case 'bybit-trades-csv': {
      // Bybit stamps trades in seconds with a fractional part; `side` is the taker's side.
      const sideText = f.str(2);
      const side = sideText === 'Buy' ? 1 : sideText === 'Sell' ? -1 : null;
      if (side === null) throw new ImportError(ctx.file, line, 'side', `expected Buy or Sell, found "${sideText}"`);
      return sink.trade(line, Math.round(fieldNum(ctx, f, line, 0, 'timestamp') * 1000), fieldTicks(ctx, f, line, 4, 'price'), fieldNum(ctx, f, line, 3, 'size'), side, null);
    }
  }
}

interface WsEnvelope {
  readonly stream?: unknown;
  readonly data?: Record<string, unknown>;
}

const str = (v: unknown): string | undefined =>
  typeof v === 'string' ? v : typeof v === 'number' || typeof v === 'boolean' ? String(v) : undefined;

export function parseCaptureLine(ctx: LineContext, text: string, line: number): void {
  const space = text.indexOf(' ');
  if (space <= 0) throw new ImportError(ctx.file, line, 'row', 'expected "<timestamp> <json>"');
  let envelope: WsEnvelope;
  try {
    envelope = JSON.parse(text.slice(space + 1)) as WsEnvelope;
  } catch {
    throw new ImportError(ctx.file, line, 'json', 'not valid JSON');
  }
  const d = envelope.data ?? (envelope as Record<string, unknown>);
  const event = d['e'];
  if (event === 'trade') {
    if (d['X'] !== undefined && d['X'] !== 'MARKET') return skip(ctx, `trade type ${str(d['X'])}`);
    return ctx.sink.trade(line, num(ctx, line, 'T', str(d['T'])), ticks(ctx, line, 'p', str(d['p'])), num(ctx, line, 'q', str(d['q'])), buyerMakerSide(ctx, line, str(d['m'])), num(ctx, line, 't', str(d['t'])));
  }
  if (event === 'aggTrade') {
    return ctx.sink.trade(line, num(ctx, line, 'T', str(d['T'])), ticks(ctx, line, 'p', str(d['p'])), num(ctx, line, 'q', str(d['q'])), buyerMakerSide(ctx, line, str(d['m'])), num(ctx, line, 'a', str(d['a'])));
  }
  if (event === 'bookTicker') {
    return ctx.sink.quote(line, num(ctx, line, 'T', str(d['T'] ?? d['E'])), ticks(ctx, line, 'b', str(d['b'])), num(ctx, line, 'B', str(d['B'])), ticks(ctx, line, 'a', str(d['a'])), num(ctx, line, 'A', str(d['A'])));
  }
  skip(ctx, `stream ${str(envelope.stream) ?? str(event) ?? 'unknown'}`);
}
