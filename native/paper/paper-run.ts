// A strategy paper-trading on a feed, headless, surviving crashes. Every broker event the engine
// produces is journaled with the count of market events processed, and the run's monitoring log
// with it, in one transaction per batch, before it is reported. On start the run is rebuilt by
// replaying its feed up to that count through a fresh engine (deterministic: the same events
// give the same state), the regenerated journal is checked against the stored one, and trading
// continues after it — so a kill -9 at any moment loses no acknowledged fill and repeats none.

import { z } from 'zod';
import type { RunLogEntry } from '../../core/api/areas/strategies';
import type { BrokerEvent } from '../../core/broker/types';
import { Engine } from '../../core/engine/engine';
import { resolveRun } from '../../core/engine/run-config';
import type { MarketEvent } from '../../core/market/events';
import { BTCUSDT_PERP } from '../../core/market/instrument';
import { DefenseConfigSchema } from '../../core/strategy/defense/config';
import type { StrategyDefinition } from '../../core/strategy/types';
import { DEFAULT_CONDITION_LIMITS } from '../alerts/condition-alerts';
import { defaultSimConfig, SimulatedMarket } from '../feeds/sim/simulated-market';
import type { Store } from '../store/store';
import { RunMonitor } from './run-monitor';

/** A window in which the simulated feed delivers none of the listed kinds (a feed fault). */
const OutageSchema = z.object({ fromTs: z.number().int(), toTs: z.number().int(), kinds: z.array(z.enum(['trade', 'quote'])).min(1) });

/** The simulated market, generated again on replay: its position is a count of events. */
const SimFeedSchema = z.object({
  kind: z.literal('sim'),
  seed: z.number().int().nonnegative(),
  startTs: z.number().int().positive(),
  outages: z.array(OutageSchema).optional(),
});

/**
 * A ccxt feed (the local exchange simulator, or a real exchange): its ticks cannot be generated
 * again, so each batch is written ahead to the store, with the time it arrived, before the
 * engine sees it; replay reads them back. Where it is reached (a port) is not part of the run.
 */
const CcxtFeedSchema = z.object({
  kind: z.literal('ccxt'),
  venue: z.enum(['exchange-sim', 'exchange']),
  exchange: z.string().min(1),
  symbol: z.string().min(1),
});

export const PaperRunConfigSchema = z.object({
  strategy: z.string(),
  settings: z.record(z.string(), z.unknown()).default({}),
  feed: z.discriminatedUnion('kind', [SimFeedSchema, CcxtFeedSchema]),
});
export type PaperRunConfig = z.output<typeof PaperRunConfigSchema>;

export class PaperRunError extends Error {}

/** What one committed batch produced: reported only once it is durable. */
export interface CommittedBatch {
  readonly events: readonly BrokerEvent[];
  readonly log: readonly RunLogEntry[];
}

function pidAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** The process that owns the run's account, if a live one other than this does. */
export function runOwner(store: Store, name: string): number | null {
  const row = store.statement('SELECT r.owner_pid AS pid FROM paper_runs r JOIN paper_accounts a ON a.id = r.account_id WHERE a.name = ?').get(name) as { pid: number | null } | undefined;
  const pid = row?.pid ?? null;
  return pid !== null && pid !== process.pid && pidAlive(pid) ? pid : null;
}

export class PaperRun {
  private journaled = 0;
  private logged = 0;
  private processed = 0;
  /** Log lines produced since the run (re)started, replay included; the first `logged` are stored. */
  private produced = 0;
  /** Broker events the monitor has seen. */
  private monitored = 0;
  private readonly market: SimulatedMarket | null;
  private readonly engine: Engine;
  private readonly monitor: RunMonitor;
  /** The driver's clock: the time the event being processed arrived. */
  private clockTs = Number.NaN;
  private lastQuoteTs = Number.NaN;
  private lastTradeSeen: { tradeId: number; ts: number } | null = null;

