import { afterEach, describe, expect, it, vi } from 'vitest';
import type { EventPayload } from '../../../core/api/contract';
import type { MarketEvent } from '../../../core/market/events';
import { MarketSession } from '../../../native/host/market-session';
import { ScriptedFeed } from '../../support/scripted-feed';

const T0 = Date.UTC(2026, 0, 5, 12, 0, 0);
const trade = (ms: number, price: number, size: number, side: 1 | -1, id: number): MarketEvent => ({
  kind: 'trade',
  trade: { ts: T0 + ms, price, size, side, id },
});
const quote = (ms: number, bid: number): MarketEvent => ({
  kind: 'quote',
  quote: { ts: T0 + ms, bidPrice: bid, bidSize: 1, askPrice: bid + 1, askSize: 2 },
});

afterEach(() => vi.useRealTimers());

describe('MarketSession', () => {
  it('builds bars from streamed trades and pushes them batched once per frame', () => {
    vi.useFakeTimers();
    const feed = new ScriptedFeed();
    const session = new MarketSession(feed, () => Date.now());
    const updates: EventPayload<'market.update'>[] = [];
    session.subscribe({ onUpdate: (u) => updates.push(u), onStatus: () => {} });
    session.start();
    feed.push(quote(0, 1000), trade(10, 1001, 0.5, 1, 1), trade(20, 1000, 0.25, -1, 2));
    feed.push(trade(61_000, 1003, 1, 1, 3));
    expect(updates).toHaveLength(0);
    vi.advanceTimersByTime(20);
    expect(updates).toHaveLength(1);
    const [update] = updates;
    expect(update?.trades.map((t) => t.id)).toEqual([1, 2, 3]);
    expect(update?.bars.map((b) => [b.ts, b.open, b.high, b.low, b.close, b.volume, b.delta])).toEqual([
      [T0, 1001, 1001, 1000, 1000, 0.75, 0.25],
      [T0 + 60_000, 1003, 1003, 1003, 1003, 1, 1],
    ]);
    session.stop();
  });

  it('pushes a trade after a quiet spell at once, and coalesces a busy feed to one push per 16 ms frame', () => {
    vi.useFakeTimers();
    const feed = new ScriptedFeed();
    const session = new MarketSession(feed, () => Date.now());
    const pushes: { at: number; ids: number[] }[] = [];
    const start = Date.now();
    session.subscribe({ onUpdate: (u) => pushes.push({ at: Date.now() - start, ids: u.trades.map((t) => t.id ?? -1) }), onStatus: () => {} });
    session.start();
    // Idle: the trade goes out in the same millisecond, not a frame later.
    feed.push(trade(0, 1000, 1, 1, 1));
    vi.advanceTimersByTime(0);
    expect(pushes).toEqual([{ at: 0, ids: [1] }]);
    // Busy: trades 4 ms and 10 ms after that push wait for the frame (16 ms after it), together.
    vi.advanceTimersByTime(4);
    feed.push(trade(4, 1001, 1, 1, 2));
    vi.advanceTimersByTime(6);
    feed.push(trade(10, 1002, 1, 1, 3));
    vi.advanceTimersByTime(5);
    expect(pushes).toHaveLength(1);
    vi.advanceTimersByTime(1);
    expect(pushes).toEqual([
      { at: 0, ids: [1] },
      { at: 16, ids: [2, 3] },
    ]);
    // Quiet again for more than a frame: the next trade is immediate once more.
    vi.advanceTimersByTime(40);
    feed.push(trade(56, 1003, 1, 1, 4));
    vi.advanceTimersByTime(0);
    expect(pushes[2]).toEqual({ at: 56, ids: [4] });
    session.stop();
  });

  it('never repeats in an update a trade that a snapshot already gave', () => {
    vi.useFakeTimers();
    const feed = new ScriptedFeed();
    const session = new MarketSession(feed, () => Date.now());
    const pushed: number[] = [];
    session.subscribe({ onUpdate: (u) => pushed.push(...u.trades.map((t) => t.id ?? -1)), onStatus: () => {} });
    session.start();
    feed.push(trade(10, 1001, 0.5, 1, 1), trade(20, 1000, 0.25, -1, 2));
    pushed.length = 0; // a client connecting now has seen nothing
    const snapshot = session.snapshot();
    feed.push(trade(30, 1002, 0.1, 1, 3));
    vi.advanceTimersByTime(20);
    const fromSnapshot = snapshot.recentTrades.map((t) => t.id);
    expect(fromSnapshot).toEqual([1, 2]);
    expect(pushed.filter((id) => id > 2)).toEqual([3]);
    expect(snapshot.bars).toHaveLength(1);
    expect(snapshot.quote).toBeNull();
    session.stop();
  });

  it('reports the feed stale when data stops, and live again when it resumes', () => {
    vi.useFakeTimers();
    const feed = new ScriptedFeed();
    const session = new MarketSession(feed, () => Date.now());
    const states: string[] = [];
    session.subscribe({ onUpdate: () => {}, onStatus: (s) => states.push(s.state) });
    session.start();
    feed.push(trade(0, 1000, 1, 1, 1));
    vi.advanceTimersByTime(4_000);
    expect(session.status().state).toBe('live');
    vi.advanceTimersByTime(2_000);
    expect(session.status().state).toBe('stale');
    feed.push(trade(7_000, 1000, 1, 1, 2));
    expect(session.status().state).toBe('live');
    expect(states).toEqual(['live', 'stale', 'live']);
    session.stop();
  });
});

describe('MarketSession footprints', () => {
  it('builds 1-USD footprint levels (10 ticks) with bid = sell aggressors and ask = buy aggressors', () => {
    vi.useFakeTimers();
    const feed = new ScriptedFeed();
    const session = new MarketSession(feed, () => Date.now());
    const footprints: number[] = [];
    session.subscribe({ onUpdate: (u) => footprints.push(...u.footprints.map((f) => f.ts)), onStatus: () => {} });
    session.start();
    // Minute 0: buy 0.5 at 1001, sell 0.25 at 1005 -> level 1000..1009; buy 1 at 1012 -> level 1010..1019.
    feed.push(trade(1, 1001, 0.5, 1, 1), trade(2, 1005, 0.25, -1, 2), trade(3, 1012, 1, 1, 3));
    // Minute 1: sell 2 at 999 -> level 990..999.
    feed.push(trade(60_001, 999, 2, -1, 4));
    vi.advanceTimersByTime(20);
    const { levelTicks, bars } = session.footprintRange(0, Number.MAX_SAFE_INTEGER);
    expect(levelTicks).toBe(10);
    expect(bars.map((b) => [b.ts, b.firstLevelPrice, b.bid, b.ask, b.volume, b.delta])).toEqual([
      [T0, 1000, [0.25, 0], [0.5, 1], 1.75, 1.25],
      [T0 + 60_000, 990, [2], [0], 2, -2],
    ]);
    // POC of minute 0: level 1010 (1.0) over level 1000 (0.75).
    expect(bars[0]?.pocPrice).toBe(1010);
    expect(footprints).toEqual([T0, T0 + 60_000]);
    session.stop();
  });
});
