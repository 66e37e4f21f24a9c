// The feature settings of seed 003 §10, under the seed's own YAML names, with its defaults.
// Keys the feature table does not use (setups, risk, execution) are allowed and ignored, so
// one config file serves features, backtests and paper trading.

import { z } from 'zod';

export const FeatureConfigSchema = z
  .object({
    instrument: z.string().default('BTCUSDT_PERP'),
    timeframe: z.literal('1m').default('1m'),
    rolling_window_minutes: z.number().int().positive().default(240),
    va_fraction: z.number().gt(0).max(1).default(0.7),
    base_bin_ticks: z.number().int().positive().default(1),
    alpha_bin: z.number().nonnegative().default(0.25),
    bin_width_max_ticks: z.number().int().positive().default(200),
    rebucket_interval_minutes: z.number().int().nonnegative().default(15),
    rebucket_change_pct: z.number().nonnegative().default(0.25),
    max_quote_staleness_ms: z.number().int().nonnegative().default(250),
    ambiguous_trade_frac_max: z.number().min(0).max(1).default(0.35),
    use_tick_rule_fallback: z.boolean().default(false),
    /** Whose trade sign OF uses: seed 003 infers it from the quote; exchanges also report it. */
    of_sign_source: z.enum(['inferred', 'exchange', 'exchange-else-inferred']).default('inferred'),
    qimb_ema_span: z.number().positive().default(5),
    bvc_lookback: z.number().int().min(2).default(240),
  })
  .passthrough();

export type FeatureConfig = z.output<typeof FeatureConfigSchema>;

export const DEFAULT_FEATURE_CONFIG: FeatureConfig = FeatureConfigSchema.parse({});
