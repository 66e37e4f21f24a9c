// Bars stored as columnar blocks of up to 1,440 bars (a day of 1m bars, 60 days of 1h bars):
// fourteen float64 columns end to end, NaN for a value the source did not have. A year of 1m
// bars is 366 BLOB reads instead of 525,600 rows.

import type { BarRow } from './store-types';

export const BARS_PER_BLOCK = 1440;
export const BAR_ENCODING_V1 = 1;

const FIELDS = ['ts', 'open', 'high', 'low', 'close', 'volume', 'vwap', 'trades', 'buyVolume', 'sellVolume', 'bidPxClose', 'askPxClose', 'bidSzClose', 'askSzClose'] as const;
type Field = (typeof FIELDS)[number];

export type BarColumnsStored = { length: number } & { [K in Field]: Float64Array };

export function blockSpanMs(timeframeS: number): number {
  return timeframeS * 1000 * BARS_PER_BLOCK;
}

export function emptyBarColumns(n: number): BarColumnsStored {
  const out = { length: n } as BarColumnsStored;
  for (const f of FIELDS) out[f] = new Float64Array(n);
  return out;
}

export function encodeBars(rows: readonly BarRow[]): Buffer {
  const n = rows.length;
  const columns = new Float64Array(n * FIELDS.length);
  FIELDS.forEach((field, c) => {
    for (let i = 0; i < n; i++) {
      const v = (rows[i] as BarRow)[field];
      columns[c * n + i] = v ?? Number.NaN;
    }
  });
  return Buffer.from(columns.buffer, columns.byteOffset, columns.byteLength);
}

/** Copies a block's bars into `out` from index `at`. */
export function decodeBarsInto(bytes: Uint8Array, n: number, out: BarColumnsStored, at: number): void {
  const aligned = bytes.byteOffset % 8 === 0 ? bytes : new Uint8Array(bytes);
  const all = new Float64Array(aligned.buffer, aligned.byteOffset, n * FIELDS.length);
  FIELDS.forEach((field, c) => out[field].set(all.subarray(c * n, (c + 1) * n), at));
}

export function rowAt(b: BarColumnsStored, i: number): BarRow {
  const nullable = (v: number): number | null => (Number.isNaN(v) ? null : v);
  return {
    ts: b.ts[i] as number,
    open: b.open[i] as number,
    high: b.high[i] as number,
    low: b.low[i] as number,
    close: b.close[i] as number,
    volume: b.volume[i] as number,
    vwap: nullable(b.vwap[i] as number),
    trades: nullable(b.trades[i] as number),
    buyVolume: nullable(b.buyVolume[i] as number),
    sellVolume: nullable(b.sellVolume[i] as number),
    bidPxClose: nullable(b.bidPxClose[i] as number),
    askPxClose: nullable(b.askPxClose[i] as number),
    bidSzClose: nullable(b.bidSzClose[i] as number),
    askSzClose: nullable(b.askSzClose[i] as number),
  };
}
