// kill -9 at random moments during headless paper trading: after every restart the account
// resumes, and at the end it equals an uninterrupted run over the same feed — no lost and no
// duplicated fill, the same balance.

import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Store } from '../../../native/store/store';

const bin = join(process.cwd(), 'build', 'bin', 'auctioneer.mjs');
const START = '2026-01-05T00:00:00Z';
const UNTIL = '2026-01-05T02:00:00Z';
const args = (db: string): string[] => ['paper', '--db', db, '--strategy', 'seed003-value-area', '--seed', '5', '--start', START, '--until', UNTIL, '--speed', 'max', '--batch', '1000', '--set', 'accept_outside_k=1', '--json'];

function journal(db: string): { fills: string[]; balance: number; events: number; log: string[] } {
  const store = Store.open(db);
  const rows = store.statement(`SELECT kind, payload_json FROM paper_journal ORDER BY seq`).all() as Array<{ kind: string; payload_json: string }>;
  // The monitoring log: every line once, in order, whatever the kills interrupted.
  const log = (store.statement('SELECT seq, ts, kind, text, data_json FROM paper_log ORDER BY seq').all() as object[]).map((r) => JSON.stringify(r));
  const { events_processed: events } = store.statement('SELECT events_processed FROM paper_runs').get() as { events_processed: number };
  store.close();
  const fills = rows.filter((r) => r.kind === 'order-filled').map((r) => r.payload_json);
  const balances = rows.filter((r) => r.kind === 'balance-changed').map((r) => (JSON.parse(r.payload_json) as { balance: number }).balance);
  // Sequence numbers are unique (primary key): a duplicated event could not even be stored.
  return { fills, balance: balances[balances.length - 1] ?? 10_000, events, log };
}

describe('paper trading that survives kill -9', () => {
  it('ends, after 20 kills at random moments, exactly where an uninterrupted run ends', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'auctioneer-kill-'));
    const reference = join(dir, 'reference.db');
    const straight = spawnSync(process.execPath, [bin, ...args(reference)], { encoding: 'utf8', timeout: 120_000 });
    expect(straight.status).toBe(0);
    const expected = journal(reference);
    expect(expected.fills.length).toBeGreaterThan(4);

    const killed = join(dir, 'killed.db');
    let seed = 17;
    const rand = (): number => {
      seed = (Math.imul(seed, 1664525) + 1013904223) >>> 0;
      return seed / 4294967296;
    };
    let kills = 0;
    for (let attempt = 0; attempt < 200; attempt++) {
      const child = spawn(process.execPath, [bin, ...args(killed)], { stdio: ['ignore', 'pipe', 'pipe'] });
      let stderr = '';
      child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
      const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
      if (kills < 20) {
        // Somewhere in start-up, recovery or trading.
        await new Promise((r) => setTimeout(r, 150 + rand() * 1_200));
        if (child.exitCode === null) {
          child.kill('SIGKILL');
          kills++;
        }
      }
      const code = await exited;
      if (code === 0) break;
      // A kill ends with no code; anything else is a failure to report.
      if (code !== null) throw new Error(`paper run failed: ${stderr}`);
    }
    expect(kills).toBe(20);
    const got = journal(killed);
    expect(got.events).toBe(expected.events);
    expect(got.fills).toEqual(expected.fills);
    expect(got.balance).toBeCloseTo(expected.balance, 9);
    expect(expected.log.length).toBeGreaterThan(expected.fills.length);
    expect(got.log).toEqual(expected.log);
  }, 240_000);

  it('refuses a second process on the same account while the first runs', async () => {
    const db = join(mkdtempSync(join(tmpdir(), 'auctioneer-lock-')), 's.db');
    const first = spawn(process.execPath, [bin, 'paper', '--db', db, '--strategy', 'seed003-value-area', '--account', 'acct', '--speed', 'realtime'], { stdio: 'ignore' });
    // The first run owns the account once it has opened the store.
    const deadline = Date.now() + 20_000;
    let owned = false;
    while (!owned && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 200));
      try {
        const store = Store.open(db);
        owned = (store.statement('SELECT owner_pid FROM paper_runs').get() as { owner_pid: number | null } | undefined)?.owner_pid === first.pid;
        store.close();
      } catch {
        /* not created yet */
      }
    }
    expect(owned).toBe(true);
    const second = spawnSync(process.execPath, [bin, 'paper', '--db', db, '--strategy', 'seed003-value-area', '--account', 'acct', '--speed', 'realtime'], { encoding: 'utf8', timeout: 30_000 });
    first.kill('SIGKILL');
    expect(second.status).toBe(1);
    expect(second.stderr).toContain(`paper account "acct" is already running in process ${first.pid}`);
  }, 60_000);
});
