// Parameters of seed 002's Trend Model and Mean Reversion setups. The seed gives the market-state,
// LVN-alert and aggression numbers; stops, targets and the score a setup needs are left open and
// marked as our choice.

import { z } from 'zod';

const SessionSchema = z.enum(['ASIA', 'LONDON', 'NY_AM', 'NY_PM']);

/** What both setups read: seed 002 Components 1-3. */
const common = {
  /** Component 1: momentum over 20 bars, balance within 1% of the POC, imbalance beyond ±0.5%. */
  momentum_lookback: z.number().int().positive().default(20),
  max_poc_distance_pct: z.number().nonnegative().default(1.0),
  momentum_threshold_pct: z.number().nonnegative().default(0.5),
  /** Component 2: an LVN alert within 0.5% of price. */
  lvn_proximity_pct: z.number().nonnegative().default(0.5),
  /** LVNs of a leg's profile: volume <= 25% of its top bin (seed 000's rule; seed 002 gives none). */
  lvn_threshold: z.number().gt(0).lt(1).default(0.25),
  /** Component 3: 5-minute CVD window, 60-minute volume baseline, spike > 2x, |CVD momentum| > 1000, buy pressure > 70%. */
  aggression_lookback_minutes: z.number().int().min(2).default(5),
  aggression_average_minutes: z.number().int().positive().default(60),
  volume_spike_ratio: z.number().positive().default(2.0),
  /** In the seed's share units: scale it to the instrument's contracts (a few BTC per minute on BTCUSDT). */
  cvd_momentum_threshold: z.number().nonnegative().default(1000),
  buy_pressure_threshold: z.number().min(0).max(100).default(70),
  /** The seed scores pressure for buyers only (a SELL tops out at 70); true scores sellers too. */
  symmetric_pressure: z.boolean().default(false),
  /** Score a setup needs, in its direction (our choice: 70, so CVD momentum must be part of it). */
  min_aggression_score: z.number().min(0).max(100).default(70),
  /** Stop beyond the structure by this many ticks (our choice, seed 003's buffer). */
  stop_buffer_ticks: z.number().int().nonnegative().default(2),
  /** The seed's success metric "average R:R > 1.5:1", applied to each entry (our choice). */
  min_reward_risk: z.number().nonnegative().default(1.5),
};

export const TrendModelParamsSchema = z
  .object({
    ...common,
    /** Seed 002's session indicator recommends the Trend Model for New York. */
    sessions: z.array(SessionSchema).default(['NY_AM', 'NY_PM']),
    /** Bars before the breakout searched for the leg's origin (core/auction/impulse default). */
    origin_lookback: z.number().int().positive().default(5),
  })
  .strict();

export const MeanReversionParamsSchema = z
  .object({
    ...common,
    /** The seed recommends no session for it: all four by default. */
    sessions: z.array(SessionSchema).default(['ASIA', 'LONDON', 'NY_AM', 'NY_PM']),
    /** A breakout fails if price closes back inside value within this many minutes (seed 003's lookback). */
    fail_window_minutes: z.number().int().positive().default(15),
    /** After the reclaim, the pullback entry must come within this many minutes (our choice). */
    setup_window_minutes: z.number().int().positive().default(60),
  })
  .strict();

export type TrendModelParams = z.output<typeof TrendModelParamsSchema>;
export type MeanReversionParams = z.output<typeof MeanReversionParamsSchema>;
