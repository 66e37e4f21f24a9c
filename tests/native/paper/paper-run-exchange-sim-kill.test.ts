// kill -9 during paper trading on the local exchange simulator, reached through the real ccxt
// client: the ticks are written ahead to the store before the engine sees them, so after 20
// kills the account equals an uninterrupted run over the same recorded feed — no lost and no
// duplicated fill, the same balance, the same monitoring log; and no trade missed, as each restart
// fetches what printed while it was down over REST before going live. The simulator runs on the wall
// clock (its quotes are stamped on arrival), so the strategy is one that trades every minute:
// long at each minute close, out 1 USD either way.

import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { MarketEvent } from '../../../core/market/events';
import { loadUserStrategies } from '../../../native/strategies/user-strategies';
import { startExchangeSim } from '../../../native/feeds/exchange-sim/server';
import { SimMarketSource } from '../../../native/feeds/exchange-sim/sim-source';
import { PaperRun, PaperRunConfigSchema } from '../../../native/paper/paper-run';
import { Store } from '../../../native/store/store';

const bin = join(process.cwd(), 'build', 'bin', 'auctioneer.mjs');
/** Market time the run trades for, after its first start. */
const RUN_MS = 150_000;

const EVERY_MINUTE = `
import { z } from 'zod';
export default {
  id: 'every-minute',
  name: 'Every minute',
  description: 'long at every minute close when flat, stop and target 10 ticks away',
  params: z.object({}),
  historyMinutes: 2,
  create() {
    return {
      onMinute(ctx) {
        if (ctx.position.side !== 'flat') return [];
        return [{ kind: 'enter', side: 'long', stop: ctx.bar.close - 10, targets: [{ price: ctx.bar.close + 10, share: 1 }], tag: 'minute', reason: 'EVERY_MINUTE' }];
      },
    };
  },
};
`;

interface Account {
  fills: string[];
  balance: number;
  log: string[];
  batches: number;
}

function account(store: Store): Account {
  const rows = store.statement('SELECT kind, payload_json FROM paper_journal ORDER BY seq').all() as Array<{ kind: string; payload_json: string }>;
  const balances = rows.filter((r) => r.kind === 'balance-changed').map((r) => (JSON.parse(r.payload_json) as { balance: number }).balance);
  const log = (store.statement('SELECT seq, ts, kind, text, data_json FROM paper_log ORDER BY seq').all() as object[]).map((r) => JSON.stringify(r));
  const { events_processed: batches } = store.statement('SELECT events_processed FROM paper_runs').get() as { events_processed: number };
  return { fills: rows.filter((r) => r.kind === 'order-filled').map((r) => r.payload_json), balance: balances[balances.length - 1] ?? 10_000, log, batches };
}

describe('paper trading on the local exchange simulator that survives kill -9', () => {
  it('ends, after 20 kills at random moments, where an uninterrupted run over the same feed ends', async () => {
    const wall0 = Date.now();
    const source = new SimMarketSource({ seed: 11, historyMinutes: 5 });
    const sim = await startExchangeSim({ source, port: 0 });
    const dir = mkdtempSync(join(tmpdir(), 'auctioneer-kill-xsim-'));
    const strategies = join(dir, 'strategies');
    mkdirSync(strategies);
    writeFileSync(join(strategies, 'every-minute.mjs'), EVERY_MINUTE);
    const db = join(dir, 'killed.db');
    const untilTs = wall0 + RUN_MS;
    const args = ['paper', '--db', db, '--feed', 'exchange-sim', '--exchange-url', sim.httpUrl, '--strategies-dir', strategies, '--strategy', 'every-minute', '--account', 'xsim', '--until', new Date(untilTs).toISOString(), '--set', 'defense={"cooldown_minutes":0}', '--json'];
    let seed = 23;
    const rand = (): number => {
      seed = (Math.imul(seed, 1664525) + 1013904223) >>> 0;
      return seed / 4294967296;
    };
    let kills = 0;
    let restarts = 0;
    try {
      for (let attempt = 0; attempt < 100; attempt++) {
        const child = spawn(process.execPath, [bin, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
        restarts++;
        let stderr = '';
        child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
        const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
        if (kills < 20) {
          // Somewhere in start-up, recovery (replaying the written-ahead ticks) or trading.
          await new Promise((r) => setTimeout(r, 1_000 + rand() * 4_000));
          if (child.exitCode === null) {
            child.kill('SIGKILL');
            kills++;
          }
        }
        const code = await exited;
        if (code === 0) break;
        if (code !== null) throw new Error(`paper run failed: ${stderr}`);
      }
    } finally {
      await sim.close();
    }
    expect(kills).toBe(20);

    const killed = Store.open(db);
    const got = account(killed);
    const { config_json } = killed.statement('SELECT config_json FROM paper_runs').get() as { config_json: string };
    const batches = killed.statement('SELECT recv_ts, events_json FROM paper_feed ORDER BY seq').all() as Array<{ recv_ts: number; events_json: string }>;
    killed.close();
    expect(batches.length).toBe(got.batches);

    // The recorded feed: in time order across restarts, no trade twice.
    const events = batches.flatMap((b) => JSON.parse(b.events_json) as MarketEvent[]);
    const ts = events.map((e) => (e.kind === 'trade' ? e.trade.ts : e.quote.ts));
    expect(ts.every((t, i) => i === 0 || t >= ts[i - 1]!)).toBe(true);
    const ids = events.flatMap((e) => (e.kind === 'trade' && e.trade.id !== undefined ? [e.trade.id] : []));
    expect(new Set(ids).size).toBe(ids.length);
    // No trade missed either: what printed while the run was down was fetched over REST on restart.
    expect(ids.every((id, i) => i === 0 || id === ids[i - 1]! + 1)).toBe(true);
    expect(ts[ts.length - 1]).toBeLessThan(untilTs);

    // The same feed through one uninterrupted run.
    const reference = Store.open(join(dir, 'reference.db'));
    const definition = (await loadUserStrategies(strategies)).strategies.find((d) => d.id === 'every-minute')!;
    const run = PaperRun.open(reference, 'xsim', PaperRunConfigSchema.parse(JSON.parse(config_json)), definition);
    for (const b of batches) run.ingest(JSON.parse(b.events_json) as MarketEvent[], b.recv_ts);
    const expected = account(reference);
    run.close();
    reference.close();

    // At least an entry and its exit (how many depends on where the minute closes fell).
    expect(expected.fills.length).toBeGreaterThanOrEqual(2);
    expect(got.fills).toEqual(expected.fills);
    expect(got.balance).toBeCloseTo(expected.balance, 9);
    expect(got.log).toEqual(expected.log);
    console.log(`exchange-sim kill test: ${kills} kills, ${restarts} starts, ${batches.length} batches, ${events.length} events, ${expected.fills.length} fills, ${((Date.now() - wall0) / 1000).toFixed(1)} s`);
  }, 240_000);
});
