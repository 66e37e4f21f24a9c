// Which guards run, and their settings: seed 003 §7 (cooldown 3 min, daily kill switch) and
// seed 004 (sessions, circuit breaker, directional loss blocker), each switchable.

import { z } from 'zod';
import {
  ambiguousFlowFilter,
  cooldown,
  dailyLossKillSwitch,
  directionalLossBlocker,
  maxConsecutiveLosses,
  minRewardRisk,
  sessionFilter,
  staleDataHalt,
  volatilityRegime,
} from './guards';
import { DefensePipeline } from './pipeline';
import type { Guard } from './types';

const SessionName = z.enum(['ASIA', 'LONDON', 'NY_AM', 'NY_PM']);

export const DefenseConfigSchema = z
  .object({
    sessions: z.array(SessionName).nullable().default(null),
    min_reward_risk: z.number().positive().nullable().default(null),
    sigma_min: z.number().nonnegative().nullable().default(null),
    sigma_max: z.number().positive().nullable().default(null),
    cooldown_minutes: z.number().nonnegative().default(3),
    max_daily_loss: z.number().positive().nullable().default(null),
    max_consecutive_losses: z.number().int().positive().nullable().default(null),
    loss_streak_pause_minutes: z.number().positive().default(60),
    directional_loss_count: z.number().int().positive().nullable().default(null),
    directional_pause_minutes: z.number().positive().default(120),
    stale_data_ms: z.number().positive().default(10_000),
    ambiguous_trade_frac_max: z.number().min(0).max(1).nullable().default(null),
  })
  .strict();

export type DefenseConfig = z.output<typeof DefenseConfigSchema>;

/** Guards in a fixed order: data and risk halts first, then market-state filters. */
export function buildDefense(config: DefenseConfig): DefensePipeline {
  const guards: Guard[] = [staleDataHalt(config.stale_data_ms)];
  if (config.max_daily_loss !== null) guards.push(dailyLossKillSwitch(config.max_daily_loss));
  if (config.max_consecutive_losses !== null) guards.push(maxConsecutiveLosses(config.max_consecutive_losses, config.loss_streak_pause_minutes));
  if (config.directional_loss_count !== null) guards.push(directionalLossBlocker(config.directional_loss_count, config.directional_pause_minutes));
  if (config.cooldown_minutes > 0) guards.push(cooldown(config.cooldown_minutes));
  if (config.sessions !== null) guards.push(sessionFilter(config.sessions));
  if (config.sigma_min !== null || config.sigma_max !== null) guards.push(volatilityRegime(config.sigma_min ?? 0, config.sigma_max ?? Infinity));
  if (config.ambiguous_trade_frac_max !== null) guards.push(ambiguousFlowFilter(config.ambiguous_trade_frac_max));
  if (config.min_reward_risk !== null) guards.push(minRewardRisk(config.min_reward_risk));
  return new DefensePipeline(guards);
}
