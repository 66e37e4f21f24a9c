// fetchHistory through the real ccxt binanceusdm client against the local exchange simulator:
// what lands in the store matches the simulator's own data, re-runs fetch only what is missing,
// an interrupted fetch resumes to the same content, and HTTP 429s are waited out.

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { toTicks } from '../../../../core/market/instrument';
import { fetchHistory, type FetchHistoryOptions } from '../../../../native/feeds/ccxt/history-fetcher';
import { RetriesExhaustedError } from '../../../../native/feeds/ccxt/rate-limit-retry';
import { FetchState } from '../../../../native/store/fetch-state';
import { Store } from '../../../../native/store/store';
import type { TradeBlock } from '../../../../native/store/tick-codec';
import { restClient, startFixture, SYMBOL, type SimFixture } from '../exchange-sim/sim-fixture';

const MINUTE = 60_000;
let f: SimFixture;
let ex: ReturnType<typeof restClient>;
let dir: string;
let storeCount = 0;
const stores: Store[] = [];

beforeAll(async () => {
  f = await startFixture(7, 90);
  ex = restClient(f.sim);
  dir = mkdtempSync(join(tmpdir(), 'auctioneer-fetch-'));
});

afterAll(async () => {
  for (const s of stores) s.close();
  await ex.close();
  await f.sim.close();
  rmSync(dir, { recursive: true, force: true });
});

function newStore(): Store {
  const s = Store.open(join(dir, `store-${++storeCount}.db`));
  stores.push(s);
  return s;
}

function run(store: Store, extra: Partial<FetchHistoryOptions> & Pick<FetchHistoryOptions, 'kinds' | 'fromTs' | 'toTs'>): ReturnType<typeof fetchHistory> {
  return fetchHistory({ client: ex, store, symbol: SYMBOL, retry: { baseDelayMs: 10 }, ...extra });
}

function tradeRows(b: TradeBlock): Array<[number, number, number, number, number]> {
  return Array.from({ length: b.length }, (_, i) => [b.id[i] ?? NaN, b.ts[i] ?? NaN, b.price[i] ?? NaN, Number((b.size[i] ?? NaN).toFixed(6)), b.side[i] ?? NaN]);
}

/** The simulator's aggregate trades with from <= ts < to, in the store's units. */
async function simAggTrades(from: number, to: number): Promise<Array<[number, number, number, number, number]>> {
  const aggs = await f.sim.source.aggTrades({ startTime: from, endTime: to - 1, limit: 1_000_000 });
  return aggs.map((a) => [a.aggId, a.ts, a.price, Number(a.size.toFixed(6)), a.side]);
}

