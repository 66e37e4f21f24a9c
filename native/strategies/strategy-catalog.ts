// The strategies a trader can pick, built-in and from the strategies folder, described once for
// the backtest and paper-run screens and the CLI: StrategyListing (parameters as a JSON Schema
// with the seed's defaults), with the definitions to run and the files that did not load.

import { z } from 'zod';
import type { StrategyListing } from '../../core/api/areas/strategy-listing';
import { BUILT_IN_STRATEGIES } from '../../core/strategy/registry';
import type { StrategyDefinition } from '../../core/strategy/types';
import { loadUserStrategies, type LoadOptions } from './user-strategies';

export interface StrategyCatalog {
  /** Listings and definitions in the same order: built-in first, then the folder's. */
  readonly listings: StrategyListing[];
  readonly definitions: StrategyDefinition[];
  readonly errors: Array<{ file: string; message: string }>;
}

/** A zod schema as JSON Schema (input side: what a form may leave out), or null when it cannot be said. */
export function jsonSchemaOf(schema: z.ZodType): Record<string, unknown> | null {
  try {
    return z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as Record<string, unknown>;
  } catch {
    // A trader's schema from another zod copy, or a type JSON Schema cannot say.
    return null;
  }
}

/** Parameter defaults: what the strategy runs with when no setting overrides them. */
export function defaultsOf(definition: StrategyDefinition): Record<string, unknown> {
  const parsed = definition.params.safeParse({});
  // Shape checked at load time; an object is the only kind resolveRun can split settings into.
  return parsed.success && typeof parsed.data === 'object' && parsed.data !== null ? (parsed.data as Record<string, unknown>) : {};
}

export function listingOf(definition: StrategyDefinition, file?: string): StrategyListing {
  return {
    id: definition.id,
    name: definition.name,
    description: definition.description,
    source: file === undefined ? 'built-in' : 'user',
    ...(file !== undefined ? { file } : {}),
    historyMinutes: definition.historyMinutes,
    paramsSchema: jsonSchemaOf(definition.params),
    defaults: defaultsOf(definition),
  };
}

/** Built-in strategies and the folder's (default: the user's strategies folder). */
export async function strategyCatalog(dir?: string, options: LoadOptions = {}): Promise<StrategyCatalog> {
  const users = await loadUserStrategies(dir, options);
  return {
    listings: [...BUILT_IN_STRATEGIES.map((d) => listingOf(d)), ...users.loaded.map((u) => listingOf(u.definition, u.file))],
    definitions: [...BUILT_IN_STRATEGIES, ...users.loaded.map((u) => u.definition)],
    errors: users.errors.map((e) => ({ file: e.file, message: e.message })),
  };
}
