// Strategies trading on paper from the app: start, stop, their state, signals and monitoring logs.

import { z } from 'zod';
import type { EventMap, RequestMap } from './area';

/**
 * A strategy's candidate entry and its fate in the defense pipeline (the signals table of seed
 * 003 §3.3): drawn on the chart with its reason, whether it was taken or refused.
 */
export const StrategySignalSchema = z.object({
  /** The strategy run that produced it. */
  runId: z.string().min(1),
  strategyId: z.string().min(1),
  /** Decision time (ms): the close of the minute the strategy saw. */
  ts: z.number().int(),
  /** The setup's tag, e.g. "A", "B_retest". */
  tag: z.string(),
  side: z.enum(['long', 'short']),
  /** Price at the decision (the entry reference), in price units. */
  price: z.number().finite(),
  accepted: z.boolean(),
  /** "OK" when accepted, else the refusing guard's reason code. */
  reasonCode: z.string(),
});
export type StrategySignal = z.output<typeof StrategySignalSchema>;

export const strategiesRequests = {} as const satisfies RequestMap;

export const strategiesEvents = {
  'strategies.signal': StrategySignalSchema,
} as const satisfies EventMap;
