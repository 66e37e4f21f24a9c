// The chart's market views: the volume profile beside the chart (rolling 4 h, session, or a
// chosen time range) with its value area, developing and naked POCs and volume nodes; and the
// stored history behind the live session for the higher timeframes.

import { z } from 'zod';
import { BarSchema } from '../schemas';
import type { EventMap, RequestMap } from './area';

export const ProfileKindSchema = z.enum(['rolling', 'session', 'range']);
export type ProfileKind = z.output<typeof ProfileKindSchema>;

/** Prices are ticks and name the LOW edge of their bin: a bin covers [p, p + binTicks). */
export const MarketProfileSchema = z.object({
  kind: ProfileKindSchema,
  /** False when this kind cannot be computed now (no profile worker, no session yet...). */
  available: z.boolean(),
  /** What the profile covers, or why it is not available. */
  note: z.string(),
  fromTs: z.number(),
  toTs: z.number(),
  binTicks: z.number().int().nonnegative(),
  firstBinPrice: z.number().int(),
  volumes: z.array(z.number().nonnegative()),
  poc: z.number().int().nullable(),
  vah: z.number().int().nullable(),
  val: z.number().int().nullable(),
  hvn: z.array(z.number().int()),
  lvn: z.array(z.number().int()),
  /** The session's POC after each closed minute (session profiles only). */
  developing: z.array(z.object({ ts: z.number().int(), poc: z.number().int() })),
  /** Earlier sessions' POCs not traded through since, drawn from `fromTs` to the right. */
  naked: z.array(z.object({ poc: z.number().int(), binTicks: z.number().int().positive(), fromTs: z.number().int(), name: z.string() })),
});
export type MarketProfile = z.output<typeof MarketProfileSchema>;

export const marketRequests = {
  'market.profile': {
    params: z
      .object({
        symbol: z.string().min(1),
        kind: ProfileKindSchema,
        /** For kind 'range': bars opening in [fromTs, toTs). */
        fromTs: z.number().int().optional(),
        toTs: z.number().int().optional(),
      })
      .strict(),
    result: MarketProfileSchema,
  },
  /**
   * Bars of a higher timeframe from the store's 1m bars, opening before `toTs` (the session's
   * first minute), newest last, at most `limit`. A bar cut by `toTs` holds only its part before it.
   */
  'market.history': {
    params: z
      .object({
        symbol: z.string().min(1),
        timeframe: z.enum(['5m', '15m', '1h', '4h', '1d']),
        toTs: z.number().int(),
        limit: z.number().int().positive().max(2_000),
      })
      .strict(),
    result: z.object({ bars: z.array(BarSchema), note: z.string() }),
  },
} as const satisfies RequestMap;

export const marketEvents = {} as const satisfies EventMap;
