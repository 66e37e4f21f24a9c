// A strategy paper-trading on a feed, headless, surviving crashes. Every broker event the engine
// produces is journaled with the count of market events processed, in one transaction per
// batch, before it is reported. On start the run is rebuilt by replaying its feed up to that
// count through a fresh engine (deterministic: the same events give the same state), the
// regenerated journal is checked against the stored one, and trading continues after it — so
// a kill -9 at any moment loses no acknowledged fill and repeats none.

import { z } from 'zod';
import type { BrokerEvent } from '../../core/broker/types';
import { Engine } from '../../core/engine/engine';
import { resolveRun } from '../../core/engine/run-config';
import type { MarketEvent } from '../../core/market/events';
import { BTCUSDT_PERP } from '../../core/market/instrument';
import type { StrategyDefinition } from '../../core/strategy/types';
import { defaultSimConfig, SimulatedMarket } from '../feeds/sim/simulated-market';
import type { Store } from '../store/store';

export const PaperRunConfigSchema = z.object({
  strategy: z.string(),
  settings: z.record(z.string(), z.unknown()).default({}),
  feed: z.object({ kind: z.literal('sim'), seed: z.number().int().nonnegative(), startTs: z.number().int().positive() }),
});
export type PaperRunConfig = z.output<typeof PaperRunConfigSchema>;

export class PaperRunError extends Error {}

function pidAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

export class PaperRun {
  private journaled = 0;
  private processed = 0;
  private readonly market: SimulatedMarket;

  private constructor(
    private readonly store: Store,
    private readonly accountId: number,
    readonly config: PaperRunConfig,
    private readonly engine: Engine,
  ) {
    this.market = new SimulatedMarket(defaultSimConfig(BTCUSDT_PERP, { seed: config.feed.seed, startTs: config.feed.startTs }));
  }

  /**
   * Opens or resumes the named run. Refuses when another live process owns it, or when the
   * stored config differs from the one given (a run's strategy and feed are fixed at creation).
   */
  static open(store: Store, name: string, config: PaperRunConfig, definition: StrategyDefinition): PaperRun {
    const settings = resolveRun(definition, config.settings, BTCUSDT_PERP, 'ticks');
    const id = store.transaction(() => {
      store.statement(`INSERT INTO paper_accounts (name, created_at, currency, starting_balance) VALUES (?, ?, 'USDT', ?) ON CONFLICT (name) DO NOTHING`).run(name, Date.now(), settings.options.broker.initialBalance);
      const { id: accountId } = store.statement('SELECT id FROM paper_accounts WHERE name = ?').get(name) as { id: number };
      const row = store.statement('SELECT config_json, owner_pid FROM paper_runs WHERE account_id = ?').get(accountId) as { config_json: string; owner_pid: number | null } | undefined;
      if (row) {
        if (row.owner_pid !== null && row.owner_pid !== process.pid && pidAlive(row.owner_pid)) {
          throw new PaperRunError(`paper account "${name}" is already running in process ${row.owner_pid}; stop it first`);
        }
        if (row.config_json !== JSON.stringify(config)) throw new PaperRunError(`paper account "${name}" was started with other settings: ${row.config_json}`);
        store.statement('UPDATE paper_runs SET owner_pid = ?, updated_at = ? WHERE account_id = ?').run(process.pid, Date.now(), accountId);
      } else {
        store.statement('INSERT INTO paper_runs (account_id, config_json, events_processed, owner_pid, updated_at) VALUES (?, ?, 0, ?, ?)').run(accountId, JSON.stringify(config), process.pid, Date.now());
      }
      return accountId;
    });
    const run = new PaperRun(store, id, config, new Engine(settings.options));
    run.recover();
    return run;
  }

  /** Replays the feed up to the committed position and checks the journal it regenerates. */
  private recover(): void {
    const { events_processed: target } = this.store.statement('SELECT events_processed FROM paper_runs WHERE account_id = ?').get(this.accountId) as { events_processed: number };
    for (let i = 0; i < target; i++) this.feed(this.market.next());
    this.processed = target;
    const stored = this.store.statement('SELECT payload_json FROM paper_journal WHERE account_id = ? ORDER BY seq').all(this.accountId) as Array<{ payload_json: string }>;
    const regenerated = this.engine.events();
    if (regenerated.length < stored.length) {
      throw new PaperRunError(`journal has ${stored.length} events but replaying the feed gives ${regenerated.length}: the feed or the strategy is not the one this account ran`);
    }
    stored.forEach((row, i) => {
      if (row.payload_json !== JSON.stringify(regenerated[i])) throw new PaperRunError(`journal event ${i + 1} differs from the replay: refusing to continue on a diverged account`);
    });
    // Events produced after the last commit (lost with the crash) are regenerated here and
    // journaled now: they were never acknowledged.
    this.journaled = stored.length;
    this.commit();
  }

  private feed(e: MarketEvent): void {
    if (e.kind === 'trade') this.engine.onTrade(e.trade);
    else this.engine.onQuote(e.quote);
  }

  /** Processes the next `count` market events and commits what they produced. */
  step(count: number): BrokerEvent[] {
    for (let i = 0; i < count; i++) this.feed(this.market.next());
    this.processed += count;
    return this.commit();
  }

  /** Time of the next market event (the run's clock). */
  nextEventTs(): number {
    return this.market.peekTs();
  }

  get eventsProcessed(): number {
    return this.processed;
  }

  account(): ReturnType<Engine['broker']['account']> {
    return this.engine.broker.account();
  }

  /** Journals new broker events and the feed position in one transaction: durable before reported. */
  private commit(): BrokerEvent[] {
    const all = this.engine.events();
    const fresh = all.slice(this.journaled);
    const last = this.engine.span().endTs;
    this.store.transaction(() => {
      const insert = this.store.statement('INSERT INTO paper_journal (account_id, seq, ts, kind, payload_json) VALUES (?, ?, ?, ?, ?)');
      for (const e of fresh) insert.run(this.accountId, e.seq, e.ts, e.type, JSON.stringify(e));
      this.store.statement('UPDATE paper_runs SET events_processed = ?, last_ts = ?, updated_at = ? WHERE account_id = ?').run(this.processed, Number.isFinite(last) ? last : null, Date.now(), this.accountId);
      // The broker state too, so `auctioneer status` reads the account without replaying.
      this.store
        .statement(
          `INSERT INTO paper_snapshots (account_id, ts, last_seq, snapshot_json) VALUES (?, ?, ?, ?)
           ON CONFLICT (account_id) DO UPDATE SET ts = excluded.ts, last_seq = excluded.last_seq, snapshot_json = excluded.snapshot_json`,
        )
        .run(this.accountId, Number.isFinite(last) ? last : 0, all[all.length - 1]?.seq ?? 0, JSON.stringify(this.engine.broker.snapshot()));
    });
    this.journaled = all.length;
    return fresh;
  }

  close(): void {
    this.store.statement('UPDATE paper_runs SET owner_pid = NULL WHERE account_id = ? AND owner_pid = ?').run(this.accountId, process.pid);
  }
}
