import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
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
  it('imports a file into --db, reports it as JSON, and adds nothing the second time', () => {
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

  it('exits non-zero naming file, line and field on a bad row', () => {
    const dir = mkdtempSync(join(tmpdir(), 'auctioneer-cli-'));
    const file = join(dir, 'bad.csv');
    writeFileSync(file, '1,65000.1,0.010,650.001,1700000000000,true\n2,65000.2,-0.5,32500.1,1700000000001,false\n');
    const result = run('import', '--db', join(dir, 's.db'), file);
    expect(result.status).toBe(1);
    expect(result.stderr).toContain(`${file}:2: size: must be positive`);
  });
});

describe('auctioneer features', () => {
  const file = (name: string, text: string): string => {
    const path = join(mkdtempSync(join(tmpdir(), 'auctioneer-features-')), name);
    writeFileSync(path, text);
    return path;
  };
  const trades = '1,100.0,1,0,1700000000000,false\n2,100.1,2,0,1700000001000,true\n3,100.2,1,0,1700000061000,false\n';
  const quotes = '1,99.9,3,100.0,1,1699999999999,1699999999999\n2,100.1,1,100.2,1,1700000060000,1700000060000\n';

  it('writes the seed 003 feature table as CSV, one row per traded minute', () => {
    const result = run('features', file('t.csv', trades), file('q.csv', quotes));
    expect(result.status).toBe(0);
    const [header, first, second] = result.stdout.trim().split('\n');
    expect(header).toBe('ts_min,mid_close,sigma_240,bin_width,poc,vah,val,va_coverage,of_1m,of_norm_1m,qimb_close,ambiguous_trade_frac_1m,bvc_buy_frac_1m,bvc_net_proxy_1m');
    const row = (line: string | undefined) => Object.fromEntries((header ?? '').split(',').map((k, i) => [k, (line ?? '').split(',')[i]]));
    // Minute 1: buy 1 at 100.0 (at the ask), sell 2 at 100.1 (quote 1 s old: stale -> ambiguous).
    expect(row(first)).toMatchObject({ ts_min: '1699999980000', mid_close: '99.95', of_1m: '1', ambiguous_trade_frac_1m: '0.6666666667', qimb_close: '0.5', poc: '100.1' });
    // Minute 2: buy 1 at 100.2, the ask of a quote 1 s old: stale again, so ambiguous.
    expect(row(second)).toMatchObject({ ts_min: '1700000040000', of_1m: '0', mid_close: '100.15', qimb_close: '0' });
  });

  it('refuses a bad setting naming the config file, line and key', () => {
    const config = file('c.yaml', 'rolling_window_minutes: 240\nva_fraction: 1.5\n');
    const result = run('features', '--config', config, file('t.csv', trades));
    expect(result.status).toBe(1);
    expect(result.stderr).toContain(`${config}:2: va_fraction:`);
  });

  it('refuses a bad input line naming file, line and field', () => {
    const bad = file('bad.csv', '1,100.0,1,0,1700000000000,false\n2,100.1,x,0,1700000001000,true\n');
    const result = run('features', bad);
    expect(result.status).toBe(1);
    expect(result.stderr).toContain(`${bad}:2: qty: not a number`);
  });
});
