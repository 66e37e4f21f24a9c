// One backtest or paper run's settings. A config file is flat, in seed 003 §10's own YAML keys:
// feature keys, execution keys and the strategy's parameters side by side; each part takes the
// keys it knows, and a key nobody knows is an error (a typo must not pass silently).

import { z } from 'zod';
import { brokerConfigFrom, ExecutionConfigSchema } from '../broker/config';
import type { FundingEvent } from '../broker/types';
import { FeatureConfigSchema } from '../features/config';
import type { Instrument } from '../market/instrument';
import { TIMEFRAME_MS, type Timeframe } from '../market/timeframes';
import { buildDefense, DefenseConfigSchema } from '../strategy/defense/config';
import type { StrategyDefinition } from '../strategy/types';
import type { EngineOptions } from './engine';

export const SizingSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('fixed'), contracts: z.number().positive() }),
  z.object({
    kind: z.literal('risk-percent'),
    riskPercent: z.number().positive().max(100),
    maxNotional: z.number().positive().nullable().default(null),
    maxNotionalPercent: z.number().positive().nullable().default(null),
    feeBps: z.number().nonnegative().default(0),
  }),
]);

export const RunSettingsSchema = z
  .object({
    /** Time stop, seed 003 §7.2 (null: none). */
    max_hold_minutes: z.number().positive().nullable().default(60),
    /** Seed 003 trades 1 contract; seed 000 sizes by risk percent. */
    sizing: SizingSchema.default({ kind: 'fixed', contracts: 1 }),
    /** Reward-to-risk floor of the risk gate (seed 000: 2); null: no floor. */
    risk_min_reward_risk: z.number().positive().nullable().default(null),
    defense: DefenseConfigSchema.default(DefenseConfigSchema.parse({})),
  })
  .passthrough();

function knownKeys(schema: z.ZodType): Set<string> {
  const shape = (schema as unknown as { shape?: Record<string, unknown> }).shape;
  return new Set(shape ? Object.keys(shape) : []);
}

export class RunConfigError extends Error {}

export interface ResolvedRun {
  readonly options: EngineOptions;
  readonly params: Record<string, unknown>;
  readonly settings: Record<string, unknown>;
}

/**
 * Splits a flat settings object among features, execution, run settings and the strategy's
 * parameters; throws RunConfigError naming any key no part knows, or any bad value.
 */
export function resolveRun(
  definition: StrategyDefinition,
  raw: Record<string, unknown>,
  instrument: Instrument,
  mode: 'bars' | 'ticks',
  fundingEvents: readonly FundingEvent[] = [],
  /** Bar mode: the bars' timeframe (klines of 15m run on 15m bars). */
  barTimeframe: Timeframe = '1m',
): ResolvedRun {
  const allowed = definition.barTimeframes ?? ['1m'];
  if (mode === 'bars' && !allowed.includes(barTimeframe)) {
    throw new RunConfigError(
      `${definition.id} runs on ${allowed.join(', ')} bars, not ${barTimeframe}${definition.needsOneMinuteBecause ? `: ${definition.needsOneMinuteBecause}` : ''}`,
    );
  }
  const paramKeys = knownKeys(definition.params);
  const featureKeys = knownKeys(FeatureConfigSchema);
  const executionKeys = knownKeys(ExecutionConfigSchema);
  const runKeys = knownKeys(RunSettingsSchema);
  const unknown = Object.keys(raw).filter((k) => !paramKeys.has(k) && !featureKeys.has(k) && !executionKeys.has(k) && !runKeys.has(k));
  if (unknown.length > 0) throw new RunConfigError(`unknown setting${unknown.length > 1 ? 's' : ''}: ${unknown.join(', ')}`);
  const pick = (keys: Set<string>): Record<string, unknown> => Object.fromEntries(Object.entries(raw).filter(([k]) => keys.has(k)));
  const parse = <S extends z.ZodType>(schema: S, value: unknown, what: string): z.output<S> => {
    const r = schema.safeParse(value);
    if (!r.success) {
      const issue = r.error.issues[0];
      throw new RunConfigError(`${what}: ${(issue?.path ?? []).join('.') || '(root)'}: ${issue?.message ?? 'invalid'}`);
    }
    return r.data;
  };
  const params = parse(definition.params, pick(paramKeys), `${definition.id} parameters`) as Record<string, unknown>;
  const features = parse(FeatureConfigSchema, pick(featureKeys), 'feature settings');
  const execution = parse(ExecutionConfigSchema, pick(executionKeys), 'execution settings');
  const settings = parse(RunSettingsSchema, pick(runKeys), 'run settings');
  return {
    params,
    settings: { ...settings, ...execution },
    options: {
      instrument,
      strategy: definition.create(params),
      historyMinutes: definition.historyMinutes,
      features,
      defense: buildDefense(settings.defense),
      risk: { sizing: settings.sizing, minRewardRisk: settings.risk_min_reward_risk },
      broker: brokerConfigFrom(execution, mode === 'bars' ? 'bar' : 'tick', fundingEvents, TIMEFRAME_MS[barTimeframe]),
      maxHoldMinutes: settings.max_hold_minutes,
    },
  };
}