  private constructor(
    private readonly store: Store,
    private readonly accountId: number,
    readonly name: string,
    readonly config: PaperRunConfig,
    definition: StrategyDefinition,
  ) {
    const instrument = BTCUSDT_PERP;
    const resolved = resolveRun(definition, config.settings, instrument, 'ticks');
    const defense = DefenseConfigSchema.parse((resolved.settings as { defense?: unknown }).defense ?? {});
    this.monitor = new RunMonitor({
      instrument,
      staleAfterMs: defense.stale_data_ms,
      limits: { ...DEFAULT_CONDITION_LIMITS, ambiguousMax: defense.ambiguous_trade_frac_max ?? DEFAULT_CONDITION_LIMITS.ambiguousMax, maxDailyLoss: defense.max_daily_loss },
      label: name,
    });
    this.engine = new Engine({
      ...resolved.options,
      // Live: how long since the last quote when the decision is taken (the run's clock is the
      // arrival of the event that closed the minute). NaN (no quote yet) reads as stale.
      dataAgeMs: () => {
        const age = this.clockTs - this.lastQuoteTs;
        return Number.isNaN(age) ? Infinity : age;
      },
      onDecision: (d) => this.monitor.onDecision(d),
    });
    const feed = config.feed;
    this.market = feed.kind === 'sim' ? new SimulatedMarket(defaultSimConfig(instrument, { seed: feed.seed, startTs: feed.startTs })) : null;
  }

  /** The instrument every run trades (a feed with another tick size is refused). */
  static readonly instrument = BTCUSDT_PERP;

  private sim(): SimulatedMarket {
    if (!this.market) throw new PaperRunError(`paper run "${this.name}" reads a ccxt feed: give it ticks with ingest()`);
    return this.market;
  }

  /**
   * Opens or resumes the named run. Refuses when another live process owns it, or when the
   * stored config differs from the one given (a run's strategy and feed are fixed at creation).
   * `onRecovered` hears what the recovery committed (work the crash lost before committing).
   */
  static open(store: Store, name: string, config: PaperRunConfig, definition: StrategyDefinition, onRecovered?: (batch: CommittedBatch) => void): PaperRun {
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
    const run = new PaperRun(store, id, name, config, definition);
    const recovered = run.recover();
    onRecovered?.(recovered);
    return run;
  }

  /** Replays the feed up to the committed position and checks the journal it regenerates. */
  private recover(): CommittedBatch {
    if (this.market) {
      const { events_processed: target } = this.store.statement('SELECT events_processed FROM paper_runs WHERE account_id = ?').get(this.accountId) as { events_processed: number };
      for (let i = 0; i < target; i++) this.feed(this.market.next());
      this.processed = target;
    } else {
      // Every batch written ahead, including any the crash caught before the engine saw it.
      const batches = this.store.statement('SELECT recv_ts, events_json FROM paper_feed WHERE account_id = ? ORDER BY seq').all(this.accountId) as Array<{ recv_ts: number; events_json: string }>;
      for (const b of batches) for (const e of JSON.parse(b.events_json) as MarketEvent[]) this.feed(e, b.recv_ts);
      this.processed = batches.length;
    }
    const stored = this.store.statement('SELECT payload_json FROM paper_journal WHERE account_id = ? ORDER BY seq').all(this.accountId) as Array<{ payload_json: string }>;
    const regenerated = this.engine.events();
    if (regenerated.length < stored.length) {
      throw new PaperRunError(`journal has ${stored.length} events but replaying the feed gives ${regenerated.length}: the feed or the strategy is not the one this account ran`);
    }
    stored.forEach((row, i) => {
      if (row.payload_json !== JSON.stringify(regenerated[i])) throw new PaperRunError(`journal event ${i + 1} differs from the replay: refusing to continue on a diverged account`);
    });
    // Events produced after the last commit (lost with the crash) are regenerated here and
    // journaled now: they were never acknowledged. The same for the log.
    this.journaled = stored.length;
    this.logged = (this.store.statement('SELECT COUNT(*) AS n FROM paper_log WHERE account_id = ?').get(this.accountId) as { n: number }).n;
    return this.commit();
  }

  /** One market event through the engine; `arrivedTs` is the run's clock (default: the event's time). */
  private feed(e: MarketEvent, arrivedTs?: number): void {
    const feed = this.config.feed;
    const ts = e.kind === 'trade' ? e.trade.ts : e.quote.ts;
    if (feed.kind === 'sim' && feed.outages?.some((o) => ts >= o.fromTs && ts < o.toTs && o.kinds.includes(e.kind))) return;
    this.clockTs = arrivedTs ?? ts;
    if (e.kind === 'trade') {
      this.engine.onTrade(e.trade);
      if (e.trade.id !== undefined) this.lastTradeSeen = { tradeId: e.trade.id, ts: e.trade.ts };
    } else {
      this.engine.onQuote(e.quote);
      this.lastQuoteTs = e.quote.ts;
    }
    // The monitor sees broker events as they happen, so its lines come in the same order
    // whatever the batch boundaries were (a recovery replays in one go).
    const events = this.engine.events();
    if (events.length > this.monitored) {
      this.monitor.onBrokerEvents(events.slice(this.monitored));
      this.monitored = events.length;
    }
    this.monitor.onData(this.clockTs, this.lastQuoteTs);
  }

