// One description of a strategy for every screen that picks one (backtests, paper runs) and for
// the CLI: what it is, where it came from, and its parameters as a JSON Schema with the seed's
// defaults, from which one form component builds the inputs.

import { z } from 'zod';

/** A JSON Schema document (draft 2020-12, as zod's toJSONSchema writes it). */
export const JsonSchemaSchema = z.record(z.string(), z.unknown());

export const StrategyListingSchema = z.object({
  id: z.string().min(1),
  name: z.string(),
  description: z.string(),
  source: z.enum(['built-in', 'user']),
  /** The user's file, for strategies of the strategies folder. */
  file: z.string().optional(),
  /** Minutes of closed bars the strategy is handed. */
  historyMinutes: z.number().int(),
  /** The parameters' JSON Schema; null when the schema cannot be described (the form then shows the defaults as JSON). */
  paramsSchema: JsonSchemaSchema.nullable(),
  /** The parameters with every default filled in (the seed's values). */
  defaults: z.record(z.string(), z.unknown()),
});
export type StrategyListing = z.output<typeof StrategyListingSchema>;

/** Files of the strategies folder that did not load, and why. */
export const StrategyLoadErrorSchema = z.object({ file: z.string(), message: z.string() });
