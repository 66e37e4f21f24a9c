// `auctioneer fetch` end to end against the local exchange simulator: --json output, a re-run
// that finds everything stored, --to extended by a few minutes, and refused options.

import { Command } from 'commander';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { registerFetchCommand } from '../../../../native/cli/fetch-command';
import { Store } from '../../../../native/store/store';
import { startFixture, type SimFixture } from '../exchange-sim/sim-fixture';

const MINUTE = 60_000;
let f: SimFixture;
let dir: string;

beforeAll(async () => {
  f = await startFixture(5, 40);
  dir = mkdtempSync(join(tmpdir(), 'auctioneer-fetch-cli-'));
});

afterAll(async () => {
  await f.sim.close();
  rmSync(dir, { recursive: true, force: true });
});

afterEach(() => {
  vi.restoreAllMocks();
});

async function fetchCli(args: string[]): Promise<unknown[]> {
  const lines: unknown[] = [];
  vi.spyOn(console, 'log').mockImplementation((line: unknown) => void lines.push(typeof line === 'string' && line.startsWith('{') ? JSON.parse(line) : line));
  const program = new Command('auctioneer').exitOverride();
  registerFetchCommand(program);
  await program.parseAsync(['fetch', ...args], { from: 'user' });
  vi.restoreAllMocks();
  return lines;
}

describe('auctioneer fetch', () => {
  it('fetches bars and trades into --db, then only what is missing', async () => {
    const db = join(dir, 'cli.db');
    const from = f.startTs;
    const common = ['--db', db, '--exchange-url', f.sim.httpUrl, '--what', 'bars,trades', '--json', '--from', new Date(from).toISOString()];
    const [first] = await fetchCli([...common, '--to', String(from + 10 * MINUTE)]);
    expect(first).toMatchObject({
      ok: true,
      exchange: 'binanceusdm',
      symbol: 'BTC/USDT:USDT',
      instrument: 'binanceusdm:BTCUSDT',
      kinds: { bars: { rows: 10, fetched: [{ from, to: from + 10 * MINUTE }] }, trades: { fetched: [{ from, to: from + 10 * MINUTE }] } },
    });
    const [again] = await fetchCli([...common, '--to', String(from + 10 * MINUTE)]);
    expect(again).toMatchObject({ ok: true, kinds: { bars: { rows: 0, pages: 0, fetched: [] }, trades: { rows: 0, pages: 0, fetched: [] } } });
    const [later] = await fetchCli([...common, '--to', String(from + 13 * MINUTE)]);
    expect(later).toMatchObject({ kinds: { bars: { rows: 3, fetched: [{ from: from + 10 * MINUTE, to: from + 13 * MINUTE }] } } });

    const store = Store.open(db);
    try {
      const id = store.ensureInstrument(f.sim.source.instrument);
      expect(store.loadBars(id, 60, from, from + 13 * MINUTE)).toHaveLength(13);
      const aggs = await f.sim.source.aggTrades({ startTime: from, endTime: from + 13 * MINUTE - 1, limit: 1_000_000 });
      expect(Array.from(store.loadTrades(id, from, from + 13 * MINUTE).id)).toEqual(aggs.map((a) => a.aggId));
    } finally {
      store.close();
    }
  });

  it('prints plain lines without --json', async () => {
    const db = join(dir, 'plain.db');
    vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
    const lines = await fetchCli(['--db', db, '--exchange-url', f.sim.httpUrl, '--from', String(f.startTs), '--to', String(f.startTs + 5 * MINUTE)]);
    expect(lines).toEqual([expect.stringMatching(/^bars: 5 rows in \d+ requests? \(/)]);
  });

  it('refuses bad --what, --from and a --from after --to', async () => {
    const program = (): Command => {
      const p = new Command('auctioneer').exitOverride().configureOutput({ writeErr: () => {} });
      registerFetchCommand(p);
      return p;
    };
    await expect(program().parseAsync(['fetch', '--what', 'bars,candles'], { from: 'user' })).rejects.toThrow(/--what takes a comma list of bars, trades, funding, oi; unknown: "candles"/);
    await expect(program().parseAsync(['fetch', '--from', 'yesterday'], { from: 'user' })).rejects.toThrow(/--from must be an ISO date/);
    await expect(
      program().parseAsync(['fetch', '--db', join(dir, 'x.db'), '--from', '2026-01-02', '--to', '2026-01-01'], { from: 'user' }),
    ).rejects.toThrow(/--from \(2026-01-02T00:00:00.000Z\) must be before --to/);
    await expect(
      program().parseAsync(['fetch', '--db', join(dir, 'x.db'), '--exchange', 'okx', '--exchange-url', f.sim.httpUrl], { from: 'user' }),
    ).rejects.toThrow(/binanceusdm protocol only/);
  });
});
