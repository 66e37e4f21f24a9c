// Reads one tick-data file (any format of tick-formats.ts, plain or gzipped) into trade and
// quote columns; all or nothing: the first bad line stops it with an ImportError.

import type { QuoteColumns, TradeColumns } from '../../../core/market/columns';
import { ImportError } from './import-error';
import { ProgressThrottle } from './import-progress';
import { LineFields } from './line-fields';
import { firstLineOf, forEachLine, readFileBytes } from './text-file';
import { detectTickFormat, parseCaptureLine, parseCsvLine, type LineContext, type TickFormat } from './tick-formats';
import { TickSink } from './tick-sink';

export interface TickFile {
  readonly file: string;
  readonly format: TickFormat;
  readonly trades: TradeColumns & { readonly id: Float64Array };
  readonly quotes: QuoteColumns;
  /** Lines deliberately not imported (other streams, non-market trades), by reason. */
  readonly skipped: Readonly<Record<string, number>>;
}

export interface ReadTicksOptions {
  readonly tickSize: number;
  readonly format?: TickFormat;
  readonly backwardsToleranceMs?: number;
  /** The file's (gunzipped) bytes when the caller has read them already. */
  readonly bytes?: Uint8Array;
  /** Only recognise the format; read no lines. */
  readonly detectOnly?: boolean;
  /** Told of every row read (it reports rows and bytes, throttled). */
  readonly progress?: ProgressThrottle;
}

export function readTickFile(file: string, options: ReadTicksOptions): TickFile {
  const bytes = options.bytes ?? readFileBytes(file);
  const firstLine = firstLineOf(bytes);
  if (!firstLine) throw new ImportError(file, 1, 'file', 'empty file');
  const detected = detectTickFormat(file, firstLine);
  const format = options.format ?? detected.format;
  const hasHeader = options.format ? detected.format === options.format && detected.hasHeader : detected.hasHeader;
  // One row per line: size the columns once. Trades-only and quotes-only files are the rule.
  const lines = options.detectOnly ? 0 : estimateLines(bytes);
  const tradeFile = format !== 'binance-ws-bookticker-csv' && format !== 'binance-bookticker-csv';
  const quoteFile = !tradeFile || format === 'binance-ws-capture';
  const sink = new TickSink(file, options.backwardsToleranceMs, { trades: tradeFile ? lines : 16, quotes: quoteFile ? lines : 16 });
  if (options.detectOnly) return { file, format, trades: sink.trades(), quotes: sink.quotes(), skipped: {} };
  const ctx: LineContext = { file, tickSize: options.tickSize, sink, skipped: new Map() };
  const progress = options.progress ?? new ProgressThrottle(undefined, bytes.length);
  if (format === 'binance-ws-capture') {
    const text = new TextDecoder().decode(bytes);
    // Character offsets, scaled to bytes: close enough for a progress bar.
    const scale = text.length > 0 ? bytes.length / text.length : 1;
    forEachLine(text, (line, n, offset) => {
      parseCaptureLine(ctx, line, n);
      progress.row(n, offset * scale);
    });
  } else {
    const fields = new LineFields();
    let lineNumber = 0;
    for (let start = 0; start < bytes.length; ) {
      const next = fields.loadLine(bytes, start);
      lineNumber++;
      // Empty lines are skipped (and counted).
      if (fields.lineEnd > start && !(lineNumber === 1 && hasHeader)) parseCsvLine(format, ctx, fields, lineNumber);
      progress.row(lineNumber, next);
      start = next;
    }
  }
  return { file, format, trades: sink.trades(), quotes: sink.quotes(), skipped: Object.fromEntries(ctx.skipped) };
}

/**
 * About how many lines the bytes hold, a little over rather than under: the file's size over the
 * mean length of its first lines, plus 5%. Counting them exactly (a Buffer.indexOf call per
 * line) took ~7% of an import; a file whose later lines are much shorter only makes the
 * columns grow.
 */
function estimateLines(bytes: Uint8Array): number {
  const sample = Math.min(bytes.length, 1 << 16);
  let newlines = 0;
  for (let i = 0; i < sample; i++) newlines += +(bytes[i] === 10);
  if (newlines === 0 || sample === bytes.length) return newlines + 1;
  return Math.ceil((bytes.length / sample) * newlines * 1.05) + 16;
}
