// The importer's progress hook: rows and bytes read while a file is parsed (every 4096 rows when
// the throttle lets every check through), then one 'writing' report with the file's row count;
// a bad line still stops the import with its file, line and field and nothing stored.

import { mkdtempSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BTCUSDT_PERP } from '../../../../core/market/instrument';
import { ImportError } from '../../../../native/feeds/import/import-error';
import { importFile } from '../../../../native/feeds/import/import-file';
import { CHECK_EVERY_ROWS, ProgressThrottle, type ImportFileProgress } from '../../../../native/feeds/import/import-progress';
import { Store } from '../../../../native/store/store';

const dir = mkdtempSync(join(tmpdir(), 'auctioneer-import-progress-'));

/** Binance trades, one per line, 1 ms apart; every line is 49 bytes (7-digit ids, 13-digit times). */
function tradesCsv(lines: number): string {
  let out = '';
  for (let i = 0; i < lines; i++) out += `${1_000_000 + i},65000.1,0.010,650.001,${1_700_000_000_000 + i},true\n`;
  return out;
}

describe('import progress', () => {
  it('reports rows and bytes every 4096 lines while reading, then once when writing', () => {
    const text = tradesCsv(10_000);
    const lineBytes = text.indexOf('\n') + 1;
    expect(lineBytes).toBe(49);
    const file = join(dir, 'trades.csv');
    writeFileSync(file, text);
    const store = Store.open(join(dir, 'a.db'));
    const reports: ImportFileProgress[] = [];
    const result = importFile(store, file, { instrument: BTCUSDT_PERP, onProgress: (p) => reports.push(p), progressEveryMs: 0 });
    expect(result.tradesAdded).toBe(10_000);
    const total = statSync(file).size;
    expect(total).toBe(10_000 * 49);
    // Row 4096 ends at byte 4096 x 49; row 8192 at 8192 x 49.
    expect(reports).toEqual([
      { stage: 'reading', rows: 4096, bytesRead: 4096 * 49, totalBytes: total },
      { stage: 'reading', rows: 8192, bytesRead: 8192 * 49, totalBytes: total },
      { stage: 'writing', rows: 10_000, bytesRead: total, totalBytes: total },
    ]);
    store.close();
  });

  it('keeps the importer’s error (file, line, field) and stores nothing, after reporting the rows read before it', () => {
    const lines = tradesCsv(5_000).split('\n');
    lines[4_500] = '1004500,65000.1,oops,650.001,1700000004500,true';
    const file = join(dir, 'bad.csv');
    writeFileSync(file, lines.join('\n'));
    const store = Store.open(join(dir, 'b.db'));
    const reports: ImportFileProgress[] = [];
    let error: unknown;
    try {
      importFile(store, file, { instrument: BTCUSDT_PERP, onProgress: (p) => reports.push(p), progressEveryMs: 0 });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ImportError);
    expect(error).toMatchObject({ file, line: 4_501, field: 'qty' });
    expect(reports.map((r) => [r.stage, r.rows])).toEqual([['reading', 4096]]);
    expect(store.statement('SELECT COUNT(*) AS n FROM tick_blocks').get()).toEqual({ n: 0 });
    expect(store.statement('SELECT COUNT(*) AS n FROM imports').get()).toEqual({ n: 0 });
    store.close();
  });

  it('reports at most once per interval however many rows pass', () => {
    let now = 1_000;
    const seen: number[] = [];
    const throttle = new ProgressThrottle((p) => seen.push(p.rows), 1e6, 100, () => now);
    for (let row = 1; row <= CHECK_EVERY_ROWS * 10; row++) {
      // The clock moves 30 ms per 4096 rows: a report every 4th check (120 ms).
      if (row % CHECK_EVERY_ROWS === 0) now += 30;
      throttle.row(row, row * 10);
    }
    expect(seen).toEqual([4 * CHECK_EVERY_ROWS, 8 * CHECK_EVERY_ROWS]);
    expect(throttle.rows).toBe(CHECK_EVERY_ROWS * 10);
  });
});
