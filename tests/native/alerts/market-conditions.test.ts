// The watched market's conditions reach the trader with no strategy running: minutes of trades
// printed between bid and ask raise the ambiguous-flow alert from the host, once per episode;
// the same minutes replayed from history raise nothing.

import { describe, expect, it } from 'vitest';
import type { EventPayload } from '../../../core/api/contract';
import type { MarketEvent } from '../../../core/market/events';
import { scriptedHost } from '../../support/scripted-feed';

const T0 = Date.UTC(2026, 0, 5, 12, 0, 0);
const MIN = 60_000;
const quote = (ts: number): MarketEvent => ({ kind: 'quote', quote: { ts, bidPrice: 1_000, bidSize: 1, askPrice: 1_002, askSize: 1 } });
const trade = (ts: number, price: number, id: number): MarketEvent => ({ kind: 'trade', trade: { ts, price, size: 1, side: 1, id } });

/** Minute m: a quote, then four trades; `inside` of them print at 1,001, inside the spread. */
function minute(m: number, inside: number): MarketEvent[] {
  const t = T0 + m * MIN;
  const events: MarketEvent[] = [quote(t)];
  for (let k = 0; k < 4; k++) events.push(trade(t + 100 + k, k < inside ? 1_001 : 1_002, m * 10 + k));
  return events;
}

async function alertsFor(source: 'sim' | 'replay', minutes: number[]): Promise<string[]> {
  const { host, feed } = await scriptedHost();
  if (source === 'replay') await host.handlers['feed.connect']({ source: 'replay', fromTs: T0, toTs: T0 + 60 * MIN, speed: 1 });
  const alerts: string[] = [];
  host.subscribe((name, payload) => {
    if (name === 'alert') alerts.push((payload as EventPayload<'alert'>).title);
  });
  minutes.forEach((inside, m) => feed.push(...minute(m, inside)));
  await host.stop();
  return alerts;
}

describe('market condition alerts (no strategy running)', () => {
  it('ambiguous flow: fires when a closed minute has more than 35% of trades inside the spread, once per episode', async () => {
    // Minute 0: 2 of 4 inside (50%); minute 1: 3 of 4 (still the same episode); minute 2: 1 of 4
    // (25%, ends it); minute 3: 4 of 4 (a new episode); minute 4 only closes minute 3.
    expect(await alertsFor('sim', [2, 3, 1, 4, 0])).toEqual(['Ambiguous flow 50% > 35% (BTCUSDT)', 'Ambiguous flow 100% > 35% (BTCUSDT)']);
  });

  it('not when a quarter of the trades print inside the spread', async () => {
    expect(await alertsFor('sim', [1, 1, 0])).toEqual([]);
  });

  it('a replay raises none: history must not reach the desktop or Discord as if live', async () => {
    expect(await alertsFor('replay', [2, 3, 1, 4, 0])).toEqual([]);
  });
});
