import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runBarBacktest } from '../../../core/engine/bar-backtest';
import { resolveRun } from '../../../core/engine/run-config';
import { BTCUSDT_PERP } from '../../../core/market/instrument';
import { strategyById } from '../../../core/strategy/registry';
import { listBacktestRuns } from '../../../native/store/backtest-runs';
import { Store } from '../../../native/store/store';
import { syntheticKlinesCsv } from '../../support/synthetic-klines';

const bin = join(process.cwd(), 'build', 'bin', 'auctioneer.mjs');
const run = (...args: string[]) => spawnSync(process.execPath, [bin, ...args], { encoding: 'utf8', timeout: 60_000 });

describe('auctioneer backtest', () => {
  it('runs a bar-mode backtest from the store, prints JSON equal to the engine run in-process, saves the run and writes an HTML report', () => {
    const dir = mkdtempSync(join(tmpdir(), 'auctioneer-bt-'));
    const db = join(dir, 's.db');
    const csv = syntheticKlinesCsv(3);
    writeFileSync(join(dir, 'klines.csv'), csv.text);
    expect(run('import', '--db', db, join(dir, 'klines.csv')).status).toBe(0);
    const html = join(dir, 'report.html');
    const result = run('backtest', '--db', db, '--strategy', 'seed003-value-area', '--from', String(csv.from), '--to', String(csv.to), '--mode', 'bars', '--set', 'accept_outside_k=2', '--json', '--report', html);
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    const out = JSON.parse(result.stdout) as { report: { trades: { totalTrades: number; netProfit: number } } };

    // The same run in-process, from the same stored bars.
    const store = Store.open(db);
    const id = store.ensureInstrument(BTCUSDT_PERP);
    const bars = store.loadBarColumns(id, 60, csv.from, csv.to);
    const resolved = resolveRun(strategyById('seed003-value-area')!, { accept_outside_k: 2 }, BTCUSDT_PERP, 'bars');
    const engine = runBarBacktest(bars, resolved.options);
    const net = engine.trades().reduce((s, t) => s + t.netPnl, 0);
    expect(engine.trades().length).toBeGreaterThan(0);
    expect(out.report.trades.totalTrades).toBe(engine.trades().length);
    expect(out.report.trades.netProfit).toBeCloseTo(net, 6);
    const runs = listBacktestRuns(store);
    expect(runs[0]).toMatchObject({ strategy: 'seed003-value-area', mode: 'bars', fromTs: csv.from, params: { accept_outside_k: 2 } });
    store.close();
    const page = readFileSync(html, 'utf8');
    expect(page).toContain('<polyline');
    expect(page).toContain('Total trades');
  }, 60_000);

  it('refuses an unknown setting and an unknown strategy by name', () => {
    const dir = mkdtempSync(join(tmpdir(), 'auctioneer-bt-'));
    const bad = run('backtest', '--db', join(dir, 's.db'), '--strategy', 'seed003-value-area', '--from', '2025-01-01', '--to', '2025-01-02', '--set', 'acept_outside_k=2');
    expect(bad.status).toBe(1);
    expect(bad.stderr).toContain('unknown setting: acept_outside_k');
    const unknown = run('backtest', '--db', join(dir, 's.db'), '--strategy', 'nope', '--from', '2025-01-01', '--to', '2025-01-02');
    expect(unknown.stderr).toContain('unknown strategy "nope"');
  });
});
