// CcxtLiveFeed through the real ccxt.pro binanceusdm client against the local exchange simulator,
// with each stream fault injected: after backfill the feed's trades are exactly the simulator's
// aggregate trades for the same id range (none lost, none twice), in time order, and the state
// transitions and statistics say what happened.

import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { MarketEvent, Trade } from '../../../../core/market/events';
import { CcxtLiveFeed, type LiveStreamOptions } from '../../../../native/feeds/ccxt/live-stream';
import type { FeedState } from '../../../../native/feeds/feed';
import { sleep, startFixture, streamClient, SYMBOL, type SimFixture } from '../exchange-sim/sim-fixture';

let f: SimFixture;
let feed: CcxtLiveFeed | null = null;

beforeAll(async () => {
  // Seed 23: the simulated stream never pauses for more than 2 s in its first 40 minutes.
  f = await startFixture(23, 20);
});

afterEach(async () => {
  f.sim.faults.reset();
  await feed?.close();
  feed = null;
});

afterAll(async () => {
  await f.sim.close();
});

interface Recording {
  readonly events: MarketEvent[];
  readonly states: Array<{ state: FeedState; message: string }>;
  trades(): Trade[];
}

async function startFeed(options: Partial<LiveStreamOptions> = {}): Promise<Recording> {
  const client = await streamClient(f.sim);
  feed = new CcxtLiveFeed({ client, symbol: SYMBOL, instrument: f.sim.source.instrument, staleQuoteMs: 3_000, holdMs: 100, reconnectBaseMs: 100, ...options });
  const rec: Recording = {
    events: [],
    states: [],
    trades: () => rec.events.flatMap((e) => (e.kind === 'trade' ? [e.trade] : [])),
  };
  feed.start({ onEvents: (events) => rec.events.push(...events), onState: (state, message) => rec.states.push({ state, message }) });
  return rec;
}

async function until(what: string, cond: () => boolean, ms = 15_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!cond()) {
    if (Date.now() > deadline) throw new Error(`timed out after ${ms} ms waiting for ${what}`);
    await sleep(20);
  }
}

/** No lost and no duplicate trade: the feed's trades equal the simulator's aggregates for their ids. */
async function expectCompleteAndOrdered(rec: Recording, stream: 'aggTrade' | 'trade' = 'aggTrade'): Promise<void> {
  const trades = rec.trades();
  expect(trades.length).toBeGreaterThan(10);
  const first = trades[0]?.id ?? NaN;
  const sim =
    stream === 'aggTrade'
      ? (await f.sim.source.aggTrades({ fromId: first, limit: trades.length })).map((a) => ({ ...a, id: a.aggId }))
      : await f.sim.source.trades({ fromId: first, limit: trades.length });
  expect(trades.map((t) => t.id)).toEqual(sim.map((a) => a.id));
  expect(trades.map((t) => [t.ts, t.price, t.side])).toEqual(sim.map((a) => [a.ts, a.price, a.side]));
  trades.forEach((t, i) => expect(t.size).toBeCloseTo(sim[i]?.size ?? NaN, 6));
  // Events leave in time order; anything else is counted as out-of-order.
  let maxTs = -Infinity;
  let late = 0;
  for (const e of rec.events) {
    const ts = e.kind === 'trade' ? e.trade.ts : e.quote.ts;
    if (ts < maxTs) late++;
    maxTs = Math.max(maxTs, ts);
  }
  expect(late).toBeLessThanOrEqual(feed?.stats().outOfOrder ?? 0);
}

const lastTradeId = (rec: Recording): number => rec.trades().at(-1)?.id ?? 0;

/** A feed run until 10 trades, stopped, and 1.5 s of trades printed while it is down: its last trade. */
async function runThenStop(): Promise<{ id: number; ts: number }> {
  const first = await startFeed();
  await until('10 trades', () => first.trades().length >= 10);
  await feed?.close();
  const last = first.trades().at(-1);
  if (last?.id === undefined) throw new Error('no trade id to resume from');
  await sleep(1_500);
  return { id: last.id, ts: last.ts };
}

