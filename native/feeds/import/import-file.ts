// Imports one file into the store, all or nothing: the whole file is parsed and checked first,
// then written in one transaction. A file whose content was imported before adds nothing.

import type { Instrument } from '../../../core/market/instrument';
import type { Store } from '../../store/store';
import { ImportError } from './import-error';
import { ProgressThrottle, type ImportProgressListener } from './import-progress';
import { readTickFile, type TickFile } from './read-ticks';
import { detectSeriesFormat, parseSeries, SERIES_FORMATS, type SeriesFormat } from './series-formats';
import { readImportBytes, type DigestOptions } from './file-digest';
import { firstLineOf } from './text-file';
import { TICK_FORMATS, type TickFormat } from './tick-formats';

export type ImportFormat = TickFormat | SeriesFormat;
export const IMPORT_FORMATS: readonly ImportFormat[] = [...TICK_FORMATS, ...SERIES_FORMATS];

export interface ImportResult {
  readonly file: string;
  readonly format: ImportFormat;
  /** True when this exact content was imported before (nothing was written). */
  readonly alreadyImported: boolean;
  readonly tradesAdded: number;
  readonly quotesAdded: number;
  readonly barsWritten: number;
  readonly otherRows: number;
  readonly skipped: Readonly<Record<string, number>>;
}

export interface ImportOptions {
  readonly instrument: Instrument;
  readonly format?: ImportFormat;
  /** Where the content hash is computed (tests force the worker thread on small files). */
  readonly digest?: DigestOptions;
  /** Rows and bytes read while parsing (at most every `progressEveryMs`, default 100 ms), then once 'writing'. */
  readonly onProgress?: ImportProgressListener;
  readonly progressEveryMs?: number;
}

function isSeriesFormat(format: ImportFormat): format is SeriesFormat {
  return (SERIES_FORMATS as readonly string[]).includes(format);
}

export function importFile(store: Store, file: string, options: ImportOptions): ImportResult {
  const { bytes, sha256 } = readImportBytes(file, options.digest);
  const firstLine = firstLineOf(bytes);
  if (!firstLine) throw new ImportError(file, 1, 'file', 'empty file');
  const format: ImportFormat = options.format ?? detectSeriesFormat(firstLine) ?? readTickFormat(file, bytes, options);
  const seenBefore = (): ImportResult | null =>
    store.findImport(sha256.result()) ? { file, format, alreadyImported: true, tradesAdded: 0, quotesAdded: 0, barsWritten: 0, otherRows: 0, skipped: {} } : null;

  // The file is parsed while its hash is computed on another thread, and the hash is asked for
  // only then; content imported before still adds nothing, and still gives no parse error.
  let parsed: ParsedFile;
  try {
    parsed = parse(file, bytes, format, options);
  } catch (error) {
    const previous = seenBefore();
    if (previous) return previous;
    throw error;
  }
  const previous = seenBefore();
  if (previous) return previous;
  const digest = sha256.result();
  options.onProgress?.({ stage: 'writing', rows: parsed.rows, bytesRead: bytes.length, totalBytes: bytes.length });

  if (parsed.kind === 'series') {
    const series = parsed.series;
    return store.transaction(() => {
      const instrumentId = store.ensureInstrument(options.instrument);
      let barsWritten = 0;
      let otherRows = 0;
      if (series.kind === 'bars') barsWritten = store.upsertBars(instrumentId, series.timeframeS, series.rows, `import:${format}`);
      else if (series.kind === 'funding') otherRows = store.upsertFunding(instrumentId, series.rows);
      else otherRows = store.upsertOpenInterest(instrumentId, series.periodS, series.rows);
      store.recordImport({ sha256: digest, file, format, instrumentId, importedAt: Date.now(), trades: 0, quotes: 0, bars: barsWritten, rowsOther: otherRows });
      return { file, format, alreadyImported: false, tradesAdded: 0, quotesAdded: 0, barsWritten, otherRows, skipped: {} };
    });
  }

  const ticks = parsed.ticks;
  return store.transaction(() => {
    const instrumentId = store.ensureInstrument(options.instrument);
    const span = ticks.trades.length > 0 ? [ticks.trades.ts[0] as number, (ticks.trades.ts[ticks.trades.length - 1] as number) + 1] : null;
    // Checked before writing: stored quotes give the bars their close snapshots.
    const quotesStored = span ? store.hasTicks(instrumentId, 'quote', span[0]!, span[1]!) : true;
    const trades = store.writeTrades(instrumentId, 'import', ticks.trades);
    const quotes = store.writeQuotes(instrumentId, 'import', ticks.quotes);
    // The usual import (a trades file into hours holding nothing else) has its bars in memory
    // already; otherwise the hours' bars are rebuilt from everything stored.
    const barsWritten =
      !trades.merged && !quotesStored && ticks.quotes.length === 0
        ? store.writeMinuteBarsFrom(instrumentId, ticks.trades)
        : store.rebuildMinuteBars(instrumentId, [...trades.hours, ...quotes.hours]);
    store.recordImport({ sha256: digest, file, format, instrumentId, importedAt: Date.now(), trades: trades.added, quotes: quotes.added, bars: barsWritten, rowsOther: 0 });
    return { file, format, alreadyImported: false, tradesAdded: trades.added, quotesAdded: quotes.added, barsWritten, otherRows: 0, skipped: ticks.skipped };
  });
}

type ParsedFile = ({ readonly kind: 'series'; readonly series: ReturnType<typeof parseSeries> } | { readonly kind: 'ticks'; readonly ticks: TickFile }) & { readonly rows: number };

function parse(file: string, bytes: Uint8Array, format: ImportFormat, options: ImportOptions): ParsedFile {
  const progress = new ProgressThrottle(options.onProgress, bytes.length, options.progressEveryMs);
  if (isSeriesFormat(format)) {
    const series = parseSeries(file, new TextDecoder().decode(bytes), format, options.instrument.tickSize, progress);
    return { kind: 'series', series, rows: progress.rows };
  }
  return { kind: 'ticks', ticks: readTickFile(file, { tickSize: options.instrument.tickSize, format, bytes, progress }), rows: progress.rows };
}

function readTickFormat(file: string, bytes: Uint8Array, options: ImportOptions): TickFormat {
  return readTickFile(file, { tickSize: options.instrument.tickSize, bytes, detectOnly: true }).format;
}
