// The data & settings area through the host: imports by path and by upload with progress and
// the importer's file:line:field errors (the store untouched by a bad file), API keys sealed at
// rest and shown masked, alert settings applied to the hub, and the layout kept across restarts.

import Database from 'better-sqlite3';
import { mkdtempSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { EventPayload } from '../../../core/api/contract';
import { AlertHub } from '../../../native/alerts/alert-hub';
import { createDefaultHost, type Host } from '../../../native/host/host';
import { Store } from '../../../native/store/store';

const GOOD_TRADES = '1,65000.1,0.010,650.001,1700000000000,true\n2,65000.2,0.500,32500.1,1700000000001,false\n';
const BAD_TRADES = `${GOOD_TRADES}3,65000.3,oops,1,1700000000002,true\n`;

function setup(alerts?: AlertHub): { host: Host; store: Store; dir: string; dbPath: string; progress: Array<EventPayload<'settings.importProgress'>> } {
  const dir = mkdtempSync(join(tmpdir(), 'auctioneer-settings-'));
  const dbPath = join(dir, 'auctioneer.db');
  const store = Store.open(dbPath);
  const host = createDefaultHost({ shell: 'web', version: 'test', historyMinutes: 1, store, dataDir: dir, ...(alerts ? { alerts } : {}) });
  const progress: Array<EventPayload<'settings.importProgress'>> = [];
  host.subscribe((name, payload) => {
    if (name === 'settings.importProgress') progress.push(payload as EventPayload<'settings.importProgress'>);
  });
  return { host, store, dir, dbPath, progress };
}

/** Every row of the data tables, to prove a failed import changed nothing. */
function dataRows(store: Store): string {
  return ['tick_blocks', 'bar_blocks', 'imports', 'instruments'].map((t) => JSON.stringify(store.statement(`SELECT * FROM ${t}`).all())).join('\n');
}

describe('imports from the settings screen', () => {
  it('imports on a worker thread: the host keeps answering and reports the lines read while a large file is parsed', async () => {
    const { host, store, dir, progress } = setup();
    // 400,000 Binance trades (about 20 MB): long enough to be seen in the middle.
    const lines: string[] = [];
    for (let i = 0; i < 400_000; i++) lines.push(`${1_000_000 + i},${(65_000 + (i % 500) / 10).toFixed(1)},0.010,650.001,${1_700_000_000_000 + i * 10},${i % 2 === 0}`);
    const file = join(dir, 'big-trades.csv');
    writeFileSync(file, `${lines.join('\n')}\n`);
    let finished = false;
    const running = host.handlers['settings.import']({ importId: 'big', source: { kind: 'path', path: file } }).finally(() => {
      finished = true;
    });
    // A timer fires in the middle of the import only if the host's thread is free: on the main
    // thread the first one would fire after the import had finished.
    const deadline = Date.now() + 60_000;
    let answeredMidway = false;
    while (!finished && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 5));
      if (finished || !progress.some((p) => p.stage === 'reading' && (p.rows ?? 0) > 0)) continue;
      answeredMidway = true;
      expect((await host.handlers['app.info']({})).name).toBe('Auctioneer');
      break;
    }
    expect(answeredMidway).toBe(true);
    const outcome = await running;
    expect(outcome).toMatchObject({ ok: true, summary: { tradesAdded: 400_000 } });
    const reading = progress.filter((p) => p.stage === 'reading' && (p.rows ?? 0) > 0);
    expect(reading.length).toBeGreaterThan(0);
    // Rows and the bar only move forward, and the last report is the whole file.
    const rows = progress.map((p) => p.rows ?? 0);
    expect(rows).toEqual([...rows].sort((a, b) => a - b));
    const fractions = progress.map((p) => p.fraction);
    expect(fractions).toEqual([...fractions].sort((a, b) => a - b));
    expect(progress[progress.length - 1]).toMatchObject({ stage: 'done', rows: 400_000, fraction: 1 });
    expect(reading[0]!.message).toMatch(/^[\d,]+ lines read and checked · [\d.]+ of \d+\.\d MB$/);
    await host.stop();
    store.close();
  }, 90_000);

  it('refuses a bad file with its line and field, leaving the store as it was; a good one shows progress and lands in the calendar', async () => {
    const { host, store, dir, progress } = setup();
    const bad = join(dir, 'bad-trades.csv');
    writeFileSync(bad, BAD_TRADES);
    const before = dataRows(store);
    const refused = await host.handlers['settings.import']({ importId: 'i1', source: { kind: 'path', path: bad } });
    expect(refused).toEqual({ ok: false, problem: { file: bad, line: 3, field: 'qty', detail: 'not a number: "oops"', message: `${bad}:3: qty: not a number: "oops"` } });
    expect(dataRows(store)).toBe(before);
    expect(progress.map((p) => p.stage)).toEqual(['reading', 'failed']);

    progress.length = 0;
    const good = join(dir, 'trades.csv');
    writeFileSync(good, GOOD_TRADES);
    const done = await host.handlers['settings.import']({ importId: 'i2', source: { kind: 'path', path: good } });
    expect(done).toEqual({ ok: true, summary: { file: good, format: 'binance-trades-csv', alreadyImported: false, tradesAdded: 2, quotesAdded: 0, barsWritten: 1, otherRows: 0 } });
    expect(progress.map((p) => [p.stage, p.fraction, p.rows])).toEqual([
      ['reading', 0, 0],
      ['writing', 0.9, 2],
      ['done', 1, 2],
    ]);
    const calendar = await host.handlers['store.calendar']({});
    expect(calendar.days).toEqual([{ dayTs: Date.UTC(2023, 10, 14), firstTs: 1700000000000, lastTs: 1700000000001, trades: 2, quotes: 0 }]);
    await host.stop();
    store.close();
  });

  it('imports an upload sent in chunks, naming the uploaded file in errors, and removes the upload afterwards', async () => {
    const { host, store, dir } = setup();
    const send = async (uploadId: string, name: string, text: string): Promise<void> => {
      const bytes = Buffer.from(text);
      const chunk = 40;
      for (let offset = 0; offset < bytes.length; offset += chunk) {
        const r = await host.handlers['settings.uploadChunk']({ uploadId, name, offset, totalBytes: bytes.length, dataBase64: bytes.subarray(offset, offset + chunk).toString('base64') });
        expect(r.received).toBe(Math.min(bytes.length, offset + chunk));
      }
    };
    await send('upload-bad-1', 'my trades.csv', BAD_TRADES);
    const refused = await host.handlers['settings.import']({ importId: 'u1', source: { kind: 'upload', uploadId: 'upload-bad-1' } });
    expect(refused).toMatchObject({ ok: false, problem: { file: 'my trades.csv', line: 3, field: 'qty' } });
    await send('upload-good-1', '../../escape.csv', GOOD_TRADES);
    const done = await host.handlers['settings.import']({ importId: 'u2', source: { kind: 'upload', uploadId: 'upload-good-1' } });
    expect(done).toMatchObject({ ok: true, summary: { file: 'escape.csv', tradesAdded: 2 } });
    // Nothing left behind, nothing written outside the uploads folder.
    expect(readdirSync(join(dir, 'uploads'))).toEqual([]);
    expect(readdirSync(dir).sort()).not.toContain('escape.csv');
    await expect(host.handlers['settings.uploadChunk']({ uploadId: 'upload-out-1', name: 'x.csv', offset: 10, totalBytes: 20, dataBase64: '' })).rejects.toThrow(/start again/);
    await host.stop();
    store.close();
  });
});

