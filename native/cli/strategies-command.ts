// `auctioneer strategies`: the built-in strategies and the trader's own (from the strategies
// folder) with their parameters and defaults, and why any strategy file failed to load.

import type { Command } from 'commander';
import { BUILT_IN_STRATEGIES } from '../../core/strategy/registry';
import type { StrategyDefinition } from '../../core/strategy/types';
import { defaultStrategiesDir, loadUserStrategies } from '../strategies/user-strategies';

interface StrategiesOptions {
  strategiesDir?: string;
  json?: boolean;
}

interface StrategyListing {
  readonly id: string;
  readonly name: string;
  readonly description: string;
  readonly source: string;
  readonly historyMinutes: number;
  readonly params: Record<string, unknown>;
}

/** Parameter defaults: what the strategy runs with when no setting overrides them. */
function defaults(definition: StrategyDefinition): Record<string, unknown> {
  const r = definition.params.safeParse({});
  // Shape checked at load time; an object is the only kind resolveRun can split settings into.
  return r.success && typeof r.data === 'object' && r.data !== null ? (r.data as Record<string, unknown>) : {};
}

function listing(definition: StrategyDefinition, source: string): StrategyListing {
  return { id: definition.id, name: definition.name, description: definition.description, source, historyMinutes: definition.historyMinutes, params: defaults(definition) };
}

export function registerStrategiesCommand(program: Command): void {
  program
    .command('strategies')
    .description('list the built-in strategies and your own (strategies folder) with their parameters and defaults')
    .option('--strategies-dir <path>', `folder of your own strategy files (default: ${defaultStrategiesDir()})`)
    .option('--json', 'print the list as JSON')
    .action(async (opts: StrategiesOptions) => {
      const dir = opts.strategiesDir ?? defaultStrategiesDir();
      const users = await loadUserStrategies(dir, { mustExist: opts.strategiesDir !== undefined });
      const all = [...BUILT_IN_STRATEGIES.map((d) => listing(d, 'built-in')), ...users.loaded.map((u) => listing(u.definition, u.file))];
      if (opts.json) {
        console.log(JSON.stringify({ strategiesDir: dir, strategies: all, errors: users.errors }, null, 2));
      } else {
        for (const s of all) {
          console.log(`${s.id}  ${s.name} (${s.source})`);
          if (s.description) console.log(`  ${s.description}`);
          console.log(`  history: ${s.historyMinutes} min`);
          for (const [key, value] of Object.entries(s.params)) console.log(`  ${key} = ${JSON.stringify(value)}`);
          console.log('');
        }
        console.log(`your strategies folder: ${dir}${users.loaded.length === 0 && users.errors.length === 0 ? ' (no strategy files)' : ''}`);
        for (const e of users.errors) console.error(`auctioneer: strategy ${e.file}: ${e.message.replace(/\n/g, '\n  ')}`);
      }
      // Listing succeeded, but a script checking the folder should see that something is broken.
      if (users.errors.length > 0) process.exitCode = 1;
    });
}
