// A live feed's ticks are written ahead: each batch is in the store before the engine sees it,
// so a crash after the write and before the commit is replayed on restart into exactly the
// account an uninterrupted run has; ticks older than what the run has seen are dropped.

import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { z } from 'zod';
import { describe, expect, it } from 'vitest';
import type { MarketEvent } from '../../../core/market/events';
import { BTCUSDT_PERP } from '../../../core/market/instrument';
import type { Intent, StrategyDefinition } from '../../../core/strategy/types';
import { defaultSimConfig, SimulatedMarket } from '../../../native/feeds/sim/simulated-market';
import { PaperRun, type PaperRunConfig } from '../../../native/paper/paper-run';
import { Store } from '../../../native/store/store';

const T0 = Date.UTC(2026, 0, 5, 10, 0);

const everyMinute: StrategyDefinition = {
  id: 'test-every-minute',
  name: 'Every minute',
  description: 'test',
  params: z.object({}),
  historyMinutes: 2,
  create: () => ({
    onMinute: (ctx): Intent[] => (ctx.position.side === 'flat' ? [{ kind: 'enter', side: 'long', stop: ctx.bar.close - 30, targets: [{ price: ctx.bar.close + 30, share: 1 }], tag: 'm', reason: 'TEST' }] : []),
  }),
};

const config: PaperRunConfig = { strategy: everyMinute.id, settings: { defense: { cooldown_minutes: 0 } }, feed: { kind: 'ccxt', venue: 'exchange-sim', exchange: 'binanceusdm', symbol: 'BTC/USDT:USDT' } };

/** 20 minutes of the simulated market cut into batches of 40 events, each "arriving" 200 ms after its last event. */
function batches(): Array<{ events: MarketEvent[]; arrived: number }> {
  const market = new SimulatedMarket(defaultSimConfig(BTCUSDT_PERP, { seed: 9, startTs: T0 }));
  const out: Array<{ events: MarketEvent[]; arrived: number }> = [];
  let batch: MarketEvent[] = [];
  market.emitUntil(T0 + 20 * 60_000, (e) => {
    batch.push(e);
    if (batch.length === 40) {
      const last = batch[batch.length - 1]!;
      out.push({ events: batch, arrived: (last.kind === 'trade' ? last.trade.ts : last.quote.ts) + 200 });
      batch = [];
    }
  });
  return out;
}

function fills(store: Store): string[] {
  return (store.statement(`SELECT payload_json FROM paper_journal WHERE kind = 'order-filled' ORDER BY seq`).all() as Array<{ payload_json: string }>).map((r) => r.payload_json);
}

/** Every journaled broker event and every log line (features at each signal included). */
function everything(store: Store): string[] {
  const journal = store.statement('SELECT payload_json FROM paper_journal ORDER BY seq').all() as Array<{ payload_json: string }>;
  const log = store.statement('SELECT ts, kind, text, data_json FROM paper_log ORDER BY seq').all() as object[];
  return [...journal.map((r) => r.payload_json), ...log.map((r) => JSON.stringify(r))];
}

describe('paper run on a live feed (write-ahead)', () => {
  it('replays a batch written ahead but never committed into the account an uninterrupted run has', () => {
    const dir = mkdtempSync(join(tmpdir(), 'auctioneer-wal-'));
    const all = batches();

    const straight = Store.open(join(dir, 'straight.db'));
    const reference = PaperRun.open(straight, 'a', config, everyMinute);
    for (const b of all) reference.ingest(b.events, b.arrived);
    const expected = fills(straight);
    expect(expected.length).toBeGreaterThan(6);

    // Crash after the write-ahead of batch k, before the engine's results were committed: the
    // feed row is there, the journal is not.
    const crashed = Store.open(join(dir, 'crashed.db'));
    const first = PaperRun.open(crashed, 'a', config, everyMinute);
    const k = Math.floor(all.length / 2);
    for (const b of all.slice(0, k)) first.ingest(b.events, b.arrived);
    const before = fills(crashed).length;
    crashed.statement('INSERT INTO paper_feed (account_id, seq, recv_ts, events_json) VALUES (1, ?, ?, ?)').run(k + 1, all[k]!.arrived, JSON.stringify(all[k]!.events));
    first.close();
    const resumed = PaperRun.open(crashed, 'a', config, everyMinute);
    expect(resumed.eventsProcessed).toBe(k + 1);
    for (const b of all.slice(k + 1)) resumed.ingest(b.events, b.arrived);
    expect(fills(crashed).length).toBeGreaterThan(before);
    expect(fills(crashed)).toEqual(expected);
    expect(everything(crashed)).toEqual(everything(straight));
    expect(resumed.account().balance).toBeCloseTo(reference.account().balance, 9);

    // A reconnection's overlap (ticks before what the run saw) is dropped, not written.
    const processed = resumed.eventsProcessed;
    resumed.ingest(all[0]!.events, all[all.length - 1]!.arrived + 1_000);
    expect(resumed.eventsProcessed).toBe(processed);
    expect(fills(crashed)).toEqual(expected);
  });
});
