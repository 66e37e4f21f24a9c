// `auctioneer strategies`: the built-in strategies and the trader's own (from the strategies
// folder) with their parameters and defaults, and why any strategy file failed to load.

import type { Command } from 'commander';
import { strategyCatalog } from '../strategies/strategy-catalog';
import { defaultStrategiesDir } from '../strategies/user-strategies';

interface StrategiesOptions {
  strategiesDir?: string;
  json?: boolean;
}

export function registerStrategiesCommand(program: Command): void {
  program
    .command('strategies')
    .description('list the built-in strategies and your own (strategies folder) with their parameters and defaults')
    .option('--strategies-dir <path>', `folder of your own strategy files (default: ${defaultStrategiesDir()})`)
    .option('--json', 'print the list as JSON')
    .action(async (opts: StrategiesOptions) => {
      const dir = opts.strategiesDir ?? defaultStrategiesDir();
      const catalog = await strategyCatalog(dir, { mustExist: opts.strategiesDir !== undefined });
      const all = catalog.listings;
      if (opts.json) {
        console.log(JSON.stringify({ strategiesDir: dir, strategies: all, errors: catalog.errors }, null, 2));
      } else {
        for (const s of all) {
          console.log(`${s.id}  ${s.name} (${s.file ?? s.source})`);
          if (s.description) console.log(`  ${s.description}`);
          console.log(`  history: ${s.historyMinutes} min`);
          for (const [key, value] of Object.entries(s.defaults)) console.log(`  ${key} = ${JSON.stringify(value)}`);
          console.log('');
        }
        const own = all.filter((s) => s.source === 'user').length;
        console.log(`your strategies folder: ${dir}${own === 0 && catalog.errors.length === 0 ? ' (no strategy files)' : ''}`);
        for (const e of catalog.errors) console.error(`auctioneer: strategy ${e.file}: ${e.message.replace(/\n/g, '\n  ')}`);
      }
      // Listing succeeded, but a script checking the folder should see that something is broken.
      if (catalog.errors.length > 0) process.exitCode = 1;
    });
}