describe('API keys', () => {
  it('keeps keys sealed at rest, shows only the last 4 characters, replaces and deletes them', async () => {
    const { host, store, dir, dbPath } = setup();
    const apiKey = 'kV93mPq0Zr7TbX2sLw8YhN4cUe6AJd1F';
    const apiSecret = 'S3cr3t-9f8e7d6c5b4a39281706f5e4d3c2b1a0';
    const listed = await host.handlers['settings.keys.set']({ exchange: 'binanceusdm', apiKey, apiSecret });
    expect(listed).toEqual([{ exchange: 'binanceusdm', apiKeyMasked: '••••••••Jd1F', hasSecret: true, updatedAt: expect.any(Number) }]);
    expect(JSON.stringify(await host.handlers['settings.keys.list']({}))).not.toContain(apiKey.slice(0, -4));

    // The bytes on disk (database and its write-ahead log) hold neither the key nor the secret.
    store.statement('PRAGMA wal_checkpoint(FULL)').run();
    for (const file of readdirSync(dir).filter((f) => f.startsWith('auctioneer.db'))) {
      const bytes = readFileSync(join(dir, file));
      for (const secret of [apiKey, apiSecret]) {
        expect(bytes.includes(Buffer.from(secret))).toBe(false);
        expect(bytes.includes(Buffer.from(secret, 'utf16le'))).toBe(false);
        expect(bytes.includes(Buffer.from(Buffer.from(secret).toString('base64')))).toBe(false);
      }
    }
    const raw = new Database(dbPath, { readonly: true });
    const row = raw.prepare(`SELECT ciphertext, last4 FROM secrets WHERE name = 'apikey:binanceusdm'`).get() as { ciphertext: Buffer; last4: string };
    raw.close();
    expect(row.last4).toBe('Jd1F');
    expect(row.ciphertext.length).toBeGreaterThan(apiKey.length + apiSecret.length);
    // The key that seals them is the user's alone.
    expect(statSync(join(dir, 'secrets.key')).mode & 0o777).toBe(0o600);

    const replaced = await host.handlers['settings.keys.set']({ exchange: 'binanceusdm', apiKey: 'NEWKEY-000000-abcd', apiSecret: '' });
    expect(replaced).toEqual([{ exchange: 'binanceusdm', apiKeyMasked: '••••••••abcd', hasSecret: false, updatedAt: expect.any(Number) }]);
    expect(await host.handlers['settings.keys.delete']({ exchange: 'binanceusdm' })).toEqual([]);
    await host.stop();
    store.close();
  });
});

