// Parameters of the seed 003 setups (§6, §10) with the seed's defaults.

import { z } from 'zod';

/** How order flow and quote imbalance confirm a trigger: the seed says "and/or". */
export const ConfirmModeSchema = z.enum(['either', 'both', 'of', 'qimb']);

export const Seed003ParamsSchema = z
  .object({
    enable_breakin: z.boolean().default(true),
    enable_breakout: z.boolean().default(true),
    enable_failbreak: z.boolean().default(true),
    use_qimb: z.boolean().default(true),
    confirm: ConfirmModeSchema.default('either'),
    of_entry_min: z.number().default(0),
    qimb_entry_min: z.number().default(0.1),
    of_breakout_min: z.number().default(0),
    qimb_breakout_min: z.number().default(0.1),
    of_fail_min: z.number().default(0),
    qimb_fail_min: z.number().default(-0.1),
    accept_outside_k: z.number().int().positive().default(3),
    stop_buffer_ticks: z.number().int().nonnegative().default(2),
    /** Setup B: wait for a pullback to VAH/VAL before entering (seed 003 §6.4 toggle). */
    breakout_retest: z.boolean().default(false),
    retest_window_minutes: z.number().int().positive().default(10),
    retest_buffer_ticks: z.number().int().nonnegative().default(2),
    /** Setup B has no target in the seed: the first at this many R, the second at the VA width projected. */
    breakout_tp1_r: z.number().positive().default(1.5),
    /** Setup C: a failed breakout needs a close outside value within this many minutes. */
    failbreak_lookback_minutes: z.number().int().positive().default(15),
  })
  .strict();

export type Seed003Params = z.output<typeof Seed003ParamsSchema>;
