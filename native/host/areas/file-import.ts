// Imports from the app: a file on the host's disk, or one uploaded from the browser in chunks
// (a browser cannot tell the host a path). Uploads go to a folder of their own under the app's
// temporary folder, named as the trader's file so the importer's errors name it; they are capped
// in size (64 MB: larger files are better imported by path, without a copy). The importer is the
// CLI's, all or nothing: a bad line leaves the store as it was and is reported with its file,
// line and field.

import { existsSync, mkdirSync, openSync, closeSync, rmSync, statSync, writeSync } from 'node:fs';
import { basename, join } from 'node:path';
import type { z } from 'zod';
import type { settingsRequests } from '../../../core/api/areas/settings';
import type { Instrument } from '../../../core/market/instrument';
import { ImportError } from '../../feeds/import/import-error';
import { IMPORT_FORMATS, importFile, type ImportFormat } from '../../feeds/import/import-file';
import type { Store } from '../../store/store';

export const MAX_UPLOAD_BYTES = 64 * 1024 * 1024;

type Params<K extends keyof typeof settingsRequests> = z.output<(typeof settingsRequests)[K]['params']>;
type Result<K extends keyof typeof settingsRequests> = z.output<(typeof settingsRequests)[K]['result']>;
export type ImportProgress = { importId: string; file: string; stage: 'uploading' | 'reading' | 'writing' | 'done' | 'failed'; fraction: number; message: string };

interface Upload {
  readonly path: string;
  readonly totalBytes: number;
  received: number;
}

export class FileImports {
  private readonly uploads = new Map<string, Upload>();

  constructor(
    private readonly store: Store,
    private readonly instrument: Instrument,
    private readonly uploadDir: string,
    private readonly progress: (p: ImportProgress) => void,
  ) {}

  uploadChunk(p: Params<'settings.uploadChunk'>): Result<'settings.uploadChunk'> {
    if (p.totalBytes > MAX_UPLOAD_BYTES) throw new Error(`the file is ${(p.totalBytes / 1e6).toFixed(1)} MB: uploads stop at ${MAX_UPLOAD_BYTES / 1e6} MB, import it by its path instead`);
    let upload = this.uploads.get(p.uploadId);
    if (!upload) {
      if (p.offset !== 0) throw new Error(`upload ${p.uploadId} is unknown: start again from the first chunk`);
      const dir = join(this.uploadDir, p.uploadId);
      mkdirSync(dir, { recursive: true });
      // Only the file's own name: never a path the sender chose.
      upload = { path: join(dir, basename(p.name).replace(/[^\w.\- ]/g, '_') || 'upload'), totalBytes: p.totalBytes, received: 0 };
      closeSync(openSync(upload.path, 'w'));
      this.uploads.set(p.uploadId, upload);
    }
    if (p.offset !== upload.received) throw new Error(`chunk at ${p.offset} out of order: ${upload.received} bytes received so far`);
    const bytes = Buffer.from(p.dataBase64, 'base64');
    if (upload.received + bytes.length > upload.totalBytes) throw new Error('more bytes than announced');
    const fd = openSync(upload.path, 'a');
    try {
      writeSync(fd, bytes);
    } finally {
      closeSync(fd);
    }
    upload.received += bytes.length;
    return { received: upload.received };
  }

  async run(p: Params<'settings.import'>): Promise<Result<'settings.import'>> {
    const upload = p.source.kind === 'upload' ? this.uploads.get(p.source.uploadId) : undefined;
    if (p.source.kind === 'upload' && (!upload || upload.received !== upload.totalBytes)) throw new Error('the upload is not complete');
    const path = p.source.kind === 'path' ? p.source.path : (upload as Upload).path;
    const shown = p.source.kind === 'path' ? path : basename(path);
    const report = (stage: ImportProgress['stage'], fraction: number, message: string): void => this.progress({ importId: p.importId, file: shown, stage, fraction, message });
    try {
      if (p.format !== undefined && !(IMPORT_FORMATS as readonly string[]).includes(p.format)) throw new Error(`unknown format "${p.format}": one of ${IMPORT_FORMATS.join(', ')}`);
      if (!existsSync(path) || !statSync(path).isFile()) {
        report('failed', 1, 'no such file on the host');
        return { ok: false, problem: { file: shown, line: 0, field: 'path', detail: 'no such file on the host', message: `${shown}: no such file on the host` } };
      }
      report('reading', 0.1, `reading and checking ${(statSync(path).size / 1e6).toFixed(1)} MB`);
      // Let the progress event leave before the import holds the thread.
      await new Promise((r) => setTimeout(r, 20));
      const result = importFile(this.store, path, { instrument: this.instrument, ...(p.format ? { format: p.format as ImportFormat } : {}) });
      const summary = {
        file: shown,
        format: result.format,
        alreadyImported: result.alreadyImported,
        tradesAdded: result.tradesAdded,
        quotesAdded: result.quotesAdded,
        barsWritten: result.barsWritten,
        otherRows: result.otherRows,
      };
      report('done', 1, result.alreadyImported ? 'imported before: nothing added' : `${result.tradesAdded} trades, ${result.quotesAdded} quotes, ${result.barsWritten} bars written`);
      return { ok: true, summary };
    } catch (error) {
      if (!(error instanceof ImportError)) {
        report('failed', 1, error instanceof Error ? error.message : String(error));
        throw error;
      }
      const file = error.file === path ? shown : error.file;
      report('failed', 1, `line ${error.line}, ${error.field}: ${error.detail}`);
      return { ok: false, problem: { file, line: error.line, field: error.field, detail: error.detail, message: `${file}:${error.line}: ${error.field}: ${error.detail}` } };
    } finally {
      if (upload && p.source.kind === 'upload') {
        this.uploads.delete(p.source.uploadId);
        rmSync(join(upload.path, '..'), { recursive: true, force: true });
      }
    }
  }

  dispose(): void {
    for (const upload of this.uploads.values()) rmSync(join(upload.path, '..'), { recursive: true, force: true });
    this.uploads.clear();
  }
}
