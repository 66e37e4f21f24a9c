// Data and settings: imports, connection, symbol, API keys, alerts, remembered layout.

import { z } from 'zod';
import type { EventMap, RequestMap } from './area';

/** Where an import's bytes are: a file on the host's disk, or an upload sent in chunks first. */
export const ImportSourceSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('path'), path: z.string().min(1).max(4096) }),
  z.object({ kind: z.literal('upload'), uploadId: z.string().regex(/^[A-Za-z0-9-]{8,64}$/) }),
]);

/** The importer's own error: the file, the 1-based line and the field at fault. */
export const ImportProblemSchema = z.object({ file: z.string(), line: z.number().int(), field: z.string(), detail: z.string(), message: z.string() });

export const ImportSummarySchema = z.object({
  file: z.string(),
  format: z.string(),
  alreadyImported: z.boolean(),
  tradesAdded: z.number().int(),
  quotesAdded: z.number().int(),
  barsWritten: z.number().int(),
  otherRows: z.number().int(),
});

export const ImportProgressSchema = z.object({
  importId: z.string(),
  file: z.string(),
  stage: z.enum(['uploading', 'reading', 'writing', 'done', 'failed']),
  /** 0..1 of the whole import. */
  fraction: z.number().min(0).max(1),
  message: z.string(),
  /** Lines read so far (while reading), or the file's lines (writing, done). */
  rows: z.number().int().nonnegative().optional(),
});

/** An exchange's API key as the app shows it: never in full. */
export const ApiKeyViewSchema = z.object({
  exchange: z.string(),
  /** The last 4 characters behind a mask, e.g. "••••••••3f9a". */
  apiKeyMasked: z.string(),
  hasSecret: z.boolean(),
  updatedAt: z.number(),
});

/** What the trader arranged: restored on the next start. Each part is owned by its screen. */
export const LayoutSchema = z.object({
  screen: z.enum(['trade', 'backtests', 'strategies', 'settings']).optional(),
  /** Chart settings (timeframe, mode, zoom...) by name. */
  chart: z.record(z.string(), z.union([z.string(), z.number(), z.boolean()])).optional(),
  ticket: z
    .object({
      qty: z.number().positive(),
      bracket: z.object({
        stop: z.number().positive(),
        stopUnit: z.enum(['ticks', 'points']),
        targetUnit: z.enum(['ticks', 'points', 'R']),
        targets: z.array(z.object({ distance: z.number().positive(), share: z.number().positive().max(1) })).max(4),
      }),
      noConfirm: z.boolean(),
    })
    .optional(),
});
export type Layout = z.output<typeof LayoutSchema>;

export const AlertKindSchema = z.enum(['trade-open', 'trade-close', 'strategy-start', 'strategy-stop', 'feed-stale', 'ambiguous-flow', 'va-invalid', 'daily-loss', 'near-lvn']);

export const AlertSettingsViewSchema = z.object({
  /** The webhook masked like a secret, null when none is set. */
  discordWebhookMasked: z.string().nullable(),
  /** Kinds that are raised; the others are dropped. */
  enabled: z.array(AlertKindSchema),
  desktopNotifications: z.boolean(),
});

const empty = z.object({}).strict();

export const settingsRequests = {
  /** One chunk of a file uploaded from the browser (which cannot tell the host a path). */
  'settings.uploadChunk': {
    params: z.object({ uploadId: z.string().regex(/^[A-Za-z0-9-]{8,64}$/), name: z.string().min(1).max(255), offset: z.number().int().nonnegative(), totalBytes: z.number().int().positive(), dataBase64: z.string().max(700_000) }).strict(),
    result: z.object({ received: z.number().int() }),
  },
  /** Imports one file, all or nothing; progress arrives as settings.importProgress events. */
  'settings.import': {
    params: z.object({ importId: z.string().min(1).max(64), source: ImportSourceSchema, format: z.string().optional() }).strict(),
    result: z.discriminatedUnion('ok', [z.object({ ok: z.literal(true), summary: ImportSummarySchema }), z.object({ ok: z.literal(false), problem: ImportProblemSchema })]),
  },
  'settings.keys.list': { params: empty, result: z.array(ApiKeyViewSchema) },
  'settings.keys.set': {
    params: z.object({ exchange: z.string().regex(/^[a-z0-9]+$/, 'a ccxt exchange id such as binanceusdm'), apiKey: z.string().min(4).max(512), apiSecret: z.string().max(1024).default('') }).strict(),
    result: z.array(ApiKeyViewSchema),
  },
  'settings.keys.delete': { params: z.object({ exchange: z.string().min(1) }).strict(), result: z.array(ApiKeyViewSchema) },
  'settings.layout.get': { params: empty, result: LayoutSchema },
  /** Merges the parts given into the saved layout. */
  'settings.layout.set': { params: LayoutSchema, result: LayoutSchema },
  'settings.alerts.get': { params: empty, result: AlertSettingsViewSchema },
  'settings.alerts.set': {
    params: z
      .object({
        /** A new webhook URL, or null to remove it; left out to keep the current one. */
        discordWebhook: z.string().url().max(512).nullable().optional(),
        enabled: z.array(AlertKindSchema).optional(),
        desktopNotifications: z.boolean().optional(),
      })
      .strict(),
    result: AlertSettingsViewSchema,
  },
} as const satisfies RequestMap;

export const settingsEvents = {
  'settings.importProgress': ImportProgressSchema,
} as const satisfies EventMap;