describe('alert settings', () => {
  it('masks the webhook, and the hub raises only the kinds left on', async () => {
    const seen: string[] = [];
    const hub = new AlertHub([{ name: 'record', deliver: (a) => seen.push(a.kind) }]);
    const { host, store } = setup(hub);
    const view = await host.handlers['settings.alerts.set']({ discordWebhook: 'https://discord.com/api/webhooks/123/abcdefWXYZ', enabled: ['trade-open', 'trade-close'], desktopNotifications: false });
    expect(view).toEqual({ discordWebhookMasked: '••••••••WXYZ', enabled: ['trade-open', 'trade-close'], desktopNotifications: false });
    expect(hub.raise({ kind: 'feed-stale', ts: 1, title: 'stale', message: '' })).toBe(false);
    expect(hub.raise({ kind: 'trade-open', ts: 2, title: 'open', message: '' })).toBe(true);
    expect(seen).toEqual(['trade-open']);
    await expect(host.handlers['settings.alerts.set']({ discordWebhook: 'http://discord.example/api/webhooks/1/x' })).rejects.toThrow(/https/);
    expect((await host.handlers['settings.alerts.set']({ discordWebhook: null })).discordWebhookMasked).toBeNull();
    await host.stop();
    store.close();
  });
});

describe('the remembered layout', () => {
  it('survives a restart of the host, merging the parts each screen saves', async () => {
    const { host, store, dir, dbPath } = setup();
    await host.handlers['settings.layout.set']({ screen: 'settings', chart: { timeframe: '5m' } });
    await host.handlers['settings.layout.set']({ chart: { mode: 'delta' }, ticket: { qty: 0.3, noConfirm: true, bracket: { stop: 2.5, stopUnit: 'points', targetUnit: 'R', targets: [{ distance: 2, share: 1 }] } } });
    await host.stop();
    store.close();

    const reopened = Store.open(dbPath);
    const again = createDefaultHost({ shell: 'web', version: 'test', historyMinutes: 1, store: reopened, dataDir: dir });
    expect(await again.handlers['settings.layout.get']({})).toEqual({
      screen: 'settings',
      chart: { timeframe: '5m', mode: 'delta' },
      ticket: { qty: 0.3, noConfirm: true, bracket: { stop: 2.5, stopUnit: 'points', targetUnit: 'R', targets: [{ distance: 2, share: 1 }] } },
    });
    await again.stop();
    reopened.close();
  });
});
