import { describe, expect, it } from 'vitest';
import { DEFAULT_BROKER_CONFIG } from '../../../core/broker/config';
import { DEFAULT_FEATURE_CONFIG } from '../../../core/features/config';
import { Engine, type EngineOptions } from '../../../core/engine/engine';
import { runTickBacktest } from '../../../core/engine/tick-backtest';
import { quoteColumnsFrom, tradeColumnsFrom } from '../../../core/market/columns';
import type { Quote, Trade } from '../../../core/market/events';
import { BTCUSDT_PERP } from '../../../core/market/instrument';
import { buildDefense, DefenseConfigSchema } from '../../../core/strategy/defense/config';
import { Seed003ParamsSchema } from '../../../core/strategy/seed003/params';
import { seed003ValueAreaSetups } from '../../../core/strategy/seed003/value-area-setups';
import type { Intent, Strategy, StrategyContext } from '../../../core/strategy/types';
import { simulateColumns } from '../../../native/feeds/sim/sim-columns';

const T0 = Date.UTC(2026, 0, 5, 14, 0);
const S = 1_000;

/** Enters once, at the close of minute `at`, with the given bracket; records what it saw. */
class ScriptedStrategy implements Strategy {
  seen: StrategyContext[] = [];
  constructor(private readonly at: number, private readonly entry: Extract<Intent, { kind: 'enter' }>) {}
  onMinute(ctx: StrategyContext): readonly Intent[] {
    this.seen.push(ctx);
    return ctx.bar.ts === this.at ? [this.entry] : [];
  }
}

function options(strategy: Strategy, overrides: Partial<EngineOptions> = {}): EngineOptions {
  return {
    instrument: BTCUSDT_PERP,
    strategy,
    historyMinutes: 10,
    features: DEFAULT_FEATURE_CONFIG,
    defense: buildDefense(DefenseConfigSchema.parse({ cooldown_minutes: 0 })),
    risk: { sizing: { kind: 'fixed', contracts: 1 }, minRewardRisk: null },
    broker: { ...DEFAULT_BROKER_CONFIG, funding: { kind: 'none' } },
    maxHoldMinutes: 60,
    ...overrides,
  };
}

const q = (ts: number, bid: number): Quote => ({ ts, bidPrice: bid, bidSize: 1, askPrice: bid + 1, askSize: 1 });
const t = (ts: number, price: number, side: 1 | -1): Trade => ({ ts, price, size: 0.1, side });

/** A quiet market: a quote and a trade every 10 s around 650,000 ticks (65,000.0 USDT). */
function market(minutes: number, path: (minute: number) => number): { quotes: Quote[]; trades: Trade[] } {
  const quotes: Quote[] = [];
  const trades: Trade[] = [];
  for (let m = 0; m < minutes; m++) {
    for (let s = 0; s < 60; s += 10) {
      const bid = path(m);
      quotes.push(q(T0 + m * 60 * S + s * S, bid));
      trades.push(t(T0 + m * 60 * S + s * S + 5, bid + 1, 1));
    }
  }
  return { quotes, trades };
}

