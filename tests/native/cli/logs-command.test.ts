// `auctioneer logs`: a headless paper run's monitoring log read back from the store — the
// feature snapshot at each signal and each fill's price, fee and slippage as the journal has them.

import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { RunLogEntry } from '../../../core/api/areas/strategies';
import type { Fill } from '../../../core/broker/types';
import { Store } from '../../../native/store/store';

const bin = join(process.cwd(), 'build', 'bin', 'auctioneer.mjs');
const cli = (...args: string[]) => spawnSync(process.execPath, [bin, ...args], { encoding: 'utf8', timeout: 120_000 });

describe('auctioneer logs', () => {
  it("prints a run's signals with their feature snapshot and its fills with price, fee and slippage", () => {
    const db = join(mkdtempSync(join(tmpdir(), 'auctioneer-logs-')), 's.db');
    const run = cli('paper', '--db', db, '--strategy', 'seed003-value-area', '--account', 'acct', '--seed', '5', '--start', '2026-01-05T00:00:00Z', '--until', '2026-01-05T01:30:00Z', '--speed', 'max', '--set', 'accept_outside_k=1');
    expect(run.status).toBe(0);

    const listed = cli('logs', '--db', db);
    expect(listed.stdout).toMatch(/^acct {2}\d+ lines$/m);

    const out = cli('logs', '--db', db, '--run', 'acct', '--json', '--limit', '100000');
    expect(out.status).toBe(0);
    const lines = out.stdout.trim().split('\n').map((l) => JSON.parse(l) as RunLogEntry);
    expect(lines.map((l) => l.seq)).toEqual(lines.map((_, i) => i + 1));

    // Every signal carries the seed 003 §11 snapshot.
    const signals = lines.filter((l) => l.kind === 'signal');
    expect(signals.length).toBeGreaterThan(2);
    for (const s of signals) {
      for (const key of ['vah', 'val', 'poc', 'binWidth', 'of1m', 'qimb', 'ambiguousFrac', 'reasonCode']) expect(s.data).toHaveProperty(key);
    }
    // Each fill line matches the journal's fill: price (ticks x 0.1), fee, slippage and times.
    const store = Store.open(db);
    const journal = (store.statement(`SELECT payload_json FROM paper_journal WHERE kind = 'order-filled' ORDER BY seq`).all() as Array<{ payload_json: string }>).map((r) => (JSON.parse(r.payload_json) as { fill: Fill }).fill);
    store.close();
    const fills = lines.filter((l) => l.kind === 'order' && l.data['event'] === 'fill');
    expect(fills).toHaveLength(journal.length);
    expect(journal.length).toBeGreaterThan(2);
    fills.forEach((f, i) => {
      const j = journal[i]!;
      expect(f.data['price']).toBeCloseTo(j.price / 10, 9);
      expect(f.data['fee']).toBe(j.fee);
      expect(f.data['slippageTicks']).toBe(j.slippageTicks);
      expect(f.data['decisionTs']).toBe(j.decisionTs);
      expect(f.data['fillTs']).toBe(j.ts);
      // No fill at or before its decision (seed 003 §9).
      expect(j.ts).toBeGreaterThan(j.decisionTs);
    });
    // Every fill was submitted first.
    expect(lines.filter((l) => l.kind === 'order' && l.data['event'] === 'submit').length).toBeGreaterThanOrEqual(fills.length);

    const text = cli('logs', '--db', db, '--run', 'acct', '--kind', 'order', '--limit', '3');
    expect(text.stdout.trim().split('\n')).toHaveLength(3);
    expect(text.stdout).toMatch(/^2026-01-05T\d\d:\d\d:\d\d\.\d{3}Z {2}order {2}/m);
    expect(cli('logs', '--db', db, '--run', 'nope').stderr).toContain('no paper run "nope"; runs: acct');
  }, 120_000);
});
