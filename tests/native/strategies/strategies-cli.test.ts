// The CLI with traders' strategies: `backtest --strategies-dir` and `sweep --strategies-dir` run a
// user strategy end to end (built bundle, worker threads), and `strategies` lists them.
// Needs the built CLI: node build/scripts/build.mjs.

import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Command } from 'commander';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { runBarBacktest } from '../../../core/engine/bar-backtest';
import { resolveRun } from '../../../core/engine/run-config';
import { BTCUSDT_PERP } from '../../../core/market/instrument';
import { registerStrategiesCommand } from '../../../native/cli/strategies-command';
import { loadUserStrategies } from '../../../native/strategies/user-strategies';
import { Store } from '../../../native/store/store';
import { syntheticKlinesCsv } from '../../support/synthetic-klines';
import { EVERY_N_TS, LEVELS_TS } from './fixtures';

const bin = join(process.cwd(), 'build', 'bin', 'auctioneer.mjs');
const run = (...args: string[]) => spawnSync(process.execPath, [bin, ...args], { encoding: 'utf8', timeout: 120_000 });

function strategiesFolder(): string {
  const dir = mkdtempSync(join(tmpdir(), 'auctioneer-cli-strategies-'));
  mkdirSync(join(dir, 'lib'));
  writeFileSync(join(dir, 'every-n.ts'), EVERY_N_TS);
  writeFileSync(join(dir, 'lib', 'levels.ts'), LEVELS_TS);
  writeFileSync(join(dir, 'broken.ts'), 'export default {\n  id: "broken",,\n};\n');
  return dir;
}

function storeWithBars(days: number): { db: string; from: number; to: number } {
  const dir = mkdtempSync(join(tmpdir(), 'auctioneer-cli-store-'));
  const db = join(dir, 's.db');
  const csv = syntheticKlinesCsv(days);
  writeFileSync(join(dir, 'klines.csv'), csv.text);
  expect(run('import', '--db', db, join(dir, 'klines.csv')).status).toBe(0);
  return { db, from: csv.from, to: csv.to };
}

afterEach(() => {
  vi.restoreAllMocks();
});

describe('CLI with user strategies', () => {
  it('backtest --strategies-dir runs a user strategy, warns about the broken file, and matches the in-process run', async () => {
    const strategies = strategiesFolder();
    const { db, from, to } = storeWithBars(1);
    const result = run('backtest', '--db', db, '--strategies-dir', strategies, '--strategy', 'every-n', '--from', String(from), '--to', String(to), '--set', 'every=15', '--json', '--no-save');
    expect(result.status).toBe(0);
    expect(result.stderr).toContain(`auctioneer: warning: strategy ${join(strategies, 'broken.ts')}: does not compile: broken.ts:2:`);
    const out = JSON.parse(result.stdout) as { strategy: string; params: Record<string, unknown>; report: { trades: { totalTrades: number; netProfit: number } } };
    expect(out.strategy).toBe('every-n');
    expect(out.params).toEqual({ every: 15, stop_ticks: 50 });

    const definition = (await loadUserStrategies(strategies)).strategies.find((s) => s.id === 'every-n')!;
    const store = Store.open(db);
    const bars = store.loadBarColumns(store.ensureInstrument(BTCUSDT_PERP), 60, from, to);
    store.close();
    const engine = runBarBacktest(bars, resolveRun(definition, { every: 15 }, BTCUSDT_PERP, 'bars').options);
    expect(engine.trades().length).toBeGreaterThan(0);
    expect(out.report.trades.totalTrades).toBe(engine.trades().length);
    expect(out.report.trades.netProfit).toBeCloseTo(engine.trades().reduce((s, t) => s + t.netPnl, 0), 6);
  }, 120_000);

  it('fails clearly on an unknown id, listing built-in and user ids, and on a missing folder', () => {
    const strategies = strategiesFolder();
    const unknown = run('backtest', '--db', join(strategies, 's.db'), '--strategies-dir', strategies, '--strategy', 'every-m', '--from', '2025-01-01', '--to', '2025-01-02');
    expect(unknown.status).toBe(1);
    expect(unknown.stderr).toMatch(/unknown strategy "every-m"; one of: seed003-value-area, .*, every-n/);
    const missing = run('backtest', '--db', join(strategies, 's.db'), '--strategies-dir', join(strategies, 'nope'), '--strategy', 'every-n', '--from', '2025-01-01', '--to', '2025-01-02');
    expect(missing.status).toBe(1);
    expect(missing.stderr).toContain(`strategy ${join(strategies, 'nope')}: strategies folder does not exist`);
  }, 60_000);

  it('sweep --strategies-dir runs a user strategy on worker threads', () => {
    const strategies = strategiesFolder();
    const { db, from, to } = storeWithBars(1);
    const result = run('sweep', '--db', db, '--strategies-dir', strategies, '--strategy', 'every-n', '--from', String(from), '--to', String(to), '--grid', 'every=15,30', '--workers', '2', '--json');
    expect(result.status).toBe(0);
    const out = JSON.parse(result.stdout) as { runs: Array<{ settings: Record<string, number>; trades: number }>; errors: unknown[] };
    expect(out.errors).toEqual([]);
    expect(out.runs).toHaveLength(2);
    const trades = (every: number): number => out.runs.find((r) => r.settings['every'] === every)!.trades;
    expect(trades(15)).toBeGreaterThan(trades(30));
  }, 120_000);

  it('strategies lists built-in and user strategies with parameter defaults, and the load errors', async () => {
    const strategies = strategiesFolder();
    const lines: string[] = [];
    vi.spyOn(console, 'log').mockImplementation((...args: unknown[]) => void lines.push(args.join(' ')));
    const program = new Command('auctioneer').exitOverride();
    registerStrategiesCommand(program);
    const before = process.exitCode;
    try {
      await program.parseAsync(['node', 'auctioneer', 'strategies', '--strategies-dir', strategies, '--json']);
      expect(process.exitCode).toBe(1);
    } finally {
      process.exitCode = before;
    }
    const out = JSON.parse(lines.join('\n')) as { strategies: Array<{ id: string; source: string; file?: string; defaults: Record<string, unknown> }>; errors: Array<{ file: string; message: string }> };
    expect(out.strategies.find((s) => s.id === 'seed003-value-area')?.source).toBe('built-in');
    expect(out.strategies.find((s) => s.id === 'every-n')).toMatchObject({ source: 'user', file: join(strategies, 'every-n.ts'), defaults: { every: 30, stop_ticks: 50 } });
    expect(out.errors.map((e) => e.file)).toEqual([join(strategies, 'broken.ts')]);
  });
});