  /** Processes up to `count` market events stamped before `beforeTs`, and commits what they produced. */
  step(count: number, beforeTs = Infinity): CommittedBatch {
    const market = this.sim();
    let n = 0;
    while (n < count && market.peekTs() < beforeTs) {
      this.feed(market.next());
      n++;
    }
    this.processed += n;
    return this.commit();
  }

  /** Time of the next market event (the run's clock). */
  nextEventTs(): number {
    return this.sim().peekTs();
  }

  /**
   * A ccxt feed's batch, arrived at `arrivedTs` (host clock): written ahead to the store, then
   * processed, then what it produced committed. Events older than what the run has seen (a
   * reconnection's overlap) are dropped before writing, so the replay sees what the run saw.
   */
  ingest(events: readonly MarketEvent[], arrivedTs: number): CommittedBatch {
    if (this.market) throw new PaperRunError(`paper run "${this.name}" generates its own simulated market`);
    const seen = this.engine.span().endTs;
    const fresh = events.filter((e) => (e.kind === 'trade' ? e.trade.ts : e.quote.ts) >= seen);
    if (fresh.length > 0) {
      this.store.statement('INSERT INTO paper_feed (account_id, seq, recv_ts, events_json) VALUES (?, ?, ?, ?)').run(this.accountId, this.processed + 1, arrivedTs, JSON.stringify(fresh));
      for (const e of fresh) this.feed(e, arrivedTs);
      this.processed += 1;
    }
    return this.commit();
  }

  /** The last trade with an exchange id the run has processed (where a feed resumes from). */
  lastTrade(): { tradeId: number; ts: number } | null {
    return this.lastTradeSeen;
  }

  get eventsProcessed(): number {
    return this.processed;
  }

  /** Market time reached (ms), NaN before the first event. */
  get marketTs(): number {
    return this.clockTs;
  }

  account(): ReturnType<Engine['broker']['account']> {
    return this.engine.broker.account();
  }

  /** Journals new broker events, log lines and the feed position in one transaction: durable before reported. */
  private commit(): CommittedBatch {
    const all = this.engine.events();
    const fresh = all.slice(this.journaled);
    const drafts = this.monitor.take();
    const first = this.produced;
    this.produced += drafts.length;
    // Lines a recovery regenerated that were committed before the crash are not written again.
    const log: RunLogEntry[] = drafts.slice(Math.max(0, this.logged - first)).map((d, i) => ({ seq: this.logged + i + 1, ...d }));
    const last = this.engine.span().endTs;
    this.store.transaction(() => {
      const insert = this.store.statement('INSERT INTO paper_journal (account_id, seq, ts, kind, payload_json) VALUES (?, ?, ?, ?, ?)');
      for (const e of fresh) insert.run(this.accountId, e.seq, e.ts, e.type, JSON.stringify(e));
      const insertLog = this.store.statement('INSERT INTO paper_log (account_id, seq, ts, kind, text, data_json) VALUES (?, ?, ?, ?, ?, ?)');
      for (const l of log) insertLog.run(this.accountId, l.seq, l.ts, l.kind, l.text, JSON.stringify(l.data));
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
    this.logged += log.length;
    return { events: fresh, log };
  }

  close(): void {
    this.store.statement('UPDATE paper_runs SET owner_pid = NULL WHERE account_id = ? AND owner_pid = ?').run(this.accountId, process.pid);
  }
}

/** A run's monitoring log as stored, oldest first (the last `limit` lines, of one kind if given). */
export function readRunLog(store: Store, name: string, limit = Number.MAX_SAFE_INTEGER, kind?: RunLogEntry['kind']): RunLogEntry[] {
  const rows = store
    .statement(
      `SELECT seq, ts, kind, text, data_json FROM (
         SELECT l.seq, l.ts, l.kind, l.text, l.data_json FROM paper_log l JOIN paper_accounts a ON a.id = l.account_id
         WHERE a.name = ? AND (? IS NULL OR l.kind = ?) ORDER BY l.seq DESC LIMIT ?) ORDER BY seq`,
    )
    .all(name, kind ?? null, kind ?? null, limit) as Array<{ seq: number; ts: number; kind: RunLogEntry['kind']; text: string; data_json: string }>;
  return rows.map((r) => ({ seq: r.seq, ts: r.ts, kind: r.kind, text: r.text, data: JSON.parse(r.data_json) as RunLogEntry['data'] }));
}
