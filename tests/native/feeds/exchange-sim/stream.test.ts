// The simulator's websocket side through the real ccxt.pro binanceusdm client: trades in order
// with the right side, bid below ask, and every injected stream fault visible to the client.

import ccxt from 'ccxt';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { price, replayTrades, sleep, startFixture, streamClient, SYMBOL, within, type SimFixture } from './sim-fixture';

let f: SimFixture;
let pro: Awaited<ReturnType<typeof streamClient>>;

beforeAll(async () => {
  f = await startFixture(23, 20);
  pro = await streamClient(f.sim);
});

afterAll(async () => {
  await pro.close();
  await f.sim.close();
});

interface Seen {
  id: number;
  ts: number;
  price: number;
  amount: number;
  side: string;
  eventTime: number;
  receivedAt: number;
}

/** Watches trades until `done` says enough (or the time budget runs out). */
async function collect(done: (seen: readonly Seen[]) => boolean, budgetMs = 8_000): Promise<Seen[]> {
  const seen: Seen[] = [];
  const deadline = Date.now() + budgetMs;
  while (!done(seen)) {
    const left = deadline - Date.now();
    if (left <= 0) throw new Error(`stream condition not met in ${budgetMs} ms (${seen.length} trades seen)`);
    const batch = await within(pro.watchTrades(SYMBOL), left, 'watchTrades');
    const receivedAt = Date.now();
    for (const t of batch) {
      const info = t.info as { E: number };
      seen.push({
        id: Number(t.id),
        ts: t.timestamp ?? NaN,
        price: t.price ?? NaN,
        amount: t.amount ?? NaN,
        side: t.side ?? '',
        eventTime: info.E,
        receivedAt,
      });
    }
  }
  return seen;
}

