// Parameters of seed 000's AMT trend continuation (Jesse, BTC-USDT perpetual, 15m route) with the
// seed's defaults; the values the seed leaves open are marked as our choice.

import { z } from 'zod';

/**
 * Where the second take-profit sits. The seed targets the prior balance POC, but its imbalance
 * rule puts that POC more than 2.5 ATR BEHIND the entry (a long needs close − POC > 2.5 ATR), so
 * the seed's target is never in the trade's direction and 'prior-poc' refuses every entry (the
 * refusal is recorded in the signals). 'impulse-extreme' (our choice) targets the far end of the
 * impulse window instead: the high of the last `impulse_candles` candles for a long.
 */
export const Seed000TargetModeSchema = z.enum(['prior-poc', 'impulse-extreme']);

export const Seed000ParamsSchema = z
  .object({
    /** The seed's Jesse route timeframe: candles aggregated from 1m bars. */
    timeframe_minutes: z.number().int().positive().default(15),
    atr_period: z.number().int().positive().default(14),
    /** Candles the ATR is computed over; the seed leaves it to Jesse, whose warm-up slice is 240. */
    atr_candles: z.number().int().positive().default(240),
    /** Prior balance profile: candles[-100:-50], 40 bins. */
    prior_balance_from: z.number().int().positive().default(100),
    prior_balance_to: z.number().int().nonnegative().default(50),
    prior_balance_bins: z.number().int().positive().default(40),
    /** Impulse profile: candles[-30:], 30 bins, LVN where volume <= 20% of the max bin. */
    impulse_candles: z.number().int().positive().default(30),
    impulse_bins: z.number().int().positive().default(30),
    lvn_threshold: z.number().gt(0).lt(1).default(0.2),
    /** Imbalance: close beyond the prior POC by 2.5 ATR, 3 of 5 candles directional, range x1.4 vs candles[-15:-10]. */
    displacement_atr: z.number().positive().default(2.5),
    recent_candles: z.number().int().positive().default(5),
    min_directional_candles: z.number().int().positive().default(3),
    range_expansion: z.number().positive().default(1.4),
    prior_range_lag: z.number().int().nonnegative().default(10),
    /** At the LVN: |close − LVN| <= 0.5 ATR. */
    lvn_tolerance_atr: z.number().nonnegative().default(0.5),
    /** Rejection candle: wick against the move > 2 x body. */
    rejection_wick_body: z.number().positive().default(2),
    /** Volume spike: volume > 1.3 x the mean of candles[-10:-1] (the 9 before the current). */
    volume_spike: z.number().positive().default(1.3),
    volume_lookback: z.number().int().positive().default(9),
    /** Stop beyond the LVN by 0.75 ATR. */
    stop_atr: z.number().nonnegative().default(0.75),
    target_mode: Seed000TargetModeSchema.default('prior-poc'),
    /** First take-profit: this fraction of the way to the target, closing `tp1_share` of the position. */
    tp1_fraction: z.number().gt(0).lt(1).default(0.5),
    tp1_share: z.number().gt(0).lt(1).default(0.5),
    /** filter_min_risk_reward: share-weighted reward >= 2 x risk. */
    min_reward_risk: z.number().nonnegative().default(2),
    /** filter_ny_session: 13:00-21:00 UTC. */
    ny_session_only: z.boolean().default(true),
    /** update_position: break-even + 0.1 ATR once 1.5 ATR in profit. */
    breakeven_trigger_atr: z.number().positive().default(1.5),
    breakeven_lock_atr: z.number().default(0.1),
    /** on_reduced_position: entry + 0.25 ATR after the first take-profit. */
    after_tp1_lock_atr: z.number().default(0.25),
  })
  .strict()
  .refine((p) => p.prior_balance_from > p.prior_balance_to, { message: 'prior_balance_from must exceed prior_balance_to', path: ['prior_balance_from'] });

export type Seed000Params = z.output<typeof Seed000ParamsSchema>;
