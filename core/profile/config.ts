// Profile and footprint settings with the seed defaults (seed 003 §10 for the rolling value area,
// FOOTPRINT.md for imbalances), validated with zod so a bad setting names its field.

import { z } from 'zod';

export const RollingProfileConfigSchema = z
  .object({
    /** Minutes in the rolling window (seed 003 rolling_window_minutes). */
    rollingWindowMinutes: z.number().int().positive().default(240),
    /** Share of volume inside the value area (va_fraction). */
    vaFraction: z.number().gt(0).max(1).default(0.7),
    /** Width of the base histogram bin in ticks (base_bin_ticks). */
    baseBinTicks: z.number().int().positive().default(1),
    /** bin_width_raw = alphaBin * mid * sigma_240 (alpha_bin). */
    alphaBin: z.number().nonnegative().default(0.25),
    /** Upper clamp of the volatility-scaled bin width, in ticks (bin_width_max_ticks). */
    binWidthMaxTicks: z.number().int().positive().default(200),
    /** A new bin width is also applied when the minute index is a multiple of this (0: never). */
    rebucketIntervalMinutes: z.number().int().nonnegative().default(15),
    /** A new bin width is applied when it differs from the current one by this fraction. */
    rebucketChangePct: z.number().nonnegative().default(0.25),
  })
  .strict();

export type RollingProfileConfig = z.infer<typeof RollingProfileConfigSchema>;

export const DEFAULT_ROLLING_PROFILE_CONFIG: RollingProfileConfig = RollingProfileConfigSchema.parse({});

/** Seed defaults with the given overrides; throws a ZodError naming any invalid field. */
export function rollingProfileConfig(overrides: Partial<RollingProfileConfig> = {}): RollingProfileConfig {
  return RollingProfileConfigSchema.parse(overrides);
}

export const FootprintConfigSchema = z
  .object({
    /** Bar duration; bars open on multiples of it in UTC (60 000 for 1m). */
    barMs: z.number().int().positive().default(60_000),
    /** Ticks grouped into one footprint level (1, or more for BTC where a tick is tiny). */
    levelTicks: z.number().int().positive().default(1),
    /**
     * Diagonal imbalance ratio. 3.0 rather than NinjaTrader's 1.5: at 1.5 most cells of a busy
     * BTC bar qualify and the highlights stop meaning anything; 3:1 is the commonly taught level.
     */
    imbalanceRatio: z.number().positive().default(3),
    /**
     * Minimum volume on the dominant side for an imbalance, so that 3 x 1 is not one. Its unit
     * is the instrument's size unit, so the neutral default is 0 (any non-zero cell); set it
     * per instrument.
     */
    imbalanceMinVolume: z.number().nonnegative().default(0),
    /** Consecutive same-side imbalanced levels that make a stacked imbalance zone. */
    stackedMinLevels: z.number().int().min(2).default(3),
  })
  .strict();

export type FootprintConfig = z.infer<typeof FootprintConfigSchema>;

export const DEFAULT_FOOTPRINT_CONFIG: FootprintConfig = FootprintConfigSchema.parse({});

export function footprintConfig(overrides: Partial<FootprintConfig> = {}): FootprintConfig {
  return FootprintConfigSchema.parse(overrides);
}