describe('Engine', () => {
  it('fills a market entry at the first quote after the minute closes: the ask plus one tick of slippage', () => {
    const strategy = new ScriptedStrategy(T0 + 2 * 60 * S, { kind: 'enter', side: 'long', stop: 649_900, targets: [{ price: 650_100, share: 1 }], tag: 'test', reason: 'TEST' });
    // Price 650,000 for 5 minutes, then up to 650,200 (through the target) from minute 5.
    const { quotes, trades } = market(8, (m) => (m < 5 ? 650_000 : 650_200));
    const engine = runTickBacktest({ trades: tradeColumnsFrom(trades), quotes: quoteColumnsFrom(quotes) }, options(strategy));
    const fills = engine.events().flatMap((e) => (e.type === 'order-filled' ? [e.fill] : []));
    // Decision at the end of minute 2 (T0 + 2:59.999); the first quote after it is T0 + 3:00 with ask 650,001.
    expect(fills[0]).toMatchObject({ role: 'entry', side: 'buy', qty: 1, ts: T0 + 3 * 60 * S, price: 650_002, decisionTs: T0 + 3 * 60 * S - 1 });
    // Fee: 65,000.2 x 1 x 5 bps = 32.5001.
    expect(fills[0]?.fee).toBeCloseTo(32.5001, 6);
    // Target: a resting sell limit at 650,100 fills as maker when the market trades through it.
    expect(fills[1]).toMatchObject({ role: 'target', side: 'sell', price: 650_100 });
    const [trade] = engine.trades();
    // Gross: (65,010.0 - 65,000.2) x 1 = 9.8; maker fee -1 bp: -6.501; net = 9.8 - (32.5001 - 6.501) = -16.1991.
    expect(trade?.grossPnl).toBeCloseTo(9.8, 6);
    expect(trade?.netPnl).toBeCloseTo(9.8 - (32.5001 - 6.501), 6);
    // Initial risk as planned at the decision: bar close 650,001 to the stop 649,900 = 101 ticks = 10.1.
    expect(trade?.initialRisk).toBeCloseTo((650_001 - 649_900) * 0.1, 6);
  });

  it('closes a position after max_hold_minutes (time stop) at the next quote, selling at the bid minus slippage', () => {
    const strategy = new ScriptedStrategy(T0, { kind: 'enter', side: 'long', stop: 640_000, targets: [{ price: 660_000, share: 1 }], tag: 'test', reason: 'TEST' });
    const { quotes, trades } = market(10, () => 650_000);
    const engine = runTickBacktest({ trades: tradeColumnsFrom(trades), quotes: quoteColumnsFrom(quotes) }, options(strategy, { maxHoldMinutes: 3 }));
    const fills = engine.events().flatMap((e) => (e.type === 'order-filled' ? [e.fill] : []));
    // Entry fills at T0+1:00; at the close of minute 3 (held 2:59.999) not yet; at the close of minute 4 (3:59.999) yes.
    expect(fills[1]).toMatchObject({ role: 'flatten', side: 'sell', ts: T0 + 5 * 60 * S, price: 649_999 });
    expect(engine.signals().find((s) => s.reasonCode === 'TIME_STOP')?.tsMin).toBe(T0 + 4 * 60 * S);
  });

  it('never fills an order at or before its decision time, and is deterministic', () => {
    const { trades, quotes } = simulateColumns(BTCUSDT_PERP, 200_000, { keepQuotes: true, overrides: { seed: 2 } });
    const run = () =>
      runTickBacktest({ trades, quotes: quotes! }, options(seed003ValueAreaSetups.create(Seed003ParamsSchema.parse({})), { historyMinutes: 30 }));
    const a = run();
    const b = run();
    const fills = a.events().flatMap((e) => (e.type === 'order-filled' ? [e.fill] : []));
    expect(fills.length).toBeGreaterThan(0);
    expect(fills.filter((f) => !(f.ts > f.decisionTs))).toEqual([]);
    expect(b.trades()).toEqual(a.trades());
    expect(b.signals()).toEqual(a.signals());
  });

  it('has no look-ahead: appending later data changes no earlier signal or closed trade', () => {
    const { trades, quotes } = simulateColumns(BTCUSDT_PERP, 200_000, { keepQuotes: true, overrides: { seed: 3 } });
    const make = () => options(seed003ValueAreaSetups.create(Seed003ParamsSchema.parse({})), { historyMinutes: 30 });
    const full = runTickBacktest({ trades, quotes: quotes! }, make());
    const cut = trades.ts[100_000] as number;
    const cutAt = cut - (cut % 60_000);
    const slice = <T extends { length: number; ts: Float64Array }>(c: T): T => {
      let n = 0;
      while (n < c.length && (c.ts[n] as number) < cutAt) n++;
      return Object.fromEntries(Object.entries(c).map(([k, v]) => [k, ArrayBuffer.isView(v) ? (v as Float64Array).subarray(0, n) : n])) as T;
    };
    const partial = runTickBacktest({ trades: slice(trades), quotes: slice(quotes!) }, make());
    const earlySignals = (e: Engine) => e.signals().filter((s) => s.tsMin < cutAt - 60_000);
    expect(earlySignals(partial)).toEqual(earlySignals(full));
    const earlyTrades = (e: Engine) => e.trades().filter((tr) => tr.exitTs < cutAt);
    expect(earlyTrades(partial)).toEqual(earlyTrades(full));
  });
});
