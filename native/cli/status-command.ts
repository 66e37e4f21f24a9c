// `auctioneer status`: a paper account as the store holds it — balance, position, working
// orders, recent fills and PnL — as a table or JSON. Reads only: safe while the app runs.

import type { Command } from 'commander';
import { DEFAULT_BROKER_CONFIG } from '../../core/broker/config';
import { fromTicks } from '../../core/market/instrument';
import { formatTable } from '../../core/report/format';
import { PaperAccount } from '../paper/paper-account';
import { openStore, resolveInstrument } from './import-command';

interface StatusOptions {
  db?: string;
  account?: string;
  instrument: string;
  json?: boolean;
}

export function registerStatusCommand(program: Command): void {
  program
    .command('status')
    .description('show paper accounts as the store holds them: balance, position, orders, fills, PnL')
    .option('--db <path>', "store (default: the desktop app's)")
    .option('--account <name>', 'one account (default: all)')
    .option('--instrument <venue:symbol>', 'instrument the accounts trade', 'binanceusdm:BTCUSDT')
    .option('--json', 'print JSON')
    .action((opts: StatusOptions) => {
      const instrument = resolveInstrument(opts.instrument, undefined);
      const store = openStore(opts.db);
      try {
        const names = (store.statement('SELECT name FROM paper_accounts ORDER BY id').all() as Array<{ name: string }>).map((r) => r.name);
        const chosen = opts.account ? names.filter((n) => n === opts.account) : names;
        if (opts.account && chosen.length === 0) throw new Error(`no paper account "${opts.account}"; accounts: ${names.join(', ') || 'none yet'}`);
        const views = chosen.map((name) => PaperAccount.open(store, name, instrument, DEFAULT_BROKER_CONFIG).view());
        if (opts.json) {
          console.log(JSON.stringify({ accounts: views }));
          return;
        }
        if (views.length === 0) {
          console.log('No paper accounts yet: trade from the app (or `auctioneer serve`) to create one.');
          return;
        }
        const price = (ticks: number): string => fromTicks(ticks, instrument.tickSize).toFixed(1);
        console.log(
          formatTable(
            ['account', 'balance', 'equity', 'position', 'avg entry', 'open PnL', 'realized', 'fees', 'orders'],
            views.map((v) => [
              v.name,
              v.balance.toFixed(2),
              v.equity.toFixed(2),
              String(v.positionQty),
              v.positionQty === 0 ? '-' : price(v.avgEntry),
              v.unrealizedPnl.toFixed(2),
              v.realizedPnl.toFixed(2),
              v.fees.toFixed(2),
              String(v.workingOrders),
            ]),
          ),
        );
        for (const v of views) {
          if (v.fills.length === 0) continue;
          console.log(`\n${v.name}: last fills`);
          console.log(
            formatTable(
              ['time (UTC)', 'role', 'side', 'qty', 'price', 'fee', 'realized'],
              v.fills.slice(-10).map((f) => [new Date(f.ts).toISOString().replace('T', ' ').slice(0, 19), f.role, f.side, String(f.qty), price(f.price), f.fee.toFixed(4), f.realizedPnl.toFixed(2)]),
            ),
          );
        }
      } finally {
        store.close();
      }
    });
}
