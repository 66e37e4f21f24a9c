// Readers for the flat Binance USD-M websocket CSVs (trades and bookTicker) described in
// ../shared/data/SOURCES.md. Each bad line is reported with its file and line number.

import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import type { Quote, Trade } from '../../../core/market/events';
import { toTicks } from '../../../core/market/instrument';

export class ImportError extends Error {
  constructor(
    readonly file: string,
    readonly line: number,
    readonly field: string,
    detail: string,
  ) {
    super(`${file}:${line}: ${field}: ${detail}`);
    this.name = 'ImportError';
  }
}

export function readTextFile(path: string): string {
  const bytes = readFileSync(path);
  const gzipped = bytes.length > 2 && bytes[0] === 0x1f && bytes[1] === 0x8b;
  return (gzipped ? gunzipSync(bytes) : bytes).toString('utf8');
}

interface CsvTable {
  readonly file: string;
  readonly header: readonly string[];
  /** Calls `row(fields, lineNumber)` for every data line. */
  forEach(row: (fields: readonly string[], line: number) => void): void;
}

function parseCsv(file: string, text: string, expected: readonly string[]): CsvTable {
  const lines = text.split('\n');
  const header = (lines[0] ?? '').trim().split(',');
  for (const name of expected) {
    if (!header.includes(name)) throw new ImportError(file, 1, name, 'missing column in header');
  }
  return {
    file,
    header,
    forEach(row) {
      for (let i = 1; i < lines.length; i++) {
        const raw = lines[i]?.trim();
        if (!raw) continue;
        const fields = raw.split(',');
        if (fields.length !== header.length) {
          throw new ImportError(file, i + 1, 'row', `expected ${header.length} columns, found ${fields.length}`);
        }
        row(fields, i + 1);
      }
    },
  };
}

function numberField(table: CsvTable, fields: readonly string[], line: number, name: string): number {
  const value = Number(fields[table.header.indexOf(name)]);
  if (!Number.isFinite(value)) {
    throw new ImportError(table.file, line, name, `not a number: "${fields[table.header.indexOf(name)]}"`);
  }
  return value;
}

export function readBinanceFlatTrades(file: string, tickSize: number): Trade[] {
  const table = parseCsv(file, readTextFile(file), ['trade_time_ms', 'trade_id', 'price', 'qty', 'is_buyer_maker']);
  const makerColumn = table.header.indexOf('is_buyer_maker');
  const trades: Trade[] = [];
  table.forEach((fields, line) => {
    const maker = fields[makerColumn];
    if (maker !== 'true' && maker !== 'false') {
      throw new ImportError(file, line, 'is_buyer_maker', `expected true or false, found "${maker}"`);
    }
    const size = numberField(table, fields, line, 'qty');
    if (size <= 0) throw new ImportError(file, line, 'qty', `size must be positive, found ${size}`);
    trades.push({
      ts: numberField(table, fields, line, 'trade_time_ms'),
      price: toTicks(numberField(table, fields, line, 'price'), tickSize),
      size,
      // The buyer was the maker, so the seller was the aggressor.
      side: maker === 'true' ? -1 : 1,
      id: numberField(table, fields, line, 'trade_id'),
    });
  });
  return trades;
}

export function readBinanceFlatBookTicker(file: string, tickSize: number): Quote[] {
  const table = parseCsv(file, readTextFile(file), [
    'transaction_time_ms',
    'best_bid_price',
    'best_bid_qty',
    'best_ask_price',
    'best_ask_qty',
  ]);
  const quotes: Quote[] = [];
  table.forEach((fields, line) => {
    const quote: Quote = {
      ts: numberField(table, fields, line, 'transaction_time_ms'),
      bidPrice: toTicks(numberField(table, fields, line, 'best_bid_price'), tickSize),
      bidSize: numberField(table, fields, line, 'best_bid_qty'),
      askPrice: toTicks(numberField(table, fields, line, 'best_ask_price'), tickSize),
      askSize: numberField(table, fields, line, 'best_ask_qty'),
    };
    if (quote.bidPrice >= quote.askPrice) {
      throw new ImportError(file, line, 'best_bid_price', 'crossed quote: bid is not below ask');
    }
    quotes.push(quote);
  });
  return quotes;
}

/** Splits a time-ordered series into continuous sessions wherever time jumps by more than `gapMs`. */
export function splitSessions<T extends { readonly ts: number }>(items: readonly T[], gapMs: number): T[][] {
  const sessions: T[][] = [];
  let current: T[] = [];
  let prevTs: number | null = null;
  for (const item of items) {
    if (prevTs !== null && item.ts - prevTs > gapMs) {
      sessions.push(current);
      current = [];
    }
    current.push(item);
    prevTs = item.ts;
  }
  if (current.length > 0) sessions.push(current);
  return sessions;
}
