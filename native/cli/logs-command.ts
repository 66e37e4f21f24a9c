// `auctioneer logs`: a paper run's monitoring log (seed 003 §11) as the store holds it — the
// feature snapshot at each signal, the order lifecycle with fill price, fee and slippage, risk
// events and alerts — as lines or JSON. Reads only: safe while the run trades.

import type { Command } from 'commander';
import type { RunLogEntry } from '../../core/api/areas/strategies';
import { readRunLog } from '../paper/paper-run';
import { openStore } from './import-command';
import { integerOption } from './options';

interface LogsOptions {
  run?: string;
  db?: string;
  kind?: string;
  limit: number;
  json?: boolean;
}

const KINDS: readonly RunLogEntry['kind'][] = ['signal', 'order', 'risk', 'alert'];

export function registerLogsCommand(program: Command): void {
  program
    .command('logs')
    .description("print a paper run's monitoring log: signals with their feature snapshot, orders and fills, risk events, alerts")
    .option('--run <name>', 'the run (its paper account name; default: list the runs)')
    .option('--kind <kind>', `only one kind: ${KINDS.join(', ')}`)
    .option('--limit <n>', 'the last N lines', integerOption('--limit', 1, 10_000_000), 200)
    .option('--db <path>', "store (default: the desktop app's)")
    .option('--json', 'one JSON object per line')
    .action((opts: LogsOptions) => {
      if (opts.kind !== undefined && !KINDS.includes(opts.kind as RunLogEntry['kind'])) throw new Error(`--kind must be one of ${KINDS.join(', ')}`);
      const store = openStore(opts.db);
      try {
        const runs = store.statement('SELECT a.name, (SELECT COUNT(*) FROM paper_log l WHERE l.account_id = a.id) AS n FROM paper_runs r JOIN paper_accounts a ON a.id = r.account_id ORDER BY a.id').all() as Array<{ name: string; n: number }>;
        if (!opts.run) {
          if (runs.length === 0) console.log('No paper runs yet: start one with `auctioneer paper` or from the Strategies screen.');
          for (const r of runs) console.log(opts.json ? JSON.stringify({ run: r.name, lines: r.n }) : `${r.name}  ${r.n} lines`);
          return;
        }
        if (!runs.some((r) => r.name === opts.run)) throw new Error(`no paper run "${opts.run}"; runs: ${runs.map((r) => r.name).join(', ') || 'none yet'}`);
        for (const e of readRunLog(store, opts.run, opts.limit, opts.kind as RunLogEntry['kind'] | undefined)) {
          console.log(opts.json ? JSON.stringify(e) : `${new Date(e.ts).toISOString()}  ${e.kind.padEnd(6)}  ${e.text}`);
        }
      } finally {
        store.close();
      }
    });
}
