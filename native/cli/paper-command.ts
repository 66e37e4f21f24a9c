// `auctioneer paper`: a strategy paper-trading headless on the simulated market, journaled to
// the store so it survives a crash or a kill and resumes where it committed (`status` reads the
// account). --speed max runs the feed as fast as it can (forward tests over days in minutes).

import type { Command } from 'commander';
import { BUILT_IN_STRATEGIES, strategyById } from '../../core/strategy/registry';
import { AlertHub } from '../alerts/alert-hub';
import { DiscordSink } from '../alerts/discord-sink';
import { PaperRun, PaperRunConfigSchema, type CommittedBatch } from '../paper/paper-run';
import { PaperRunner } from '../paper/paper-runner';
import { parseTime } from './fetch-command';
import { openStore } from './import-command';
import { integerOption } from './options';

interface PaperOptions {
  strategy: string;
  account?: string;
  seed: number;
  start?: number;
  until?: number;
  speed: 'realtime' | 'max';
  batch: number;
  set?: string[];
  db?: string;
  json?: boolean;
  discordWebhook?: string;
}

export function registerPaperCommand(program: Command): void {
  program
    .command('paper')
    .description('paper-trade a strategy headless on the simulated market, surviving restarts (see status)')
    .requiredOption('--strategy <id>', `strategy: ${BUILT_IN_STRATEGIES.map((s) => s.id).join(', ')}`)
    .option('--account <name>', 'paper account (default: paper-<strategy>-<seed>)')
    .option('--seed <n>', 'simulated market seed', integerOption('--seed', 0, 2 ** 31), 1)
    .option('--start <time>', 'market start for a new account (default: now)', parseTime('--start'))
    .option('--until <time>', 'stop when the market reaches this time (default: run until stopped)', parseTime('--until'))
    .option('--speed <speed>', 'realtime, or max (as fast as possible)', 'realtime')
    .option('--batch <n>', 'market events per committed batch', integerOption('--batch', 1, 1_000_000), 500)
    .option('--set <key=value...>', 'strategy, feature or execution setting')
    .option('--db <path>', "store (default: the desktop app's)")
    .option('--json', 'one JSON line per acknowledged fill')
    .option('--discord-webhook <url>', 'alerts (start, stop, trades opened and closed) to this Discord webhook (or AUCTIONEER_DISCORD_WEBHOOK)')
    .action(async (opts: PaperOptions) => {
      const definition = strategyById(opts.strategy);
      if (!definition) throw new Error(`unknown strategy "${opts.strategy}"`);
      if (opts.speed !== 'realtime' && opts.speed !== 'max') throw new Error('--speed must be realtime or max');
      const settings = Object.fromEntries(
        (opts.set ?? []).map((s) => {
          const eq = s.indexOf('=');
          const raw = s.slice(eq + 1);
          let value: unknown = raw;
          try {
            value = JSON.parse(raw);
          } catch {
            /* a plain string */
          }
          return [s.slice(0, eq), value];
        }),
      );
      const account = opts.account ?? `paper-${definition.id}-${opts.seed}`;
      const store = openStore(opts.db);
      // A new account starts at --start (or now); a resumed one keeps its stored start.
      const existing = store.statement('SELECT config_json FROM paper_runs r JOIN paper_accounts a ON a.id = r.account_id WHERE a.name = ?').get(account) as { config_json: string } | undefined;
      const config = existing
        ? PaperRunConfigSchema.parse(JSON.parse(existing.config_json))
        : PaperRunConfigSchema.parse({ strategy: definition.id, settings, feed: { kind: 'sim', seed: opts.seed, startTs: opts.start ?? Date.now() } });
      const webhook = opts.discordWebhook ?? process.env['AUCTIONEER_DISCORD_WEBHOOK'];
      const sink = webhook ? new DiscordSink({ webhookUrl: webhook, onError: (m) => console.error(`auctioneer: ${m}`) }) : null;
      const alerts = new AlertHub(sink ? [sink] : []);
      const printFills = (batch: CommittedBatch): void => {
        for (const e of batch.events) {
          if (e.type !== 'order-filled') continue;
          const f = e.fill;
          if (opts.json) console.log(JSON.stringify({ seq: e.seq, ts: f.ts, role: f.role, side: f.side, qty: f.qty, price: f.price, fee: f.fee }));
          else console.log(`${new Date(f.ts).toISOString()} ${f.role} ${f.side} ${f.qty} @ ${f.price} (fee ${f.fee.toFixed(4)})`);
        }
      };
      const recovered: CommittedBatch[] = [];
      const run = PaperRun.open(store, account, config, definition, (batch) => recovered.push(batch));
      alerts.raise({ kind: 'strategy-start', ts: Date.now(), title: `${definition.name} started (${account})`, message: `Resuming after ${run.eventsProcessed} market events.` });
      console.error(`auctioneer: paper account "${account}" running ${definition.id} from event ${run.eventsProcessed}`);
      const runner = new PaperRunner(run, {
        speed: opts.speed,
        batch: opts.batch,
        ...(opts.until !== undefined ? { until: opts.until } : {}),
        raise: (alert) => alerts.raise(alert),
        alertsAtMaxSpeed: true,
        onBatch: printFills,
      });
      for (const batch of recovered) runner.report(batch);
      const stop = (): void => void runner.stop();
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
      const end = await runner.done;
      const a = run.account();
      console.error(`auctioneer: stopped at event ${run.eventsProcessed}; balance ${a.balance.toFixed(2)}, equity ${a.equity.toFixed(2)}`);
      alerts.raise({ kind: 'strategy-stop', ts: Date.now(), title: `${definition.name} stopped (${account})`, message: end.reason === 'error' ? `Error: ${end.error.message}` : `Balance ${a.balance.toFixed(2)}, equity ${a.equity.toFixed(2)}.` });
      await sink?.idle();
      run.close();
      store.close();
      if (end.reason === 'error') throw end.error;
    });
}
