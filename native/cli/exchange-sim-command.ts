// `auctioneer exchange-sim`: the local exchange simulator (Binance USD-M REST and websocket on
// 127.0.0.1) serving the simulated market, for testing feeds and ccxt without the internet.

import type { Command } from 'commander';
import { runExchangeSim } from '../feeds/exchange-sim/cli';
import { binanceUsdmUrls } from '../feeds/exchange-sim/ccxt-urls';
import { integerOption } from './options';

export function registerExchangeSimCommand(program: Command): void {
  program
    .command('exchange-sim')
    .description('serve the simulated market over the Binance USD-M protocol on 127.0.0.1 (for ccxt clients)')
    .option('--port <port>', 'port (0 picks a free one)', integerOption('--port', 0, 65535), 0)
    .option('--seed <seed>', 'seed of the simulated market', integerOption('--seed', 0, 2 ** 31), 1)
    .option('--history <minutes>', 'minutes of history before now', integerOption('--history', 0, 10_080), 120)
    .action(async (opts: { port: number; seed: number; history: number }) => {
      const sim = await runExchangeSim({ port: opts.port, seed: opts.seed, historyMinutes: opts.history });
      console.log(`Auctioneer exchange simulator: REST ${sim.url}, websocket ${sim.wsUrl}`);
      console.log(`ccxt binanceusdm urls: ${JSON.stringify(binanceUsdmUrls(sim.url, sim.wsUrl))}`);
      const stop = (): void => void sim.close().then(() => process.exit(0));
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
    });
}
