// Bar, funding and open-interest CSV formats: Binance klines (12 columns, header optional),
// a generic timestamp/open/high/low/close/volume CSV, and the funding-rate and open-interest
// files of ../shared/data. Each line becomes a row or an ImportError naming file, line, field.

import { toTicks } from '../../../core/market/instrument';
import type { BarRow } from '../../store/store';
import { ImportError } from './import-error';
import type { ProgressThrottle } from './import-progress';
import { forEachLine } from './text-file';

export const SERIES_FORMATS = ['binance-klines-csv', 'ohlcv-csv', 'funding-csv', 'open-interest-csv'] as const;
export type SeriesFormat = (typeof SERIES_FORMATS)[number];

const KLINE_HEADER = ['open_time', 'open', 'high', 'low', 'close', 'volume', 'close_time', 'quote_volume', 'count', 'taker_buy_volume', 'taker_buy_quote_volume', 'ignore'];
const NUM = /^-?\d+(\.\d+)?(e-?\d+)?$/i;

export interface BarSeries {
  readonly kind: 'bars';
  readonly timeframeS: number;
  readonly rows: BarRow[];
}
export interface FundingSeries {
  readonly kind: 'funding';
  readonly rows: Array<{ ts: number; rate: number }>;
}
export interface OpenInterestSeries {
  readonly kind: 'open-interest';
  readonly periodS: number;
  readonly rows: Array<{ ts: number; openInterest: number; value: number | null }>;
}
export type Series = BarSeries | FundingSeries | OpenInterestSeries;

export function detectSeriesFormat(firstLine: string): SeriesFormat | null {
  const f = firstLine.split(',').map((x) => x.trim().toLowerCase());
  if (f.length === 12 && (f[0] === 'open_time' || f.every((x) => NUM.test(x)))) return 'binance-klines-csv';
  if (f.length >= 6 && ['timestamp', 'time', 'date', 'datetime'].includes(f[0] ?? '') && f[1] === 'open' && f[4] === 'close' && f[5] === 'volume') return 'ohlcv-csv';
  if (f.includes('fundingrate') || f.includes('funding_rate')) return 'funding-csv';
  if (f.includes('sum_open_interest')) return 'open-interest-csv';
  return null;
}

function parseTime(file: string, line: number, field: string, raw: string | undefined): number {
  const text = (raw ?? '').trim();
  if (NUM.test(text)) {
    const n = Number(text);
    // Seconds, milliseconds or microseconds since the epoch, told apart by magnitude.
    if (n < 1e11) return Math.round(n * 1000);
    if (n < 1e14) return Math.round(n);
    return Math.round(n / 1000);
  }
  const ms = Date.parse(/[zZ]|[+-]\d\d:?\d\d$/.test(text) ? text : `${text.replace(' ', 'T')}Z`);
  if (!Number.isFinite(ms)) throw new ImportError(file, line, field, `not a timestamp: "${text}"`);
  return ms;
}

function num(file: string, line: number, field: string, raw: string | undefined, min = -Infinity): number {
  const value = raw === undefined || raw.trim() === '' ? Number.NaN : Number(raw);
  if (!Number.isFinite(value)) throw new ImportError(file, line, field, `not a number: "${raw ?? ''}"`);
  if (value < min) throw new ImportError(file, line, field, `must be at least ${min}, found ${value}`);
  return value;
}

function price(file: string, line: number, field: string, raw: string | undefined, tickSize: number): number {
  const value = num(file, line, field, raw, 0);
  // Spot klines carry more decimals than the tick grid; bars keep the nearest tick.
  return toTicks(value, tickSize);
}

