// Import worker thread: one file imported from the app, off the host's main thread so the API,
// the live chart and the feed keep flowing while millions of lines are parsed. It runs the CLI's
// importer (all or nothing) on its own connection to the store and reports rows read.

import { parentPort } from 'node:worker_threads';
import { ImportError } from '../feeds/import/import-error';
import { importFile, type ImportFormat } from '../feeds/import/import-file';
import { Store } from '../store/store';
import { ImportJobSchema, type ImportWorkerMessage } from './import-protocol';

if (!parentPort) throw new Error('import-worker must run in a worker thread');
const port = parentPort;
const send = (m: ImportWorkerMessage): void => port.postMessage(m);

function handle(raw: unknown): void {
  const job = ImportJobSchema.parse(raw);
  const store = Store.open(job.dbPath);
  try {
    const result = importFile(store, job.file, {
      instrument: job.instrument,
      ...(job.format ? { format: job.format as ImportFormat } : {}),
      onProgress: (p) => send({ type: 'progress', ...p }),
    });
    const { file, format, alreadyImported, tradesAdded, quotesAdded, barsWritten, otherRows } = result;
    send({ type: 'done', result: { file, format, alreadyImported, tradesAdded, quotesAdded, barsWritten, otherRows } });
  } finally {
    store.close();
  }
}

port.once('message', (raw: unknown) => {
  try {
    handle(raw);
  } catch (error) {
    if (error instanceof ImportError) send({ type: 'refused', file: error.file, line: error.line, field: error.field, detail: error.detail });
    else send({ type: 'error', message: error instanceof Error ? error.message : String(error) });
  }
});
