import { afterEach, describe, expect, it, vi } from 'vitest';
import { DEFAULT_BROKER_CONFIG } from '../../../../core/broker/config';
import { Engine, type EngineOptions } from '../../../../core/engine/engine';
import { runTickBacktest } from '../../../../core/engine/tick-backtest';
import { FeatureConfigSchema } from '../../../../core/features/config';
import type { MarketEvent } from '../../../../core/market/events';
import { BTCUSDT_PERP } from '../../../../core/market/instrument';
import { buildDefense, DefenseConfigSchema } from '../../../../core/strategy/defense/config';
import { Seed003ParamsSchema } from '../../../../core/strategy/seed003/params';
import { seed003ValueAreaSetups } from '../../../../core/strategy/seed003/value-area-setups';
import { ReplayFeed } from '../../../../native/feeds/replay/replay-feed';
import { simulateColumns } from '../../../../native/feeds/sim/sim-columns';

afterEach(() => vi.useRealTimers());

const data = simulateColumns(BTCUSDT_PERP, 60_000, { keepQuotes: true, overrides: { seed: 9 } });
const trades = data.trades;
const quotes = data.quotes!;
const FROM = trades.ts[0] as number;
const TO = (trades.ts[trades.length - 1] as number) + 1;

function feedWith(now: () => number, collected: MarketEvent[]): ReplayFeed {
  const feed = new ReplayFeed({ instrument: BTCUSDT_PERP, trades, quotes, fromTs: FROM, toTs: TO, now, pollMs: 1_000_000 });
  feed.start({ onEvents: (events) => { for (const e of events) collected.push(e); }, onState: () => {} });
  return feed;
}

const tsOf = (e: MarketEvent): number => (e.kind === 'trade' ? e.trade.ts : e.quote.ts);

describe('ReplayFeed', () => {
  it('releases nothing until played, then exactly the events up to the replay clock', () => {
    let wall = 0;
    const events: MarketEvent[] = [];
    const feed = feedWith(() => wall, events);
    expect(events.filter((e) => tsOf(e) > FROM)).toEqual([]);
    feed.setSpeed(60);
    feed.play();
    wall = 1_000; // one wall second at 60x: one market minute
    feed.pause();
    const limit = FROM + 60_000;
    expect(events.every((e) => tsOf(e) <= limit)).toBe(true);
    const expected = [...trades.ts].filter((t) => t <= limit).length;
    expect(events.filter((e) => e.kind === 'trade')).toHaveLength(expected);
    feed.stop();
  });

  it('steps a bar at a time and jumps forward, refusing to go back in the same session', () => {
    const wall = 0;
    const events: MarketEvent[] = [];
    const feed = feedWith(() => wall, events);
    const afterStep = feed.step().marketTs;
    expect(afterStep).toBe(Math.floor(FROM / 60_000) * 60_000 + 60_000);
    const target = afterStep + 10 * 60_000;
    const jumped = feed.jump(target);
    expect(jumped.backwards).toBe(false);
    expect(events.reduce((m, e) => Math.max(m, tsOf(e)), 0)).toBeLessThanOrEqual(target);
    expect(feed.jump(afterStep).backwards).toBe(true);
    feed.stop();
  });

  it('drives the engine to the same fills as a backtest of the same range (replay at full speed = backtest)', () => {
    const options = (): EngineOptions => ({
      instrument: BTCUSDT_PERP,
      strategy: seed003ValueAreaSetups.create(Seed003ParamsSchema.parse({ accept_outside_k: 1 })),
      historyMinutes: 30,
      features: FeatureConfigSchema.parse({}),
      defense: buildDefense(DefenseConfigSchema.parse({})),
      risk: { sizing: { kind: 'fixed', contracts: 1 }, minRewardRisk: null },
      broker: { ...DEFAULT_BROKER_CONFIG, funding: { kind: 'none' } },
      maxHoldMinutes: 60,
    });
    const backtest = runTickBacktest({ trades, quotes }, options());

    const engine = new Engine(options());
    let wall = 0;
    const feed = new ReplayFeed({ instrument: BTCUSDT_PERP, trades, quotes, fromTs: FROM, toTs: TO, now: () => wall, pollMs: 1_000_000 });
    feed.start({
      onEvents: (events) => {
        for (const e of events) {
          if (e.kind === 'trade') engine.onTrade(e.trade);
          else engine.onQuote(e.quote);
        }
      },
      onState: () => {},
    });
    feed.setSpeed(1000);
    feed.play();
    // Advance the wall clock in uneven slices, as timers do.
    while (!feed.state().finished) {
      wall += 37;
      feed.pause();
      feed.play();
    }
    feed.stop();
    engine.finish(TO - (TO % 60_000) + 60_000);
    const fills = (e: Engine) => e.events().flatMap((ev) => (ev.type === 'order-filled' ? [ev.fill] : []));
    expect(fills(backtest).length).toBeGreaterThan(0);
    expect(fills(engine)).toEqual(fills(backtest));
    expect(engine.trades()).toEqual(backtest.trades());
  });
});
