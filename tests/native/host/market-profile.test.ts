// The profile beside the chart as the host serves it (market.profile): the session in progress
// with its developing POC, a finished session's POC left naked until price trades through it,
// and the profile of a time range; values hand-computed from the trades fed.

import { describe, expect, it } from 'vitest';
import type { MarketEvent } from '../../../core/market/events';
import { MarketSession } from '../../../native/host/market-session';
import { ScriptedFeed } from '../../support/scripted-feed';

// January: New York is UTC-5, so NY_AM ends and NY_PM starts at 17:00 UTC.
const MIN = 60_000;
const PM = Date.UTC(2026, 0, 6, 17, 0);
const trade = (ts: number, price: number, size: number, side: 1 | -1): MarketEvent => ({ kind: 'trade', trade: { ts, price, size, side } });

function amMinutes(): MarketEvent[] {
  const events: MarketEvent[] = [];
  // 16:50-16:59 UTC: each minute 1.0 bought at 90000.0 and 0.5 sold at 90005.3.
  for (let m = 10; m >= 1; m--) events.push(trade(PM - m * MIN, 900_000, 1, 1), trade(PM - m * MIN + 1_000, 900_053, 0.5, -1));
  return events;
}

describe('market.profile from the market session', () => {
  it('serves the session profile with its value area, developing POC and the previous session\'s naked POC', () => {
    const feed = new ScriptedFeed();
    const session = new MarketSession(feed, () => Date.now());
    session.start();
    feed.push(...amMinutes());
    // NY_PM: 17:00-17:04 trade 100 USD higher, never back at 90000.
    for (let m = 0; m < 5; m++) feed.push(trade(PM + m * MIN, 901_000, 2, 1), trade(PM + m * MIN + 5_000, 901_020, 1, -1));
    const p = session.profileView({ kind: 'session' });
    expect(p.available).toBe(true);
    expect(p.note).toBe('NY_PM session');
    // Closed minutes 17:00-17:03 (17:04 is still open): 8 at 90100 and 4 at 90102, 1-USD bins.
    expect(p.binTicks).toBe(10);
    expect(p.firstBinPrice).toBe(901_000);
    expect(p.volumes).toEqual([8, 0, 4]);
    expect([p.poc, p.val, p.vah]).toEqual([901_000, 901_000, 901_020]);
    expect(p.developing).toEqual([0, 1, 2, 3].map((m) => ({ ts: PM + m * MIN, poc: 901_000 })));
    // NY_AM: 10 at 90000, 5 at 90005 -> its POC 90000.0 was never traded again.
    expect(p.naked).toEqual([{ poc: 900_000, binTicks: 10, fromTs: PM - MIN, name: 'NY_AM' }]);

    // Price comes back through 90000.0: the naked POC is gone once that minute closes.
    feed.push(trade(PM + 5 * MIN, 900_004, 1, -1), trade(PM + 6 * MIN, 900_100, 1, 1));
    expect(session.profileView({ kind: 'session' }).naked).toEqual([]);
    session.stop();
  });

  it('serves the profile of a time range from the footprints of its bars', () => {
    const feed = new ScriptedFeed();
    const session = new MarketSession(feed, () => Date.now());
    session.start();
    feed.push(...amMinutes(), trade(PM, 901_000, 2, 1));
    const p = session.profileView({ kind: 'range', fromTs: PM - 10 * MIN, toTs: PM });
    expect(p.firstBinPrice).toBe(900_000);
    expect(p.volumes).toEqual([10, 0, 0, 0, 0, 5]);
    expect([p.poc, p.val, p.vah]).toEqual([900_000, 900_000, 900_050]);
    expect([p.fromTs, p.toTs]).toEqual([PM - 10 * MIN, PM]);
    // Without a profile worker the rolling profile says so instead of inventing one.
    const rolling = session.profileView({ kind: 'rolling' });
    expect(rolling.available).toBe(false);
    expect(rolling.note).toMatch(/no profile worker/);
    session.stop();
  });
});
