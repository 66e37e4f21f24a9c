// `auctioneer paper`: a strategy paper-trading headless on the simulated market, the local
// exchange simulator or an exchange (ccxt), journaled to the store so it survives a crash or a
// kill and resumes where it committed (`status` reads the account). On the simulated market
// --speed max runs as fast as it can (forward tests over days in minutes); a ccxt feed's ticks
// are written ahead to the store, so the replay that rebuilds the run after a crash is exact.

import type { Command } from 'commander';
import { BUILT_IN_STRATEGIES } from '../../core/strategy/registry';
import { findStrategy, formatLoadErrors } from '../strategies/resolve-strategy';
import { AlertHub } from '../alerts/alert-hub';
import { DiscordSink } from '../alerts/discord-sink';
import { PaperRun, PaperRunConfigSchema, type CommittedBatch } from '../paper/paper-run';
import { PaperRunner } from '../paper/paper-runner';
import type { LiveFeedRunner } from '../paper/live-feed-runner';
import { connectLiveRunner } from '../paper/live-feed-connect';
import { parseTime } from './fetch-command';
import { openStore } from './import-command';
import { integerOption } from './options';

interface PaperOptions {
  strategy: string;
  feed: 'sim' | 'exchange-sim' | 'exchange';
  exchangeUrl?: string;
  exchange: string;
  symbol: string;
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
  strategiesDir?: string;
}

export function registerPaperCommand(program: Command): void {
  program
    .command('paper')
    .description('paper-trade a strategy headless on the simulated market, surviving restarts (see status)')
    .requiredOption('--strategy <id>', `strategy: ${BUILT_IN_STRATEGIES.map((s) => s.id).join(', ')}`)
    .option('--account <name>', 'paper account (default: paper-<strategy>-<seed>)')
    .option('--feed <feed>', 'sim (the built-in simulated market), exchange-sim (the local exchange simulator, through ccxt) or exchange (ccxt.pro, needs the internet)', 'sim')
    .option('--exchange-url <url>', 'a running `auctioneer exchange-sim` (default: start one in this process, with --seed)')
    .option('--exchange <id>', 'ccxt exchange id for --feed exchange', 'binanceusdm')
    .option('--symbol <symbol>', 'ccxt symbol for the ccxt feeds', 'BTC/USDT:USDT')
    .option('--seed <n>', 'simulated market seed', integerOption('--seed', 0, 2 ** 31), 1)
    .option('--start <time>', 'market start for a new account (default: now)', parseTime('--start'))
    .option('--until <time>', 'stop when the market reaches this time (default: run until stopped)', parseTime('--until'))
    .option('--speed <speed>', 'realtime, or max (as fast as possible)', 'realtime')
    .option('--batch <n>', 'market events per committed batch', integerOption('--batch', 1, 1_000_000), 500)
    .option('--set <key=value...>', 'strategy, feature or execution setting')
    .option('--strategies-dir <path>', 'folder of your own strategy files (default: the app data folder)')
    .option('--db <path>', "store (default: the desktop app's)")
    .option('--json', 'one JSON line per acknowledged fill')
    .option('--discord-webhook <url>', 'alerts (start, stop, trades opened and closed) to this Discord webhook (or AUCTIONEER_DISCORD_WEBHOOK)')
    .action(async (opts: PaperOptions) => {
      const found = await findStrategy(opts.strategy, opts.strategiesDir);
      for (const line of formatLoadErrors(found.errors)) console.error(line);
      const definition = found.definition;
      if (!definition) throw new Error(`unknown strategy "${opts.strategy}"; strategies: ${found.available.join(', ')}`);
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
      if (!['sim', 'exchange-sim', 'exchange'].includes(opts.feed)) throw new Error('--feed must be sim, exchange-sim or exchange');
      const account = opts.account ?? (opts.feed === 'sim' ? `paper-${definition.id}-${opts.seed}` : `paper-${definition.id}-${opts.feed}`);
      const store = openStore(opts.db);
      // A new account starts at --start (or now); a resumed one keeps its stored start.
      const existing = store.statement('SELECT config_json FROM paper_runs r JOIN paper_accounts a ON a.id = r.account_id WHERE a.name = ?').get(account) as { config_json: string } | undefined;
      const config = existing
        ? PaperRunConfigSchema.parse(JSON.parse(existing.config_json))
        : PaperRunConfigSchema.parse({
            strategy: definition.id,
            settings,
            feed:
              opts.feed === 'sim'
                ? { kind: 'sim', seed: opts.seed, startTs: opts.start ?? Date.now() }
                : { kind: 'ccxt', venue: opts.feed, exchange: opts.feed === 'exchange-sim' ? 'binanceusdm' : opts.exchange, symbol: opts.symbol },
          });
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
      let runner: PaperRunner | LiveFeedRunner;
      try {
        runner =
          config.feed.kind === 'sim'
            ? new PaperRunner(run, {
                speed: opts.speed,
                batch: opts.batch,
                ...(opts.until !== undefined ? { until: opts.until } : {}),
                raise: (alert) => alerts.raise(alert),
                alertsAtMaxSpeed: true,
                onBatch: printFills,
              })
            : await connectLiveRunner(run, config.feed, {
                seed: opts.seed,
                ...(opts.exchangeUrl !== undefined ? { exchangeUrl: opts.exchangeUrl } : {}),
                ...(opts.until !== undefined ? { until: opts.until } : {}),
                raise: (alert) => alerts.raise(alert),
                onBatch: printFills,
              });
      } catch (error) {
        run.close();
        store.close();
        throw error;
      }
      for (const batch of recovered) runner.report(batch);
      const stop = (): void => void runner.stop();
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
      const end = await runner.done;
      const a = run.account();
      console.error(`auctioneer: stopped (${end.reason === 'error' ? `error: ${end.error.message}` : end.reason}) at event ${run.eventsProcessed}; balance ${a.balance.toFixed(2)}, equity ${a.equity.toFixed(2)}`);
      alerts.raise({ kind: 'strategy-stop', ts: Date.now(), title: `${definition.name} stopped (${account})`, message: end.reason === 'error' ? `Error: ${end.error.message}` : `Balance ${a.balance.toFixed(2)}, equity ${a.equity.toFixed(2)}.` });
      await sink?.idle();
      run.close();
      store.close();
      if (end.reason === 'error') throw end.error;
    });
}

