// Strategy lookup for the CLI: a built-in id first, then the traders' strategies folder, with the
// folder's load problems returned (not thrown) so a broken file elsewhere never blocks a run.

import { BUILT_IN_STRATEGIES, strategyById } from '../../core/strategy/registry';
import type { StrategyDefinition } from '../../core/strategy/types';
import { loadUserStrategies, type StrategyLoadError, type UserStrategy } from './user-strategies';

export interface FoundStrategy {
  readonly definition: StrategyDefinition | undefined;
  readonly errors: StrategyLoadError[];
  /** Set when the definition came from the folder: its file and compiled code (for workers). */
  readonly user?: UserStrategy;
  /** Every id that would have resolved, built-in first, for "unknown strategy" messages. */
  readonly available: string[];
}

/**
 * `dir` is a folder the user named (a missing one is reported); without it, the app data
 * folder's strategies/ is read if it exists. Built-ins never wait on the folder being compiled.
 */
export async function findStrategy(id: string, dir?: string): Promise<FoundStrategy> {
  const builtIns = BUILT_IN_STRATEGIES.map((s) => s.id);
  const builtIn = strategyById(id);
  if (builtIn) return { definition: builtIn, errors: [], available: builtIns };
  const users = dir === undefined ? await loadUserStrategies() : await loadUserStrategies(dir, { mustExist: true });
  const user = users.loaded.find((u) => u.definition.id === id);
  return { definition: user?.definition, errors: users.errors, ...(user ? { user } : {}), available: [...builtIns, ...users.strategies.map((s) => s.id)] };
}

/** Load problems as CLI warnings, one per file. */
export function formatLoadErrors(errors: readonly StrategyLoadError[]): string[] {
  return errors.map((e) => `auctioneer: warning: strategy ${e.file}: ${e.message.replace(/\n/g, '\n  ')}`);
}
