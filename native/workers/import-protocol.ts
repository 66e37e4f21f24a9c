// Messages between the app's host and its import worker thread, checked on arrival.

import { z } from 'zod';
import { IMPORT_FORMATS } from '../feeds/import/import-file';
import { InstrumentSchema } from '../../core/api/schemas';
import { ImportSummarySchema } from '../../core/api/areas/settings';

export const ImportJobSchema = z.object({
  type: z.literal('job'),
  /** The store file: the worker opens its own connection (SQLite in WAL mode allows it). */
  dbPath: z.string().min(1),
  file: z.string().min(1),
  instrument: InstrumentSchema,
  format: z.enum(IMPORT_FORMATS as unknown as [string, ...string[]]).optional(),
});

export const ImportWorkerMessageSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('progress'), stage: z.enum(['reading', 'writing']), rows: z.number().int().nonnegative(), bytesRead: z.number().nonnegative(), totalBytes: z.number().nonnegative() }),
  z.object({
    type: z.literal('done'),
    result: ImportSummarySchema,
  }),
  /** The importer's own refusal: a bad line, with its file, line and field. */
  z.object({ type: z.literal('refused'), file: z.string(), line: z.number().int(), field: z.string(), detail: z.string() }),
  z.object({ type: z.literal('error'), message: z.string() }),
]);

export type ImportJob = z.infer<typeof ImportJobSchema>;
export type ImportWorkerMessage = z.infer<typeof ImportWorkerMessageSchema>;
