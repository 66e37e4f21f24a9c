// The stale-data guard in the one engine: a live driver supplies the data's age at each decision;
// a backtest supplies none and is judged as always fresh, whatever gaps its data has.

import { describe, expect, it } from 'vitest';
import { DEFAULT_BROKER_CONFIG } from '../../../core/broker/config';
import { Engine, type DecisionReport, type EngineOptions } from '../../../core/engine/engine';
import { DEFAULT_FEATURE_CONFIG } from '../../../core/features/config';
import type { Quote, Trade } from '../../../core/market/events';
import { BTCUSDT_PERP } from '../../../core/market/instrument';
import { buildDefense, DefenseConfigSchema } from '../../../core/strategy/defense/config';
import type { Intent, Strategy } from '../../../core/strategy/types';

const T0 = Date.UTC(2026, 0, 5, 14, 0);

/** Proposes a long at every minute close. */
const alwaysLong: Strategy = {
  onMinute: (ctx): Intent[] => [{ kind: 'enter', side: 'long', stop: ctx.bar.close - 500, targets: [{ price: ctx.bar.close + 500, share: 1 }], tag: 'L', reason: 'TEST' }],
};

function options(overrides: Partial<EngineOptions>): EngineOptions {
  return {
    instrument: BTCUSDT_PERP,
    strategy: alwaysLong,
    historyMinutes: 5,
    features: DEFAULT_FEATURE_CONFIG,
    defense: buildDefense(DefenseConfigSchema.parse({ cooldown_minutes: 0, stale_data_ms: 10_000 })),
    risk: { sizing: { kind: 'fixed', contracts: 1 }, minRewardRisk: null },
    broker: { ...DEFAULT_BROKER_CONFIG, funding: { kind: 'none' } },
    maxHoldMinutes: 60,
    ...overrides,
  };
}

/** One minute of quotes and trades, then the first quote of the next minute closes it. */
function playMinute(engine: Engine): void {
  for (let s = 0; s < 60; s += 5) {
    const q: Quote = { ts: T0 + s * 1000, bidPrice: 650_000, bidSize: 1, askPrice: 650_001, askSize: 1 };
    const t: Trade = { ts: T0 + s * 1000 + 1, price: 650_001, size: 0.1, side: 1 };
    engine.onQuote(q);
    engine.onTrade(t);
  }
  engine.onQuote({ ts: T0 + 60_000, bidPrice: 650_000, bidSize: 1, askPrice: 650_001, askSize: 1 });
}

function decide(ageMs: number | null): DecisionReport {
  const decisions: DecisionReport[] = [];
  const engine = new Engine(options({ ...(ageMs === null ? {} : { dataAgeMs: () => ageMs }), onDecision: (d) => decisions.push(d) }));
  playMinute(engine);
  expect(decisions).toHaveLength(1);
  return decisions[0]!;
}

describe('engine data age (stale-data guard)', () => {
  it('refuses the candidate with STALE_DATA when the driver reports data older than stale_data_ms', () => {
    const d = decide(10_001);
    expect(d.candidates).toEqual([expect.objectContaining({ side: 'long', accepted: false, reasonCode: 'STALE_DATA', guard: 'stale-data' })]);
    expect(d.signal).toMatchObject({ chosenAction: 'HOLD', reasonCode: 'STALE_DATA' });
  });

  it('takes it at exactly the limit (the guard refuses only beyond it)', () => {
    const d = decide(10_000);
    expect(d.candidates).toEqual([expect.objectContaining({ accepted: true, reasonCode: 'OK' })]);
    expect(d.signal.chosenAction).toBe('ENTER_LONG');
  });

  it('judges a backtest (no age supplied) as fresh, and asks the driver at the decision time', () => {
    expect(decide(null).candidates[0]).toMatchObject({ accepted: true });
    const asked: number[] = [];
    const engine = new Engine(options({ dataAgeMs: (ts) => (asked.push(ts), 0) }));
    playMinute(engine);
    expect(asked).toEqual([T0 + 59_999]);
  });
});