describe('fetchHistory through ccxt binanceusdm against the exchange simulator', () => {
  it('stores bars, aggregate trades, funding and open interest equal to the simulator data', async () => {
    const store = newStore();
    const from = f.startTs;
    const to = f.startTs + 30 * MINUTE;
    const r = await run(store, { kinds: ['bars', 'trades', 'oi'], fromTs: from, toTs: to });
    const id = r.instrumentId;
    expect(r.instrument.symbol).toBe('BTCUSDT');
    expect(r.instrument.tickSize).toBe(0.1);

    const bars = store.loadBars(id, 60, from, to);
    const klines = await f.sim.source.klines(MINUTE, { startTime: from, endTime: to - 1, limit: 1500 });
    expect(bars.map((b) => [b.ts, b.open, b.high, b.low, b.close])).toEqual(klines.map((k) => [k.openTime, k.open, k.high, k.low, k.close]));
    bars.forEach((b, i) => expect(b.volume).toBeCloseTo(klines[i]?.volume ?? NaN, 6));
    expect(bars).toHaveLength(30);

    const trades = tradeRows(store.loadTrades(id, from, to));
    expect(trades.length).toBeGreaterThan(500);
    expect(trades).toEqual(await simAggTrades(from, to));
    expect(r.kinds.trades?.rows).toBe(trades.length);

    const oi = store.loadOpenInterest(id, 300, from, to);
    const simOi = await f.sim.source.openInterestHistory(300_000, { startTime: from, endTime: to - 1, limit: 500 });
    expect(oi.map((o) => o.ts)).toEqual(simOi.map((o) => o.ts));
    oi.forEach((o, i) => expect(o.openInterest).toBeCloseTo(simOi[i]?.openInterest ?? NaN, 3));

    const fundFrom = f.startTs - 3 * 86_400_000;
    const fr = await run(store, { kinds: ['funding'], fromTs: fundFrom, toTs: to });
    const funding = store.loadFunding(id, fundFrom, to);
    const simFunding = await f.sim.source.fundingRates({ startTime: fundFrom, endTime: to - 1, limit: 1000 });
    expect(funding.length).toBeGreaterThanOrEqual(9);
    expect(funding.map((p) => p.ts)).toEqual(simFunding.map((p) => p.ts));
    funding.forEach((p, i) => expect(p.rate).toBeCloseTo(simFunding[i]?.rate ?? NaN, 12));
    expect(fr.kinds.funding?.rows).toBe(funding.length);
    // Prices are ticks of the instrument.
    expect(toTicks(Number((bars[0]?.open ?? 0) * 0.1), 0.1)).toBe(bars[0]?.open);
  });

  it('is incremental: a second run fetches nothing, a later --to fetches only the new range', async () => {
    const store = newStore();
    const from = f.startTs + 10 * MINUTE;
    const first = await run(store, { kinds: ['bars', 'trades'], fromTs: from, toTs: from + 20 * MINUTE });
    expect(first.kinds.bars?.rows).toBe(20);
    const again = await run(store, { kinds: ['bars', 'trades'], fromTs: from, toTs: from + 20 * MINUTE });
    expect(again.kinds.bars).toEqual({ rows: 0, pages: 0, fetched: [] });
    expect(again.kinds.trades).toEqual({ rows: 0, pages: 0, fetched: [] });

    const later = await run(store, { kinds: ['bars', 'trades'], fromTs: from, toTs: from + 35 * MINUTE, pageLimits: { bars: 4 } });
    expect(later.kinds.bars?.fetched).toEqual([{ fromTs: from + 20 * MINUTE, toTs: from + 35 * MINUTE }]);
    expect(later.kinds.bars?.rows).toBe(15);
    expect(later.kinds.trades?.fetched).toEqual([{ fromTs: from + 20 * MINUTE, toTs: from + 35 * MINUTE }]);
    const newTrades = await simAggTrades(from + 20 * MINUTE, from + 35 * MINUTE);
    expect(later.kinds.trades?.rows).toBe(newTrades.length);

    // An earlier --from fetches only the part before what is stored.
    const earlier = await run(store, { kinds: ['bars'], fromTs: from - 5 * MINUTE, toTs: from + 35 * MINUTE });
    expect(earlier.kinds.bars?.fetched).toEqual([{ fromTs: from - 5 * MINUTE, toTs: from }]);
    expect(new FetchState(store, first.instrumentId).covered('bars:60')).toEqual([{ fromTs: from - 5 * MINUTE, toTs: from + 35 * MINUTE }]);
    const id = first.instrumentId;
    expect(store.loadBars(id, 60, from - 5 * MINUTE, from + 35 * MINUTE)).toHaveLength(40);
    expect(tradeRows(store.loadTrades(id, from, from + 35 * MINUTE))).toEqual(await simAggTrades(from, from + 35 * MINUTE));
  });

  it('resumes after an interruption (throwing progress callback, then an AbortSignal) to the same content', async () => {
    const from = f.startTs + 40 * MINUTE;
    const to = from + 15 * MINUTE;
    const limits = { bars: 5, trades: 150 };
    const reference = newStore();
    const whole = await run(reference, { kinds: ['bars', 'trades'], fromTs: from, toTs: to, pageLimits: limits });
    expect(whole.kinds.trades?.pages ?? 0).toBeGreaterThan(6);

    const store = newStore();
    let pages = 0;
    const progress: number[] = [];
    await expect(
      run(store, {
        kinds: ['bars', 'trades'],
        fromTs: from,
        toTs: to,
        pageLimits: limits,
        onProgress: (p) => {
          progress.push(p.doneMs / p.totalMs);
          if (++pages === 6) throw new Error('killed');
        },
      }),
    ).rejects.toThrow('killed');
    expect(progress.every((x, i) => x > 0 && x <= 1 && (i === 0 || x >= (progress[i - 1] ?? 0)))).toBe(true);
    const id = whole.instrumentId;
    // Every page before the interruption is kept.
    expect(store.loadBars(id, 60, from, to)).toHaveLength(15);
    const partial = store.loadTrades(id, from, to).length;
    expect(partial).toBeGreaterThan(0);
    expect(partial).toBeLessThan(reference.loadTrades(id, from, to).length);

    const controller = new AbortController();
    let more = 0;
    await expect(
      run(store, { kinds: ['bars', 'trades'], fromTs: from, toTs: to, pageLimits: limits, signal: controller.signal, onProgress: () => ++more === 2 && controller.abort(new Error('stopped')) }),
    ).rejects.toThrow('stopped');

    const resumed = await run(store, { kinds: ['bars', 'trades'], fromTs: from, toTs: to, pageLimits: limits });
    expect(resumed.kinds.bars?.rows).toBe(0);
    expect(resumed.kinds.trades?.rows ?? 0).toBeGreaterThan(0);
    const got = tradeRows(store.loadTrades(id, from, to));
    expect(got).toEqual(tradeRows(reference.loadTrades(id, from, to)));
    expect(new Set(got.map((t) => t[0])).size).toBe(got.length);
    expect(store.loadBars(id, 60, from, to)).toEqual(reference.loadBars(id, 60, from, to));
  });

  it('waits out HTTP 429 (Retry-After, then exponential back-off) and gives up after N attempts', async () => {
    const store = newStore();
    const from = f.startTs + 60 * MINUTE;
    const retries: number[] = [];
    f.sim.faults.rateLimitNext(3, 1);
    const started = Date.now();
    const r = await run(store, { kinds: ['bars'], fromTs: from, toTs: from + 10 * MINUTE, retry: { baseDelayMs: 10, onRetry: (i) => retries.push(i.delayMs) } });
    expect(r.kinds.bars?.rows).toBe(10);
    expect(retries).toEqual([1000, 1000, 1000]);
    expect(Date.now() - started).toBeGreaterThanOrEqual(3000);
    expect(f.sim.faults.snapshot().rateLimited).toBeGreaterThanOrEqual(3);

    f.sim.faults.rateLimitNext(4, 0);
    const backoff: number[] = [];
    const r2 = await run(store, { kinds: ['bars'], fromTs: from, toTs: from + 20 * MINUTE, retry: { baseDelayMs: 20, onRetry: (i) => backoff.push(i.delayMs) } });
    expect(r2.kinds.bars?.rows).toBe(10);
    expect(backoff).toEqual([20, 40, 80, 160]);

    f.sim.faults.rateLimitNext(10, 0);
    const error = await run(store, { kinds: ['bars'], fromTs: from, toTs: from + 30 * MINUTE, retry: { attempts: 3, baseDelayMs: 5 } }).catch((e: unknown) => e);
    f.sim.faults.reset();
    expect(error).toBeInstanceOf(RetriesExhaustedError);
    expect((error as Error).message).toMatch(/fetchOHLCV BTC\/USDT:USDT: still refused after 3 attempts/);
  }, 20_000);

  it("a fresh client whose first request (the market list) is refused with a 429 still fetches after the wait", async () => {
    // ccxt caches a failed first loadMarkets; without reloading it, every retry failed the same way.
    const fresh = restClient(f.sim);
    try {
      const store = newStore();
      const from = f.startTs + 60 * MINUTE;
      const refusedBefore = f.sim.faults.snapshot().rateLimited;
      f.sim.faults.rateLimitNext(1, 0);
      const retries: number[] = [];
      const r = await fetchHistory({ client: fresh, store, symbol: SYMBOL, kinds: ['bars'], fromTs: from, toTs: from + 5 * MINUTE, retry: { baseDelayMs: 10, onRetry: (i) => retries.push(i.attempt) } });
      expect(retries).toEqual([1]);
      expect(f.sim.faults.snapshot().rateLimited - refusedBefore).toBe(1);
      expect(r.kinds.bars?.rows).toBe(5);
    } finally {
      f.sim.faults.reset();
      await fresh.close();
    }
  });

  it('refuses an empty range and an unknown symbol with clear errors', async () => {
    const store = newStore();
    await expect(run(store, { kinds: ['bars'], fromTs: f.startTs, toTs: f.startTs })).rejects.toThrow(/range is empty/);
    await expect(fetchHistory({ client: ex, store, symbol: 'ETH/USDT:USDT', kinds: ['bars'], fromTs: f.startTs, toTs: f.startTs + MINUTE })).rejects.toThrow(
      /no usable market "ETH\/USDT:USDT"/,
    );
  });
});