export function parseSeries(file: string, text: string, format: SeriesFormat, tickSize: number, progress?: ProgressThrottle): Series {
  const lines: Array<[string, number]> = [];
  forEachLine(text, (l, n, offset) => {
    lines.push([l, n]);
    progress?.row(n, offset);
  });
  const header = (lines[0]?.[0] ?? '').split(',').map((x) => x.trim());
  const hasHeader = header.some((h) => /[a-z]/i.test(h) && !NUM.test(h));
  const body = hasHeader ? lines.slice(1) : lines;
  const col = (name: string): number => header.findIndex((h) => h.toLowerCase() === name);
  let lastTs = -Infinity;
  const checkTime = (line: number, ts: number): void => {
    if (ts <= lastTs) throw new ImportError(file, line, 'time', ts === lastTs ? 'duplicate timestamp' : 'time went backwards');
    lastTs = ts;
  };

  switch (format) {
    case 'binance-klines-csv': {
      if (hasHeader && header.join(',') !== KLINE_HEADER.join(',')) throw new ImportError(file, 1, 'header', 'not the Binance klines header');
      const rows: BarRow[] = [];
      const closeTimes: Array<[number, number]> = [];
      for (const [l, n] of body) {
        const f = l.split(',');
        if (f.length !== 12) throw new ImportError(file, n, 'row', `expected 12 columns, found ${f.length}`);
        const ts = parseTime(file, n, 'open_time', f[0]);
        checkTime(n, ts);
        closeTimes.push([parseTime(file, n, 'close_time', f[6]), n]);
        const volume = num(file, n, 'volume', f[5], 0);
        const buy = num(file, n, 'taker_buy_volume', f[9], 0);
        const bar: BarRow = {
          ts,
          open: price(file, n, 'open', f[1], tickSize),
          high: price(file, n, 'high', f[2], tickSize),
          low: price(file, n, 'low', f[3], tickSize),
          close: price(file, n, 'close', f[4], tickSize),
          volume,
          trades: num(file, n, 'count', f[8], 0),
          buyVolume: buy,
          sellVolume: Math.max(0, volume - buy),
          vwap: volume > 0 ? num(file, n, 'quote_volume', f[7], 0) / volume / tickSize : null,
        };
        checkBar(file, n, bar);
        rows.push(bar);
      }
      // The bar length is the open-time spacing; a close time may fall short of it (Binance
      // cuts the bar at a trading halt) but never past it.
      const timeframeS = barSpacingSeconds(rows);
      rows.forEach((bar, i) => {
        const [closeTime, n] = closeTimes[i] as [number, number];
        if (closeTime <= bar.ts || closeTime >= bar.ts + timeframeS * 1000) {
          throw new ImportError(file, n, 'close_time', `close time ${closeTime} is outside the ${timeframeS} s bar opening at ${bar.ts}`);
        }
      });
      return { kind: 'bars', timeframeS, rows };
    }
    case 'ohlcv-csv': {
      const rows: BarRow[] = [];
      for (const [l, n] of body) {
        const f = l.split(',');
        if (f.length !== header.length) throw new ImportError(file, n, 'row', `expected ${header.length} columns, found ${f.length}`);
        const ts = parseTime(file, n, header[0] ?? 'timestamp', f[0]);
        checkTime(n, ts);
        const bar: BarRow = {
          ts,
          open: price(file, n, 'open', f[1], tickSize),
          high: price(file, n, 'high', f[2], tickSize),
          low: price(file, n, 'low', f[3], tickSize),
          close: price(file, n, 'close', f[4], tickSize),
          volume: num(file, n, 'volume', f[5], 0),
        };
        checkBar(file, n, bar);
        rows.push(bar);
      }
      return { kind: 'bars', timeframeS: barSpacingSeconds(rows), rows };
    }
    case 'funding-csv': {
      const tCol = [col('fundingtime'), col('timestamp'), col('time')].find((i) => i >= 0) ?? -1;
      const rCol = [col('fundingrate'), col('funding_rate')].find((i) => i >= 0) ?? -1;
      if (tCol < 0 || rCol < 0) throw new ImportError(file, 1, 'header', 'needs a time column and a funding rate column');
      const rows = body.map(([l, n]) => {
        const f = l.split(',');
        if (f.length !== header.length) throw new ImportError(file, n, 'row', `expected ${header.length} columns, found ${f.length}`);
        const ts = parseTime(file, n, header[tCol] ?? 'time', f[tCol]);
        checkTime(n, ts);
        return { ts, rate: num(file, n, header[rCol] ?? 'rate', f[rCol]) };
      });
      return { kind: 'funding', rows };
    }
    case 'open-interest-csv': {
      const tCol = col('timestamp');
      const oiCol = col('sum_open_interest');
      const vCol = col('sum_open_interest_value');
      if (tCol < 0 || oiCol < 0) throw new ImportError(file, 1, 'header', 'needs timestamp and sum_open_interest columns');
      const rows = body.map(([l, n]) => {
        const f = l.split(',');
        if (f.length !== header.length) throw new ImportError(file, n, 'row', `expected ${header.length} columns, found ${f.length}`);
        const ts = parseTime(file, n, 'timestamp', f[tCol]);
        checkTime(n, ts);
        return { ts, openInterest: num(file, n, 'sum_open_interest', f[oiCol], 0), value: vCol >= 0 ? num(file, n, 'sum_open_interest_value', f[vCol], 0) : null };
      });
      const gaps = rows.slice(1).map((r, i) => r.ts - (rows[i] as { ts: number }).ts);
      return { kind: 'open-interest', periodS: gaps.length > 0 ? Math.round(Math.min(...gaps) / 1000) : 0, rows };
    }
  }
}

function checkBar(file: string, line: number, b: BarRow): void {
  if (b.high < Math.max(b.open, b.close, b.low) || b.low > Math.min(b.open, b.close)) {
    throw new ImportError(file, line, 'high', `inconsistent bar: high ${b.high} / low ${b.low} do not contain open ${b.open} and close ${b.close} (ticks)`);
  }
}

/** The smallest open-time step between consecutive bars (60 s for a single bar). */
function barSpacingSeconds(rows: readonly BarRow[]): number {
  let min = Infinity;
  for (let i = 1; i < rows.length; i++) min = Math.min(min, (rows[i] as BarRow).ts - (rows[i - 1] as BarRow).ts);
  return Number.isFinite(min) ? Math.round(min / 1000) : 60;
}
