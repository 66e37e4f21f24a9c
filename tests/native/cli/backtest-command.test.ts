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

const bin = join(process.cwd(), 'build', 'bin', 'auctioneer.mjs');
const run = (...args: string[]) => spawnSync(process.execPath, [bin, ...args], { encoding: 'utf8', timeout: 60_000 });

/** Three days of 1m bars from a seeded random walk, as Binance klines (with taker-buy volume, so OF exists). */
function barsCsv(): { text: string; from: number; to: number } {
  let seed = 7;
  const rand = (): number => {
    seed = (Math.imul(seed, 1664525) + 1013904223) >>> 0;
    return seed / 4294967296;
  };
  const t0 = Date.UTC(2025, 2, 3);
  const lines: string[] = [];
  let price = 65_000;
  for (let i = 0; i < 3 * 1440; i++) {
    const open = price;
    const close = Math.round((open + (rand() - 0.5) * 16 + (65_000 - open) * 0.002) * 10) / 10;
    const high = Math.max(open, close) + Math.round(rand() * 60) / 10;
    const low = Math.min(open, close) - Math.round(rand() * 60) / 10;
    const volume = 10 + rand() * 40;
    // Buyers lead when price rose: taker-buy share follows the bar's direction.
    const buy = volume * (close >= open ? 0.55 + rand() * 0.3 : 0.15 + rand() * 0.3);
    const ts = t0 + i * 60_000;
    lines.push(`${ts},${open.toFixed(1)},${high.toFixed(1)},${low.toFixed(1)},${close.toFixed(1)},${volume.toFixed(3)},${ts + 59_999},0,100,${buy.toFixed(3)},0,0`);
    price = close;
  }
  return { text: `${lines.join('\n')}\n`, from: t0, to: t0 + 3 * 86_400_000 };
}

describe('auctioneer backtest', () => {
  it('runs a bar-mode backtest from the store, prints JSON equal to the engine run in-process, saves the run and writes an HTML report', () => {
    const dir = mkdtempSync(join(tmpdir(), 'auctioneer-bt-'));
    const db = join(dir, 's.db');
    const csv = barsCsv();
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
