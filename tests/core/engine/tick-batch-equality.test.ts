// The tick driver's batch path (Engine.onTicks: numbers instead of event objects, the idle broker
// told only the last event before each decision) against the engine fed one event object at a
// time: the same trades, signals, equity and broker journal, whole or cut into hour chunks.

import { describe, expect, it } from 'vitest';
import { DEFAULT_BROKER_CONFIG } from '../../../core/broker/config';
import { Engine, type EngineOptions } from '../../../core/engine/engine';
import { runTickBacktest, runTickBacktestChunks, type TickData } from '../../../core/engine/tick-backtest';
import { FeatureConfigSchema } from '../../../core/features/config';
import type { QuoteColumns, TradeColumns } from '../../../core/market/columns';
import { BTCUSDT_PERP } from '../../../core/market/instrument';
import { buildDefense, DefenseConfigSchema } from '../../../core/strategy/defense/config';
import { Seed003ParamsSchema } from '../../../core/strategy/seed003/params';
import { seed003ValueAreaSetups } from '../../../core/strategy/seed003/value-area-setups';
import { simulateColumns } from '../../../native/feeds/sim/sim-columns';

const { trades, quotes } = simulateColumns(BTCUSDT_PERP, 400_000, { keepQuotes: true, overrides: { seed: 7 } });
const start = Math.min(trades.ts[0]!, quotes!.ts[0]!);
// Funding every 7 minutes: charged on open positions, while the idle broker's skips must move the
// schedule's cursor past the events that fell due while it was flat.
const fundingEvents = Array.from({ length: 2_000 }, (_, k) => ({ ts: start + 30_000 + k * 7 * 60_000, rate: 0.0001 }));

const options = (): EngineOptions => ({
  instrument: BTCUSDT_PERP,
  // Breakouts after one close outside value: many entries, so the broker is often busy.
  strategy: seed003ValueAreaSetups.create(Seed003ParamsSchema.parse({ accept_outside_k: 1 })),
  historyMinutes: 30,
  features: FeatureConfigSchema.parse({}),
  defense: buildDefense(DefenseConfigSchema.parse({ cooldown_minutes: 0 })),
  risk: { sizing: { kind: 'fixed', contracts: 1 }, minRewardRisk: null },
  broker: { ...DEFAULT_BROKER_CONFIG, funding: { kind: 'schedule', events: fundingEvents } },
  maxHoldMinutes: 60,
});

/** The reference: one event object at a time, the quote first on equal times. */
function oneByOne(t: TradeColumns, q: QuoteColumns): Engine {
  const engine = new Engine(options());
  let i = 0;
  let j = 0;
  while (i < t.length || j < q.length) {
    const tradeTs = i < t.length ? t.ts[i]! : Infinity;
    const quoteTs = j < q.length ? q.ts[j]! : Infinity;
    if (quoteTs <= tradeTs) {
      engine.onQuote({ ts: quoteTs, bidPrice: q.bidPrice[j]!, bidSize: q.bidSize[j]!, askPrice: q.askPrice[j]!, askSize: q.askSize[j]! });
      j++;
    } else {
      engine.onTrade({ ts: tradeTs, price: t.price[i]!, size: t.size[i]!, side: t.side[i]! as -1 | 0 | 1 });
      i++;
    }
  }
  const last = Math.max(t.ts[t.length - 1]!, q.ts[q.length - 1]!);
  engine.finish(last - (last % 60_000) + 60_000);
  return engine;
}

function hourChunks(t: TradeColumns, q: QuoteColumns): TickData[] {
  const cut = <C extends { length: number; ts: Float64Array }>(c: C, from: number, to: number): C => {
    let a = 0;
    while (a < c.length && c.ts[a]! < from) a++;
    let b = a;
    while (b < c.length && c.ts[b]! < to) b++;
    return Object.fromEntries(Object.entries(c).map(([k, v]) => [k, ArrayBuffer.isView(v) ? (v as Float64Array).subarray(a, b) : b - a])) as C;
  };
  const first = Math.floor(Math.min(t.ts[0]!, q.ts[0]!) / 3_600_000) * 3_600_000;
  const end = Math.max(t.ts[t.length - 1]!, q.ts[q.length - 1]!);
  const out: TickData[] = [];
  for (let h = first; h <= end; h += 3_600_000) out.push({ trades: cut(t, h, h + 3_600_000), quotes: cut(q, h, h + 3_600_000) });
  return out;
}

describe('tick backtest batch path', () => {
  it('equals the engine fed event by event, whole and in hour chunks', () => {
    const reference = oneByOne(trades, quotes!);
    const fills = reference.events().filter((e) => e.type === 'order-filled');
    // A run that trades, pays funding while holding, and spans several hours.
    expect(reference.trades().length).toBeGreaterThan(5);
    expect(reference.events().some((e) => e.type === 'funding-applied')).toBe(true);
    expect(fills.length).toBeGreaterThan(10);
    for (const engine of [runTickBacktest({ trades, quotes: quotes! }, options()), runTickBacktestChunks(hourChunks(trades, quotes!), options())]) {
      expect(engine.trades()).toEqual(reference.trades());
      expect(engine.signals()).toEqual(reference.signals());
      expect(engine.equity()).toEqual(reference.equity());
      expect(engine.events()).toEqual(reference.events());
      expect(engine.broker.snapshot()).toEqual(reference.broker.snapshot());
    }
  });
});
