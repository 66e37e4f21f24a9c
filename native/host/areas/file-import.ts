// Imports from the app: a file on the host's disk, or one uploaded from the browser in chunks
// (a browser cannot tell the host a path). Uploads go to a folder of their own under the app's
// temporary folder, named as the trader's file so the importer's errors name it; they are capped
// in size (64 MB: larger files are better imported by path, without a copy). The importer is the
// CLI's, all or nothing: a bad line leaves the store as it was and is reported with its file,
// line and field. It runs on a worker thread with its own connection to the store, so the API
// keeps answering while a large file is parsed, and reports the rows read as it goes.

import { existsSync, mkdirSync, openSync, closeSync, rmSync, statSync, writeSync } from 'node:fs';
import { Worker } from 'node:worker_threads';
import { basename, join } from 'node:path';
import type { z } from 'zod';
import type { settingsRequests } from '../../../core/api/areas/settings';
import type { Instrument } from '../../../core/market/instrument';
import { ImportError } from '../../feeds/import/import-error';
import { IMPORT_FORMATS, importFile, type ImportFormat } from '../../feeds/import/import-file';
import type { ImportFileProgress } from '../../feeds/import/import-progress';
import type { Store } from '../../store/store';
import { ImportWorkerMessageSchema, type ImportJob } from '../../workers/import-protocol';
import { workerEntry } from '../../workers/worker-entry';

export const MAX_UPLOAD_BYTES = 64 * 1024 * 1024;

type Params<K extends keyof typeof settingsRequests> = z.output<(typeof settingsRequests)[K]['params']>;
type Result<K extends keyof typeof settingsRequests> = z.output<(typeof settingsRequests)[K]['result']>;
export type ImportProgress = { importId: string; file: string; stage: 'uploading' | 'reading' | 'writing' | 'done' | 'failed'; fraction: number; message: string; rows?: number };
type ImportSummary = Extract<Result<'settings.import'>, { ok: true }>['summary'];

/** Of the whole import's bar: reading the file is most of the work, writing the rest. */
const READ_FROM = 0.05;
const READ_TO = 0.9;

function rowsText(rows: number): string {
  return `${rows.toLocaleString('en-US')} line${rows === 1 ? '' : 's'}`;
}

interface Upload {
  readonly path: string;
  readonly totalBytes: number;
  received: number;
}

export class FileImports {
  private readonly uploads = new Map<string, Upload>();
  private readonly workers = new Set<Worker>();

  constructor(
    private readonly store: Store,
    private readonly instrument: Instrument,
    private readonly uploadDir: string,
    private readonly progress: (p: ImportProgress) => void,
    private readonly workerFile?: string,
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
    const report = (stage: ImportProgress['stage'], fraction: number, message: string, rows?: number): void =>
      this.progress({ importId: p.importId, file: shown, stage, fraction, message, ...(rows !== undefined ? { rows } : {}) });
    try {
      if (p.format !== undefined && !(IMPORT_FORMATS as readonly string[]).includes(p.format)) throw new Error(`unknown format "${p.format}": one of ${IMPORT_FORMATS.join(', ')}`);
      if (!existsSync(path) || !statSync(path).isFile()) {
        report('failed', 1, 'no such file on the host');
        return { ok: false, problem: { file: shown, line: 0, field: 'path', detail: 'no such file on the host', message: `${shown}: no such file on the host` } };
      }
      const megabytes = (statSync(path).size / 1e6).toFixed(1);
      report('reading', 0, `reading and checking ${megabytes} MB`, 0);
      let rows = 0;
      const onProgress = (q: ImportFileProgress): void => {
        rows = q.rows;
        const read = q.totalBytes > 0 ? q.bytesRead / q.totalBytes : 1;
        if (q.stage === 'reading') report('reading', READ_FROM + (READ_TO - READ_FROM) * read, `${rowsText(q.rows)} read and checked · ${(q.bytesRead / 1e6).toFixed(1)} of ${(q.totalBytes / 1e6).toFixed(1)} MB`, q.rows);
        else report('writing', READ_TO, `${rowsText(q.rows)} checked · writing to the store`, q.rows);
      };
      const format = p.format as ImportFormat | undefined;
      const result = this.store.path && this.store.path !== ':memory:' ? await this.importInWorker(path, format, onProgress) : this.importHere(path, format, onProgress);
      const summary = { ...result, file: shown };
      report('done', 1, result.alreadyImported ? 'imported before: nothing added' : `${rowsText(rows)} · ${result.tradesAdded} trades, ${result.quotesAdded} quotes, ${result.barsWritten} bars written`, rows);
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

  /** On a worker thread with its own connection to the store; the importer's refusal comes back as an ImportError. */
  private async importInWorker(path: string, format: ImportFormat | undefined, onProgress: (p: ImportFileProgress) => void): Promise<ImportSummary> {
    const worker = new Worker(await workerEntry('import-worker', this.workerFile));
    this.workers.add(worker);
    const job: ImportJob = { type: 'job', dbPath: this.store.path, file: path, instrument: { ...this.instrument }, ...(format ? { format } : {}) };
    return new Promise<ImportSummary>((resolve, reject) => {
      let settled = false;
      const settle = (finish: () => void): void => {
        if (settled) return;
        settled = true;
        this.workers.delete(worker);
        void worker.terminate();
        finish();
      };
      worker.on('message', (raw: unknown) => {
        const parsed = ImportWorkerMessageSchema.safeParse(raw);
        if (!parsed.success) return settle(() => reject(new Error(`the import worker sent a bad message: ${parsed.error.message}`)));
        const m = parsed.data;
        if (m.type === 'progress') onProgress(m);
        else if (m.type === 'done') settle(() => resolve(m.result));
        else if (m.type === 'refused') settle(() => reject(new ImportError(m.file, m.line, m.field, m.detail)));
        else settle(() => reject(new Error(m.message)));
      });
      worker.on('error', (error) => settle(() => reject(error)));
      worker.on('exit', (code) => settle(() => reject(new Error(`the import worker stopped (exit code ${code})`))));
      worker.postMessage(job);
    });
  }

  /** A store with no file (in memory) cannot be opened by a worker: imported on this thread. */
  private importHere(path: string, format: ImportFormat | undefined, onProgress: (p: ImportFileProgress) => void): ImportSummary {
    const r = importFile(this.store, path, { instrument: this.instrument, ...(format ? { format } : {}), onProgress });
    return { file: r.file, format: r.format, alreadyImported: r.alreadyImported, tradesAdded: r.tradesAdded, quotesAdded: r.quotesAdded, barsWritten: r.barsWritten, otherRows: r.otherRows };
  }

  dispose(): void {
    for (const worker of this.workers) void worker.terminate();
    this.workers.clear();
    for (const upload of this.uploads.values()) rmSync(join(upload.path, '..'), { recursive: true, force: true });
    this.uploads.clear();
  }
}
