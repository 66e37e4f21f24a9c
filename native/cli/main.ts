// The `auctioneer` command line. Each command shares the desktop app's services; today:
// `serve` (web mode), `import`, `fetch`, `features`, `backtest`, `sweep` and `exchange-sim`. Backtest and paper commands join as their issues land.

import { Command } from 'commander';
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { defaultStorePath } from '../store/default-path';
import { fileURLToPath } from 'node:url';
import { createDefaultHost } from '../host/host';
import { startWebServer } from '../host/web-server';
import { registerExchangeSimCommand } from './exchange-sim-command';
import { registerBacktestCommand } from './backtest-command';
import { registerPaperCommand } from './paper-command';
import { registerLogsCommand } from './logs-command';
import { registerStatusCommand } from './status-command';
import { registerStrategiesCommand } from './strategies-command';
import { registerSweepCommand } from './sweep-command';
import { registerFeaturesCommand } from './features-command';
import { registerFetchCommand } from './fetch-command';
import { integerOption } from './options';
import { AlertHub } from '../alerts/alert-hub';
import { DiscordSink } from '../alerts/discord-sink';
import { openStore, registerImportCommand } from './import-command';
import { appFeedProviders } from '../host/feed-providers';
import { APP_VERSION } from './version';

/** dist/ holds the built renderer and the profile worker next to this bundle (dist/native/cli.mjs). */
function distFile(...parts: string[]): string {
  return join(dirname(fileURLToPath(import.meta.url)), '..', ...parts);
}

function alertHub(webhook: string | undefined): AlertHub {
  const report = (message: string): void => console.error(`auctioneer: ${message}`);
  return new AlertHub(webhook ? [new DiscordSink({ webhookUrl: webhook, onError: report })] : []);
}

export function buildProgram(): Command {
  const program = new Command('auctioneer')
    .description('Order-flow and Auction Market Theory workstation for crypto perpetuals')
    .version(APP_VERSION);

  program
    .command('serve')
    .description('serve the workstation in web mode on 127.0.0.1 (same UI and API as the desktop app)')
    .option('--port <port>', 'port to listen on (0 picks a free one)', integerOption('--port', 0, 65535), 0)
    .option('--seed <seed>', 'seed of the simulated market', integerOption('--seed', 0, 2 ** 31), 1)
    .option('--history <minutes>', 'minutes of simulated history on start', integerOption('--history', 0, 10_080), 180)
    .option('--db <path>', "store for live exchange data (default: the desktop app's store)")
    .option('--discord-webhook <url>', 'send alerts (trades, stale feed) to this Discord webhook (or AUCTIONEER_DISCORD_WEBHOOK)')
    .option('--strategies-dir <path>', "folder of your own strategy files for backtests (default: the desktop app's strategies folder)")
    .action(async (opts: { port: number; seed: number; history: number; db?: string; discordWebhook?: string; strategiesDir?: string }) => {
      const staticDir = distFile('renderer');
      if (!existsSync(join(staticDir, 'index.html'))) {
        throw new Error(`the UI is not built (${staticDir} has no index.html): run "npm run build"`);
      }
      const store = openStore(opts.db);
      const host = createDefaultHost({
        shell: 'web',
        version: APP_VERSION,
        seed: opts.seed,
        historyMinutes: opts.history,
        profileWorkerFile: distFile('native', 'profile-worker.mjs'),
        backtestWorkerFile: distFile('native', 'backtest-worker.mjs'),
        importWorkerFile: distFile('native', 'import-worker.mjs'),
        ...(opts.strategiesDir !== undefined ? { strategiesDir: opts.strategiesDir } : {}),
        feeds: appFeedProviders(opts.history, store),
        store,
        alerts: alertHub(opts.discordWebhook ?? process.env['AUCTIONEER_DISCORD_WEBHOOK']),
        dataDir: dirname(resolve(opts.db ?? defaultStorePath())),
      });
      await host.start();
      const server = await startWebServer({ host, staticDir, port: opts.port });
      console.log(`Auctioneer web mode: ${server.url}`);
      const shutdown = (): void => {
        void Promise.all([host.stop(), server.close()]).then(() => process.exit(0));
      };
      process.once('SIGINT', shutdown);
      process.once('SIGTERM', shutdown);
    });

  registerImportCommand(program);
  registerFeaturesCommand(program);
  registerExchangeSimCommand(program);
  registerFetchCommand(program);
  registerBacktestCommand(program);
  registerSweepCommand(program);
  registerStrategiesCommand(program);
  registerStatusCommand(program);
  registerPaperCommand(program);
  registerLogsCommand(program);
  return program;
}

buildProgram()
  .parseAsync(process.argv)
  .catch((error: unknown) => {
    console.error(`auctioneer: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  });
