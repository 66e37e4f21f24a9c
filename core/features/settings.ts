// The seed 003 keys of a FeatureConfig turned into the settings of the components that compute
// the features: one translation for the bulk, streaming and bar-mode feature paths.

import type { MinuteFlowConfig } from '../flow/minute-flow';
import type { RollingProfileConfig } from '../profile/config';
import type { FeatureConfig } from './config';

export function rollingProfileSettings(config: FeatureConfig): RollingProfileConfig {
  return {
    rollingWindowMinutes: config.rolling_window_minutes,
    vaFraction: config.va_fraction,
    baseBinTicks: config.base_bin_ticks,
    alphaBin: config.alpha_bin,
    binWidthMaxTicks: config.bin_width_max_ticks,
    rebucketIntervalMinutes: config.rebucket_interval_minutes,
    rebucketChangePct: config.rebucket_change_pct,
  };
}

export function minuteFlowSettings(config: FeatureConfig): Partial<MinuteFlowConfig> {
  return {
    sideInference: { maxQuoteStalenessMs: config.max_quote_staleness_ms, tickRuleFallback: config.use_tick_rule_fallback },
    signSource: config.of_sign_source,
    qimbEmaSpan: config.qimb_ema_span,
  };
}