// Waits are bounded by `until`; the simulated market can go quiet for up to 2 s at a time.
describe('CcxtLiveFeed on ccxt.pro binanceusdm against the exchange simulator', { timeout: 45_000 }, () => {
  it('goes connecting -> live and emits trades and quotes in time order, every trade once', async () => {
    const rec = await startFeed();
    await until('25 trades and 5 quotes', () => rec.trades().length >= 25 && rec.events.filter((e) => e.kind === 'quote').length >= 5);
    expect(rec.states.map((s) => s.state).slice(0, 2)).toEqual(['connecting', 'live']);
    for (const e of rec.events) if (e.kind === 'quote') expect(e.quote.bidPrice).toBeLessThan(e.quote.askPrice);
    await feed?.close();
    expect(rec.states.at(-1)).toEqual({ state: 'disconnected', message: 'stopped' });
    await expectCompleteAndOrdered(rec);
    expect(feed?.stats()).toMatchObject({ gapsFound: 0, duplicatesDropped: 0, reconnects: 0 });
  });

  it('disconnect: reports disconnected -> connecting -> live, reconnects and backfills what it missed', async () => {
    const rec = await startFeed();
    await until('10 trades', () => rec.trades().length >= 10);
    f.sim.faults.disconnectAll();
    await until('reconnected and 20 more trades', () => (feed?.stats().reconnects ?? 0) >= 1 && feed?.currentState === 'live' && rec.trades().length >= 30);
    // Trades printed while the feed was away (if any) must come back through the gap fill.
    f.sim.faults.disconnectAll();
    f.sim.faults.dropNextTrades(5);
    const before = lastTradeId(rec);
    await until('trades well after the second drop', () => lastTradeId(rec) > before + 20 && feed?.currentState === 'live');
    await feed?.close();
    // Consecutive reports of the same state (one per watch loop) count as one transition.
    const states = rec.states.map((s) => s.state).filter((s, i, all) => s !== all[i - 1]);
    expect(states.slice(0, 8)).toEqual(['connecting', 'live', 'disconnected', 'connecting', 'live', 'disconnected', 'connecting', 'live']);
    expect(rec.states.find((s) => s.state === 'disconnected')?.message).toMatch(/^(trades|quotes) stream lost \(NetworkError: .*\); reconnecting in 100 ms$/);
    const stats = feed?.stats();
    expect(stats?.reconnects).toBeGreaterThanOrEqual(2);
    expect(stats?.gapsFound).toBeGreaterThanOrEqual(1);
    expect(stats?.gapsUnfilled).toBe(0);
    // Quotes wait while the trade stream is down, so the backfill cannot land behind them.
    expect(stats?.outOfOrder).toBe(0);
    await expectCompleteAndOrdered(rec);
  });

  it('resumes after a restart: the trades printed while down come first, before any newer quote', async () => {
    const last = await runThenStop();
    const resumed = await startFeed({ resumeAfter: { tradeId: last.id, ts: last.ts } });
    await until('trades after the restart', () => resumed.trades().length >= 20, 30_000);
    await feed?.close();
    expect(resumed.trades()[0]?.id).toBe(last.id + 1);
    const ts = resumed.events.map((e) => (e.kind === 'trade' ? e.trade.ts : e.quote.ts));
    expect(ts.every((t, i) => i === 0 || t >= ts[i - 1]!)).toBe(true);
    expect(feed?.stats().outOfOrder).toBe(0);
    await expectCompleteAndOrdered(resumed);
  });

  it('resumes after a restart when the REST catch-up is first refused with a 429: waits Retry-After, then fills', async () => {
    const last = await runThenStop();
    // The first request of the new client (its market list) is refused: ccxt then keeps the
    // failed load, and the feed used to reconnect for ever without a trade.
    f.sim.faults.rateLimitNext(1, 2);
    const started = Date.now();
    const resumed = await startFeed({ resumeAfter: { tradeId: last.id, ts: last.ts } });
    await until('trades after the restart', () => resumed.trades().length >= 20, 15_000);
    await feed?.close();
    // The refused stream came back no sooner than the exchange asked.
    expect(resumed.states.some((s) => /stream lost \(DDoSProtection: .*429.*\); reconnecting in 2000 ms$/.test(s.message))).toBe(true);
    expect(Date.now() - started).toBeGreaterThanOrEqual(2_000);
    expect(resumed.trades()[0]?.id).toBe(last.id + 1);
    expect(f.sim.faults.snapshot().rateLimited).toBe(1);
    await expectCompleteAndOrdered(resumed);
  });

  it('gap: dropped trades (dropNextTrades, dropTradeIds) are filled over REST before later trades', async () => {
    const rec = await startFeed();
    await until('5 trades', () => rec.trades().length >= 5);
    f.sim.faults.dropNextTrades(20);
    const [latest] = await f.sim.source.trades({ limit: 1 });
    const from = (latest?.id ?? 0) + 60;
    f.sim.faults.dropTradeIds(from, from + 24);
    await until('trades after both gaps', () => {
      const trades = rec.trades();
      return f.sim.faults.snapshot().droppedTrades >= 45 && trades.length > 40 && (feed?.stats().gapsFound ?? 0) >= 2 && feed?.stats().gapsFound === feed?.stats().gapsFilled;
    });
    await sleep(300);
    await feed?.close();
    const stats = feed?.stats();
    expect(stats?.gapsFound).toBeGreaterThanOrEqual(2);
    expect(stats?.gapsFilled).toBe(stats?.gapsFound);
    expect(stats?.tradesFilled).toBeGreaterThanOrEqual(2);
    expect(rec.states.some((s) => s.state === 'live' && /trade gap: ids \d+\.\.\d+ missing from the stream, filling over REST/.test(s.message))).toBe(true);
    expect(rec.states.some((s) => /trade gap \d+\.\.\d+ filled \(\d+ trades\)/.test(s.message))).toBe(true);
    await expectCompleteAndOrdered(rec);
  });

  it('raw trade stream: a gap is filled from historicalTrades by trade id', async () => {
    const client = await streamClient(f.sim);
    // ccxt insists on a key for historicalTrades (Binance's MARKET_DATA security); any will do here.
    client.apiKey = 'simulator';
    const rec = await startFeed({ client, tradeStream: 'trade' });
    await until('5 trades', () => rec.trades().length >= 5);
    f.sim.faults.dropNextTrades(15);
    await until('the gap filled and more trades', () => (feed?.stats().gapsFilled ?? 0) >= 1 && rec.trades().length >= 40);
    await feed?.close();
    expect(feed?.stats()).toMatchObject({ gapsFound: 1, gapsFilled: 1, tradesFilled: 15, gapsUnfilled: 0 });
    await expectCompleteAndOrdered(rec, 'trade');
  });

  it('a symbol the exchange does not list is reported once, not retried', async () => {
    const client = await streamClient(f.sim);
    try {
      const rec = await startFeed({ client, ownsClient: false, symbol: 'ETH/USDT:USDT' });
      await until('both streams refused', () => rec.states.filter((s) => /stream cannot run: BadSymbol/.test(s.message)).length === 2, 5_000);
      await sleep(300);
      expect(rec.states.map((s) => s.state)).toEqual(['connecting', 'disconnected', 'disconnected']);
      expect(feed?.stats().reconnects).toBe(0);
      await feed?.close();
    } finally {
      await client.close();
    }
  });

  it('duplicates: messages sent twice are dropped', async () => {
    const rec = await startFeed();
    await until('5 trades', () => rec.trades().length >= 5);
    const duplicated = f.sim.faults.snapshot().duplicatedTrades;
    f.sim.faults.duplicateNextTrades(15);
    await until('the duplicates and 20 more trades', () => f.sim.faults.snapshot().duplicatedTrades >= duplicated + 15 && rec.trades().length >= 40);
    await sleep(300);
    await feed?.close();
    expect(feed?.stats().duplicatesDropped).toBeGreaterThanOrEqual(1);
    await expectCompleteAndOrdered(rec);
  });

  it('delay: late messages still leave complete and in order', async () => {
    const rec = await startFeed();
    await until('5 trades', () => rec.trades().length >= 5);
    f.sim.faults.delayMessages(400);
    const at = rec.trades().length;
    await until('20 delayed trades', () => rec.trades().length >= at + 20);
    f.sim.faults.delayMessages(0);
    await sleep(600);
    await feed?.close();
    expect(feed?.stats()).toMatchObject({ gapsFound: 0, duplicatesDropped: 0, reconnects: 0 });
    await expectCompleteAndOrdered(rec);
  });

  it('stale quotes: state goes stale after the configured quiet time, then live when quotes resume', async () => {
    const rec = await startFeed({ staleQuoteMs: 500 });
    await until('live with quotes', () => feed?.currentState === 'live' && rec.events.some((e) => e.kind === 'quote'));
    f.sim.faults.staleQuotes(1_500);
    await until('stale', () => feed?.currentState === 'stale', 3_000);
    const stale = rec.states.find((s) => s.state === 'stale');
    expect(stale?.message).toMatch(/no quote for \d+ ms \(limit 500 ms\)/);
    await until('live again', () => feed?.currentState === 'live', 4_000);
    expect(rec.states.at(-1)?.message).toMatch(/quotes resumed after \d+ ms/);
    // The simulated market can be quiet for a few seconds: let enough trades arrive to compare.
    await until('enough trades', () => rec.trades().length > 10, 10_000);
    await feed?.close();
    expect(feed?.stats().stalePeriods).toBe(1);
    await expectCompleteAndOrdered(rec);
  });
});
