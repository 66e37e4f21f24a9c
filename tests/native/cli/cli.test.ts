import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const bin = join(process.cwd(), 'build', 'bin', 'auctioneer.mjs');
const run = (...args: string[]) => spawnSync(process.execPath, [bin, ...args], { encoding: 'utf8', timeout: 30_000 });

describe('auctioneer CLI', () => {
  it('prints help listing its commands', () => {
    const result = run('--help');
    expect(result.status).toBe(0);
    expect(result.stdout).toContain('serve');
  });

  it('rejects a bad option value with a clear message and a non-zero exit', () => {
    const result = run('serve', '--port', 'eighty');
    expect(result.status).not.toBe(0);
    expect(result.stderr).toContain('--port must be a whole number from 0 to 65535');
  });
});

describe('auctioneer import', () => {
  it('imports a file into --db, reports it as JSON, and adds nothing the second time', async () => {
    const { mkdtempSync, writeFileSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const dir = mkdtempSync(join(tmpdir(), 'auctioneer-cli-'));
    const file = join(dir, 'trades.csv');
    writeFileSync(file, '1,65000.1,0.010,650.001,1700000000000,true\n2,65000.2,0.500,32500.1,1700000000001,false\n');
    const db = join(dir, 'store.db');
    const first = run('import', '--db', db, '--json', file);
    expect(first.status).toBe(0);
    expect(JSON.parse(first.stdout.trim())).toMatchObject({ ok: true, format: 'binance-trades-csv', tradesAdded: 2, barsWritten: 1 });
    const second = run('import', '--db', db, '--json', file);
    expect(JSON.parse(second.stdout.trim())).toMatchObject({ ok: true, alreadyImported: true, tradesAdded: 0 });
  });

  it('exits non-zero naming file, line and field on a bad row', async () => {
    const { mkdtempSync, writeFileSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const dir = mkdtempSync(join(tmpdir(), 'auctioneer-cli-'));
    const file = join(dir, 'bad.csv');
    writeFileSync(file, '1,65000.1,0.010,650.001,1700000000000,true\n2,65000.2,-0.5,32500.1,1700000000001,false\n');
    const result = run('import', '--db', join(dir, 's.db'), file);
    expect(result.status).toBe(1);
    expect(result.stderr).toContain(`${file}:2: size: must be positive`);
  });
});
