import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runBarBacktest } from '../../../core/engine/bar-backtest';
import { resolveRun } from '../../../core/engine/run-config';
import { BTCUSDT_PERP } from '../../../core/market/instrument';
import { strategyById } from '../../../core/strategy/registry';
import { parseGrid } from '../../../native/cli/sweep-command';
import { Store } from '../../../native/store/store';
import { syntheticKlinesCsv } from '../../support/synthetic-klines';

const bin = join(process.cwd(), 'build', 'bin', 'auctioneer.mjs');

describe('auctioneer sweep', () => {
  it('expands every combination of the grid axes', () => {
    expect(parseGrid(['a=1,2', 'b=true,false', 'c=x'])).toEqual([
      { a: 1, b: true, c: 'x' },
      { a: 1, b: false, c: 'x' },
      { a: 2, b: true, c: 'x' },
      { a: 2, b: false, c: 'x' },
    ]);
  });

  it('runs the grid across worker threads with the same results as single backtests', () => {
    const dir = mkdtempSync(join(tmpdir(), 'auctioneer-sweep-'));
    const db = join(dir, 's.db');
    const csv = syntheticKlinesCsv(2);
    writeFileSync(join(dir, 'klines.csv'), csv.text);
    expect(spawnSync(process.execPath, [bin, 'import', '--db', db, join(dir, 'klines.csv')]).status).toBe(0);
    const result = spawnSync(
      process.execPath,
      [bin, 'sweep', '--db', db, '--strategy', 'seed003-value-area', '--from', String(csv.from), '--to', String(csv.to), '--grid', 'rolling_window_minutes=60,240', '--grid', 'accept_outside_k=1,2,3', '--grid', 'slippage_ticks_entry=0,1', '--workers', '2', '--json'],
      { encoding: 'utf8', timeout: 120_000 },
    );
    expect(result.status).toBe(0);
    const out = JSON.parse(result.stdout) as { runs: Array<{ settings: Record<string, number>; trades: number; netProfit: number }>; errors: unknown[]; workers: number };
    expect(out.errors).toEqual([]);
    expect(out.workers).toBe(2);
    expect(out.runs).toHaveLength(12);

    const store = Store.open(db);
    const bars = store.loadBarColumns(store.ensureInstrument(BTCUSDT_PERP), 60, csv.from, csv.to);
    store.close();
    // Runs of one profile window share one computation of the features (the worker replays it).
    for (const settings of [{ accept_outside_k: 1, slippage_ticks_entry: 0, rolling_window_minutes: 60 }, { accept_outside_k: 3, slippage_ticks_entry: 1, rolling_window_minutes: 240 }, { accept_outside_k: 2, slippage_ticks_entry: 1, rolling_window_minutes: 60 }]) {
      const single = runBarBacktest(bars, resolveRun(strategyById('seed003-value-area')!, settings, BTCUSDT_PERP, 'bars').options);
      const row = out.runs.find((r) => Object.entries(settings).every(([k, v]) => r.settings[k] === v));
      expect(row?.trades).toBe(single.trades().length);
      expect(row?.netProfit).toBeCloseTo(single.trades().reduce((s, t) => s + t.netPnl, 0), 6);
    }
    // Same trades, one tick less paid on every entry: zero slippage earns strictly more.
    for (const k of [1, 2, 3]) {
      const free = out.runs.find((r) => r.settings['accept_outside_k'] === k && r.settings['slippage_ticks_entry'] === 0 && r.settings['rolling_window_minutes'] === 60)!;
      const paid = out.runs.find((r) => r.settings['accept_outside_k'] === k && r.settings['slippage_ticks_entry'] === 1 && r.settings['rolling_window_minutes'] === 60)!;
      expect(free.trades).toBe(paid.trades);
      if (free.trades > 0) expect(free.netProfit).toBeGreaterThan(paid.netProfit);
    }
  }, 120_000);
});
