// `auctioneer import FILE...`: trades, quotes, bars, funding and open interest into the store,
// each file all or nothing, a clear error naming file, line and field on bad input.

import type { Command } from 'commander';
import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import type { Instrument } from '../../core/market/instrument';
import { findInstrument } from '../../core/market/instruments';
import { ImportError } from '../feeds/import/import-error';
import { IMPORT_FORMATS, importFile, type ImportFormat, type ImportResult } from '../feeds/import/import-file';
import { defaultStorePath } from '../store/default-path';
import { Store } from '../store/store';
import { createProgress } from './progress';

interface ImportOptions {
  db?: string;
  format?: string;
  instrument: string;
  tickSize?: string;
  json?: boolean;
}

export function resolveInstrument(key: string, tickSize: string | undefined): Instrument {
  const known = findInstrument(key);
  if (known) return tickSize === undefined ? known : { ...known, tickSize: Number(tickSize) };
  if (tickSize === undefined) throw new Error(`unknown instrument "${key}": give its tick size with --tick-size`);
  const [venue, symbol] = key.includes(':') ? key.split(':') : ['custom', key];
  const tick = Number(tickSize);
  if (!(tick > 0)) throw new Error(`--tick-size must be a positive number, found "${tickSize}"`);
  return { venue: venue ?? 'custom', symbol: (symbol ?? key).toUpperCase(), tickSize: tick, contractSize: 1, sizeStep: 1e-8, takerFeeBps: 0, makerFeeBps: 0, fundingIntervalHours: 0 };
}

export function openStore(db: string | undefined): Store {
  const path = resolve(db ?? defaultStorePath());
  mkdirSync(dirname(path), { recursive: true });
  return Store.open(path);
}

export function registerImportCommand(program: Command): void {
  program
    .command('import')
    .description('import files into the store: trades, quotes, bars, funding, open interest (plain or gzipped)')
    .argument('<files...>', 'files to import')
    .option('--db <path>', 'store file (default: the desktop app\'s store)')
    .option('--format <format>', `file format, detected when omitted: ${IMPORT_FORMATS.join(', ')}`)
    .option('--instrument <venue:symbol>', 'instrument the data belongs to', 'binanceusdm:BTCUSDT')
    .option('--tick-size <size>', 'tick size, for an instrument Auctioneer does not know')
    .option('--json', 'print one JSON object per file on stdout')
    .action((files: string[], opts: ImportOptions) => {
      if (opts.format && !(IMPORT_FORMATS as readonly string[]).includes(opts.format)) {
        throw new Error(`unknown --format "${opts.format}"; one of: ${IMPORT_FORMATS.join(', ')}`);
      }
      const instrument = resolveInstrument(opts.instrument, opts.tickSize);
      const store = openStore(opts.db);
      const progress = createProgress('import', files.length, { json: opts.json ?? false });
      let failures = 0;
      try {
        files.forEach((file, i) => {
          try {
            const result = importFile(store, resolve(file), { instrument, ...(opts.format ? { format: opts.format as ImportFormat } : {}) });
            if (opts.json) console.log(JSON.stringify({ ok: true, ...result }));
            else console.log(describe(result));
          } catch (error) {
            failures++;
            const message = error instanceof Error ? error.message : String(error);
            if (opts.json) console.log(JSON.stringify({ ok: false, file, error: message, ...(error instanceof ImportError ? { line: error.line, field: error.field } : {}) }));
            else console.error(`auctioneer: import failed, nothing from this file was stored: ${message}`);
          }
          progress.update(i + 1);
        });
      } finally {
        store.close();
      }
      progress.finish(`${files.length - failures} imported, ${failures} failed`);
      if (failures > 0) process.exitCode = 1;
    });
}

function describe(r: ImportResult): string {
  if (r.alreadyImported) return `${r.file}: already imported (${r.format}), nothing added`;
  const skipped = Object.entries(r.skipped).map(([why, n]) => `${n} skipped (${why})`);
  const parts = [
    r.tradesAdded ? `${r.tradesAdded} trades` : '',
    r.quotesAdded ? `${r.quotesAdded} quotes` : '',
    r.barsWritten ? `${r.barsWritten} bars` : '',
    r.otherRows ? `${r.otherRows} rows` : '',
    ...skipped,
  ].filter(Boolean);
  return `${r.file}: ${r.format}: ${parts.join(', ') || 'nothing new'}`;
}