describe('exchange simulator streams through ccxt.pro binanceusdm', () => {
  it('watchTrades receives every trade in order with price, size and aggressor side', async () => {
    const seen = await collect((s) => s.length >= 60);
    for (let i = 1; i < seen.length; i++) {
      expect(seen[i]?.id).toBe((seen[i - 1]?.id ?? 0) + 1);
      expect(seen[i]?.ts ?? 0).toBeGreaterThanOrEqual(seen[i - 1]?.ts ?? 0);
    }
    const last = seen[seen.length - 1];
    const byId = new Map(replayTrades(f, last?.ts ?? 0).map((t) => [t.id, t]));
    for (const s of seen) {
      const t = byId.get(s.id);
      expect(t, `trade ${s.id}`).toBeDefined();
      if (!t) continue;
      expect(s.ts).toBe(t.ts);
      expect(s.price).toBe(price(t.price));
      expect(s.amount).toBeCloseTo(t.size, 9);
      // m = true (buyer is maker) means the seller hit the bid.
      expect(s.side).toBe(t.side === 1 ? 'buy' : 'sell');
    }
  });

  it('watchBidsAsks streams bookTicker updates with bid below ask on the tick grid', async () => {
    let updates = 0;
    const deadline = Date.now() + 8_000;
    let lastU = 0;
    while (updates < 20 && Date.now() < deadline) {
      const tickers = await within(pro.watchBidsAsks([SYMBOL]), 5_000, 'watchBidsAsks');
      const t = tickers[SYMBOL];
      expect(t).toBeDefined();
      if (!t) continue;
      expect(t.bid ?? Infinity).toBeLessThan(t.ask ?? -Infinity);
      expect(Number.isInteger(Math.round((t.bid ?? 0) * 10) / 1)).toBe(true);
      expect(t.bidVolume ?? 0).toBeGreaterThan(0);
      const u = (t.info as { u: number }).u;
      expect(u).toBeGreaterThan(lastU);
      lastU = u;
      updates++;
    }
    expect(updates).toBe(20);
  });

  it("watchTrades with name 'aggTrade' streams the aggregates REST serves for the same ids", async () => {
    const agg = await streamClient(f.sim);
    try {
      const seen: Array<{ id: number; ts: number; price: number; amount: number; side: string }> = [];
      const deadline = Date.now() + 8_000;
      while (seen.length < 20 && Date.now() < deadline) {
        const batch = await within(agg.watchTrades(SYMBOL, undefined, undefined, { name: 'aggTrade' }), 5_000, 'aggTrade');
        for (const t of batch) {
          expect((t.info as { e: string }).e).toBe('aggTrade');
          seen.push({ id: Number(t.id), ts: t.timestamp ?? NaN, price: t.price ?? NaN, amount: t.amount ?? NaN, side: t.side ?? '' });
        }
      }
      expect(seen.length).toBeGreaterThanOrEqual(20);
      seen.slice(1).forEach((s, i) => expect(s.id).toBe((seen[i]?.id ?? 0) + 1));
      const rest = await agg.fetchTrades(SYMBOL, undefined, seen.length, { fromId: seen[0]?.id });
      expect(rest.map((t) => ({ id: Number(t.id), ts: t.timestamp, price: t.price, amount: t.amount, side: t.side }))).toEqual(seen);
    } finally {
      await agg.close();
    }
  });

  it('a dropped range of trades shows up as a trade id gap', async () => {
    const before = await collect((s) => s.length >= 5);
    const dropped = f.sim.faults.snapshot().droppedTrades;
    f.sim.faults.dropNextTrades(25);
    const after = await collect((s) => f.sim.faults.snapshot().droppedTrades >= dropped + 25 && s.length >= 10);
    const seen = [...before, ...after];
    const jumps = seen.slice(1).map((s, i) => s.id - (seen[i]?.id ?? 0));
    expect(jumps.filter((j) => j !== 1)).toEqual([26]);
  });

  it('a trade id range dropped through the HTTP control endpoint is missing from the stream', async () => {
    const [latest] = (await collect((s) => s.length >= 1)).slice(-1);
    const from = (latest?.id ?? 0) + 40;
    const res = await fetch(`${f.sim.httpUrl}/_sim/faults?dropTradeIds=${from}-${from + 9}`);
    expect(res.status).toBe(200);
    const seen = await collect((s) => s.some((t) => t.id > from + 10));
    const ids = new Set(seen.map((s) => s.id));
    expect(ids.has(from - 1)).toBe(true);
    expect(ids.has(from + 10)).toBe(true);
    for (let id = from; id <= from + 9; id++) expect(ids.has(id)).toBe(false);
  });

  it('duplicated messages deliver the same trade id twice', async () => {
    await collect((s) => s.length >= 3);
    f.sim.faults.duplicateNextTrades(5);
    const countIds = (seen: readonly Seen[]): Map<number, number> => {
      const counts = new Map<number, number>();
      for (const s of seen) counts.set(s.id, (counts.get(s.id) ?? 0) + 1);
      return counts;
    };
    const seen = await collect((s) => s.length >= 20 && [...countIds(s).values()].filter((c) => c === 2).length >= 5);
    const counts = countIds(seen);
    expect([...counts.values()].filter((c) => c === 2)).toHaveLength(5);
    expect([...counts.values()].every((c) => c <= 2)).toBe(true);
  });

  it('delayed messages arrive late but in order', async () => {
    await collect((s) => s.length >= 3);
    f.sim.faults.delayMessages(400);
    await sleep(500);
    const seen = await collect((s) => s.length >= 20);
    const lags = seen.map((s) => s.receivedAt - s.eventTime);
    expect(Math.min(...lags)).toBeGreaterThanOrEqual(380);
    seen.slice(1).forEach((s, i) => expect(s.id).toBeGreaterThan(seen[i]?.id ?? 0));
    f.sim.faults.delayMessages(0);
    await sleep(600);
    const after = await collect((s) => s.length >= 10);
    expect(Math.min(...after.map((s) => s.receivedAt - s.eventTime))).toBeLessThan(300);
  });

  it('stale quotes: no bookTicker for the stale period, then updates resume', async () => {
    await within(pro.watchBidsAsks([SYMBOL]), 5_000, 'bidsAsks before');
    f.sim.faults.staleQuotes(1_500);
    await sleep(150);
    const started = Date.now();
    const tickers = await within(pro.watchBidsAsks([SYMBOL]), 6_000, 'bidsAsks after the stale period');
    expect(Date.now() - started).toBeGreaterThan(1_000);
    const t = tickers[SYMBOL];
    expect(t?.bid ?? Infinity).toBeLessThan(t?.ask ?? -Infinity);
  });

  it('disconnect: the pending watch fails with a network error and the next watch reconnects', async () => {
    await collect((s) => s.length >= 1);
    expect(f.sim.connectionCount()).toBeGreaterThan(0);
    // Keep trades off the wire so the pending watch cannot resolve before the drop.
    f.sim.faults.dropNextTrades(1_000_000);
    await sleep(200);
    const pending = pro.watchTrades(SYMBOL);
    f.sim.faults.disconnectAll();
    await expect(within(pending, 5_000, 'watch after disconnect')).rejects.toBeInstanceOf(ccxt.NetworkError);
    expect(f.sim.connectionCount()).toBe(0);
    f.sim.faults.reset();
    const seen = await collect((s) => s.length >= 5);
    expect(seen.length).toBeGreaterThanOrEqual(5);
    expect(f.sim.connectionCount()).toBeGreaterThan(0);
  });
});
