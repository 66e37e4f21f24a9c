// Parameters of seed 004's Value Area Breakout and Auction Reversion. The seed (a README of a
// MES bot) names the rules but gives almost no numbers: each default below says where it came from.

import { z } from 'zod';

export const Seed004SessionSchema = z.enum(['ASIA', 'LONDON', 'NY_AM', 'NY_PM']);
/** Seed 004's table runs both strategies in "NY / LDN": London, NY AM and NY PM. */
const NY_AND_LONDON = ['LONDON', 'NY_AM', 'NY_PM'] as const;

/** Shared by both: sessions, and the 1m Wilder ATR that scales stops (period: our choice, seed 000's 14). */
const common = {
  sessions: z.array(Seed004SessionSchema).default([...NY_AND_LONDON]),
  atr_period: z.number().int().positive().default(14),
};

export const ValueAreaBreakoutParamsSchema = z
  .object({
    ...common,
    /** "Acceptance beyond VAH/VAL for multiple bars": consecutive 1m closes outside (seed 003's k = 3). */
    accept_bars: z.number().int().positive().default(3),
    /** Stop back inside value: VAH − this many ATR for a long (our choice; the seed's SL/TP tables are not given). */
    stop_buffer_atr: z.number().nonnegative().default(0.5),
    /** Target at this many R: the seed's NORMAL_TREND bracket ratio, TP 2.75 / SL 2.25. */
    target_r: z.number().positive().default(2.75 / 2.25),
  })
  .strict();

export const AuctionReversionParamsSchema = z
  .object({
    ...common,
    /** "When ER is low (rotational regime)": Kaufman efficiency ratio over 20 1m closes at most 0.3 (our numbers). */
    er_window: z.number().int().positive().default(20),
    er_max: z.number().min(0).max(1).default(0.3),
    /** "Skips high-vol regimes": ATR above 1.5 x the mean true range of the last 240 minutes (our numbers). */
    vol_baseline_minutes: z.number().int().positive().default(240),
    high_vol_ratio: z.number().positive().default(1.5),
    /** "Requires minimum range": value area at least 4 ATR wide, room to rotate to the POC (our numbers). */
    min_range_atr: z.number().nonnegative().default(4),
    /** Stop beyond the rejected extreme by this many ATR (our choice). */
    stop_buffer_atr: z.number().nonnegative().default(0.5),
    /** Room to target: reward to the POC at least this many R (the seed's room-to-target check, value ours). */
    min_reward_risk: z.number().nonnegative().default(1),
  })
  .strict();

export type ValueAreaBreakoutParams = z.output<typeof ValueAreaBreakoutParamsSchema>;
export type AuctionReversionParams = z.output<typeof AuctionReversionParamsSchema>;
