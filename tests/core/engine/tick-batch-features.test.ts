// The tick driver's batch path feeds the feature stream only the quotes it can see (the last of a
// run of quotes before a trade or a minute close) and calls the broker only outside its quiet
// band: each minute's bar (its close quote included) and feature row must still be those of the
// engine fed every event one by one.

import { describe, expect, it } from 'vitest';
import { DEFAULT_BROKER_CONFIG } from '../../../core/broker/config';
import { Engine, type DecisionReport, type EngineOptions } from '../../../core/engine/engine';
import { runTickBacktest } from '../../../core/engine/tick-backtest';
import { FeatureConfigSchema } from '../../../core/features/config';
import { BTCUSDT_PERP } from '../../../core/market/instrument';
import { buildDefense, DefenseConfigSchema } from '../../../core/strategy/defense/config';
import { Seed003ParamsSchema } from '../../../core/strategy/seed003/params';
import { seed003ValueAreaSetups } from '../../../core/strategy/seed003/value-area-setups';
import { simulateColumns } from '../../../native/feeds/sim/sim-columns';

const { trades, quotes } = simulateColumns(BTCUSDT_PERP, 300_000, { keepQuotes: true, overrides: { seed: 11 } });

function options(seen: DecisionReport[]): EngineOptions {
  return {
    instrument: BTCUSDT_PERP,
    strategy: seed003ValueAreaSetups.create(Seed003ParamsSchema.parse({ accept_outside_k: 1 })),
    historyMinutes: 30,
    features: FeatureConfigSchema.parse({}),
    defense: buildDefense(DefenseConfigSchema.parse({ cooldown_minutes: 0 })),
    risk: { sizing: { kind: 'fixed', contracts: 1 }, minRewardRisk: null },
    broker: { ...DEFAULT_BROKER_CONFIG, funding: { kind: 'flat', ratePer8h: 0.0001 } },
    maxHoldMinutes: 60,
    onDecision: (d) => seen.push(d),
  };
}

describe('tick backtest batch path, minute by minute', () => {
  it('builds the same bars and feature rows as the engine fed every event', () => {
    const reference: DecisionReport[] = [];
    const engine = new Engine(options(reference));
    let i = 0;
    let j = 0;
    while (i < trades.length || j < quotes!.length) {
      const tradeTs = i < trades.length ? trades.ts[i]! : Infinity;
      const quoteTs = j < quotes!.length ? quotes!.ts[j]! : Infinity;
      if (quoteTs <= tradeTs) {
        engine.onQuote({ ts: quoteTs, bidPrice: quotes!.bidPrice[j]!, bidSize: quotes!.bidSize[j]!, askPrice: quotes!.askPrice[j]!, askSize: quotes!.askSize[j]! });
        j++;
      } else {
        engine.onTrade({ ts: tradeTs, price: trades.price[i]!, size: trades.size[i]!, side: trades.side[i]! as -1 | 0 | 1 });
        i++;
      }
    }
    const last = Math.max(trades.ts[trades.length - 1]!, quotes!.ts[quotes!.length - 1]!);
    engine.finish(last - (last % 60_000) + 60_000);
    const batch: DecisionReport[] = [];
    runTickBacktest({ trades, quotes: quotes! }, options(batch));
    // Several quotes a trade, so most quotes are left out of the features in the batch path.
    expect(quotes!.length).toBeGreaterThan(2 * trades.length);
    expect(reference.length).toBeGreaterThan(90);
    expect(reference.some((d) => d.candidates.some((c) => c.accepted))).toBe(true);
    expect(batch.map((d) => [d.decisionTs, d.bar, d.features])).toEqual(reference.map((d) => [d.decisionTs, d.bar, d.features]));
  });
});
