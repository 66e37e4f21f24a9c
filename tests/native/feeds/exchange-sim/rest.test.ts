// The simulator's REST side through the real ccxt binanceusdm client: markets, bars, trades,
// funding and open interest as a trader relies on them, Binance-style errors and HTTP 429.

import ccxt from 'ccxt';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Trade } from '../../../../core/market/events';
import { price, replayTrades, restClient, startFixture, SYMBOL, type SimFixture } from './sim-fixture';

const MINUTE = 60_000;
let f: SimFixture;
let ex: ReturnType<typeof restClient>;

beforeAll(async () => {
  f = await startFixture(11, 60);
  ex = restClient(f.sim);
});

afterAll(async () => {
  await ex.close();
  await f.sim.close();
});

async function raw(path: string): Promise<{ status: number; body: unknown; headers: Headers }> {
  const res = await fetch(`${f.sim.httpUrl}${path}`);
  return { status: res.status, body: await res.json(), headers: res.headers };
}

/** Minute OHLCV recomputed from raw trades, the way the test reads Binance's definition. */
function minuteBars(trades: readonly Trade[]): Map<number, [number, number, number, number, number, number]> {
  const bars = new Map<number, [number, number, number, number, number, number]>();
  for (const t of trades) {
    const m = Math.floor(t.ts / MINUTE) * MINUTE;
    const p = price(t.price);
    const bar = bars.get(m);
    if (!bar) bars.set(m, [m, p, p, p, p, t.size]);
    else {
      bar[2] = Math.max(bar[2], p);
      bar[3] = Math.min(bar[3], p);
      bar[4] = p;
      bar[5] += t.size;
    }
  }
  return bars;
}

describe('exchange simulator REST through ccxt binanceusdm', () => {
  it('loads the BTCUSDT perpetual with tick 0.1 and step 0.001, and the server time', async () => {
    const markets = await ex.loadMarkets();
    const m = markets[SYMBOL];
    expect(Object.keys(markets)).toEqual([SYMBOL]);
    expect(m?.id).toBe('BTCUSDT');
    expect(m?.swap).toBe(true);
    expect(m?.linear).toBe(true);
    expect(m?.precision.price).toBe(0.1);
    expect(m?.precision.amount).toBe(0.001);
    const time = await ex.fetchTime();
    expect(Math.abs((time ?? 0) - Date.now())).toBeLessThan(2_000);
  });

  it('serves 1m bars that match bars recomputed from the simulated trades', async () => {
    const from = f.startTs + 5 * MINUTE;
    const bars = await ex.fetchOHLCV(SYMBOL, '1m', from, 30);
    expect(bars).toHaveLength(30);
    const expected = minuteBars(replayTrades(f, from + 30 * MINUTE));
    for (const bar of bars) {
      const want = expected.get(bar[0] ?? -1);
      expect(want, `bar ${bar[0]}`).toBeDefined();
      if (!want) continue;
      expect(bar.slice(0, 5)).toEqual(want.slice(0, 5));
      expect(bar[5]).toBeCloseTo(want[5], 6);
    }
  });

  it('pages 1m bars by since/limit without duplicates or gaps', async () => {
    const from = f.startTs;
    const end = f.startTs + 45 * MINUTE;
    const seen: number[] = [];
    let since = from;
    while (since < end) {
      const page = await ex.fetchOHLCV(SYMBOL, '1m', since, 7);
      expect(page.length).toBeGreaterThan(0);
      for (const bar of page) if ((bar[0] ?? Infinity) < end) seen.push(bar[0] ?? NaN);
      since = (page[page.length - 1]?.[0] ?? end) + MINUTE;
    }
    expect(seen).toHaveLength(45);
    seen.forEach((ts, i) => expect(ts).toBe(from + i * MINUTE));
  });

  it('aggregates minutes into 5m bars and honours Binance limits (default 500, max 1500)', async () => {
    // Like Binance, startTime selects bars opening at or after it.
    const from = Math.ceil((f.startTs + 1) / (5 * MINUTE)) * 5 * MINUTE;
    const [five] = await ex.fetchOHLCV(SYMBOL, '5m', from - 1, 1);
    const ones = await ex.fetchOHLCV(SYMBOL, '1m', from, 5);
    expect(five?.[0]).toBe(from);
    expect(five?.[1]).toBe(ones[0]?.[1]);
    expect(five?.[2]).toBe(Math.max(...ones.map((b) => b[2] ?? -Infinity)));
    expect(five?.[3]).toBe(Math.min(...ones.map((b) => b[3] ?? Infinity)));
    expect(five?.[4]).toBe(ones[4]?.[4]);
    expect(five?.[5]).toBeCloseTo(ones.reduce((s, b) => s + (b[5] ?? 0), 0), 6);
    const row = await raw(`/fapi/v1/klines?symbol=BTCUSDT&interval=1m&startTime=${f.startTs}&limit=2`);
    expect(row.status).toBe(200);
    const kline = (row.body as unknown[][])[0];
    expect(kline).toHaveLength(12);
    expect(kline?.[6]).toBe(f.startTs + MINUTE - 1);
    expect(typeof kline?.[1]).toBe('string');
    const first = replayTrades(f, f.startTs + MINUTE - 1);
    expect(kline?.[8]).toBe(first.length);
    const buy = first.filter((t) => t.side === 1).reduce((s, t) => s + t.size, 0);
    expect(Number(kline?.[9])).toBeCloseTo(buy, 6);
    // Every minute from the first trade to the forming one (a minute may turn during the test).
    const minutesNow = (): number => Math.floor(Date.now() / MINUTE) - f.startTs / MINUTE + 1;
    const lo = minutesNow();
    const all = await raw('/fapi/v1/klines?symbol=BTCUSDT&interval=1m');
    const most = await raw('/fapi/v1/klines?symbol=BTCUSDT&interval=1m&startTime=0&limit=1500');
    const hi = minutesNow();
    for (const res of [all, most]) {
      expect((res.body as unknown[]).length).toBeGreaterThanOrEqual(lo);
      expect((res.body as unknown[]).length).toBeLessThanOrEqual(hi);
    }
    // Without startTime the most recent bars come back, the forming one last.
    const opens = ((await raw('/fapi/v1/klines?symbol=BTCUSDT&interval=1m&limit=3')).body as number[][]).map((k) => k[0] ?? 0);
    expect(opens).toHaveLength(3);
    expect([(opens[1] ?? 0) - (opens[0] ?? 0), (opens[2] ?? 0) - (opens[1] ?? 0)]).toEqual([MINUTE, MINUTE]);
    expect(opens[2]).toBe(Math.floor(Date.now() / MINUTE) * MINUTE);
    const tooMany = await raw('/fapi/v1/klines?symbol=BTCUSDT&interval=1m&limit=1501');
    expect(tooMany.status).toBe(400);
    expect(tooMany.body).toMatchObject({ code: -1130 });
  });

  it('fetchTrades with since returns the aggregate trades from that time, in order', async () => {
    const since = f.startTs + 10 * MINUTE + 123;
    const trades = await ex.fetchTrades(SYMBOL, since, 200);
    expect(trades).toHaveLength(200);
    // Independent aggregation: consecutive fills at the same ms, price and side.
    const replay = replayTrades(f, since + 10 * MINUTE).filter((t) => t.ts >= since);
    const aggs: Array<{ ts: number; price: number; size: number; side: number; first: number; last: number }> = [];
    for (const t of replay) {
      const a = aggs[aggs.length - 1];
      if (a && a.ts === t.ts && a.price === t.price && a.side === t.side) {
        a.size += t.size;
        a.last = t.id ?? -1;
      } else aggs.push({ ts: t.ts, price: t.price, size: t.size, side: t.side, first: t.id ?? -1, last: t.id ?? -1 });
    }
    trades.forEach((t, i) => {
      const a = aggs[i];
      expect(a).toBeDefined();
      if (!a) return;
      expect(t.timestamp).toBe(a.ts);
      expect(t.price).toBe(price(a.price));
      expect(t.amount).toBeCloseTo(a.size, 9);
      expect(t.side).toBe(a.side === 1 ? 'buy' : 'sell');
      expect(t.info).toMatchObject({ f: a.first, l: a.last, m: a.side === -1 });
    });
    const ids = trades.map((t) => Number(t.id));
    ids.forEach((id, i) => i > 0 && expect(id).toBe((ids[i - 1] ?? 0) + 1));
    // Paging by fromId continues exactly where the previous page ended.
    const next = await ex.fetchTrades(SYMBOL, undefined, 5, { fromId: (ids[ids.length - 1] ?? 0) + 1 });
    expect(Number(next[0]?.id)).toBe((ids[ids.length - 1] ?? 0) + 1);
    expect(next[0]?.timestamp).toBe(aggs[200]?.ts);
  });

  it('serves raw trades by id (historicalTrades) and recent trades', async () => {
    const replay = replayTrades(f, f.startTs + 2 * MINUTE);
    const fromId = replay[100]?.id ?? 0;
    // ccxt insists on an API key for historicalTrades (Binance's MARKET_DATA security); any will do.
    const keyed = restClient(f.sim);
    keyed.apiKey = 'simulator';
    const trades = await keyed
      .fetchTrades(SYMBOL, undefined, 50, { fetchTradesMethod: 'fapiPublicGetHistoricalTrades', fromId })
      .finally(() => keyed.close());
    expect(trades.map((t) => Number(t.id))).toEqual(replay.slice(100, 150).map((t) => t.id));
    expect(trades.map((t) => t.side)).toEqual(replay.slice(100, 150).map((t) => (t.side === 1 ? 'buy' : 'sell')));
    // Recent trades end at (or after, if more printed meanwhile) the source's latest trade.
    const [latest] = await f.sim.source.trades({ limit: 1 });
    const recent = await ex.fetchTrades(SYMBOL, undefined, 20, { fetchTradesMethod: 'fapiPublicGetTrades' });
    expect(recent).toHaveLength(20);
    expect(Number(recent[19]?.id)).toBeGreaterThanOrEqual(latest?.id ?? Infinity);
    recent.slice(1).forEach((t, i) => expect(Number(t.id)).toBe(Number(recent[i]?.id) + 1));
  });

  it('round-trips funding rates and open interest', async () => {
    const funding = await ex.fetchFundingRateHistory(SYMBOL, f.startTs - 3 * 86_400_000, 5);
    expect(funding).toHaveLength(5);
    const step = 8 * 3_600_000;
    funding.forEach((r, i) => {
      expect((r.timestamp ?? 1) % step).toBe(0);
      if (i > 0) expect(r.timestamp).toBe((funding[i - 1]?.timestamp ?? 0) + step);
      expect(Math.abs(r.fundingRate ?? NaN)).toBeLessThan(0.001);
    });
    const again = await raw(`/fapi/v1/fundingRate?symbol=BTCUSDT&startTime=${funding[0]?.timestamp}&limit=5`);
    expect((again.body as Array<{ fundingRate: string }>).map((r) => Number(r.fundingRate))).toEqual(funding.map((r) => r.fundingRate));

    const oi = await ex.fetchOpenInterest(SYMBOL);
    expect(oi.openInterestAmount).toBeGreaterThan(50_000);
    expect(Math.abs((oi.timestamp ?? 0) - Date.now())).toBeLessThan(2_000);
    const hist = await ex.fetchOpenInterestHistory(SYMBOL, '5m', f.startTs, 6);
    expect(hist).toHaveLength(6);
    hist.forEach((h, i) => {
      expect(h.timestamp).toBe(Math.ceil(f.startTs / 300_000) * 300_000 + i * 300_000);
      expect(h.openInterestValue ?? 0).toBeGreaterThan((h.openInterestAmount ?? 0) * 1_000);
    });
    const latest = await raw('/futures/data/openInterestHist?symbol=BTCUSDT&period=1h&limit=3');
    expect(latest.body).toHaveLength(3);
  });

  it('answers bad parameters with Binance errors that ccxt maps to exceptions', async () => {
    const cases: Array<[string, number]> = [
      ['/fapi/v1/klines?symbol=BTCUSDT&interval=7m', -1120],
      ['/fapi/v1/klines?symbol=BTCUSDT&interval=1m&limit=abc', -1100],
      ['/fapi/v1/klines?symbol=ETHUSDT&interval=1m', -1121],
      ['/fapi/v1/klines?symbol=BTCUSDT', -1102],
      ['/fapi/v1/aggTrades?symbol=BTCUSDT&startTime=0&endTime=7200000', -1127],
      ['/futures/data/openInterestHist?symbol=BTCUSDT&period=1m', -1130],
    ];
    for (const [path, code] of cases) {
      const res = await raw(path);
      expect(res.status, path).toBe(400);
      expect(res.body, path).toMatchObject({ code });
      expect(typeof (res.body as { msg: unknown }).msg).toBe('string');
    }
    await expect(ex.fetchOHLCV(SYMBOL, '7m')).rejects.toBeInstanceOf(ccxt.ExchangeError);
  });

  it('rate-limits the next N calls with HTTP 429 and Retry-After, then recovers', async () => {
    f.sim.faults.rateLimitNext(2, 3);
    const error = await ex.fetchTime().then(
      () => null,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(ccxt.NetworkError);
    expect(['DDoSProtection', 'RateLimitExceeded']).toContain((error as Error).constructor.name);
    const res = await raw('/fapi/v1/time');
    expect(res.status).toBe(429);
    expect(res.headers.get('retry-after')).toBe('3');
    expect(res.body).toMatchObject({ code: -1003 });
    expect(await ex.fetchTime()).toBeGreaterThan(0);
    // The same fault through the HTTP control endpoint.
    expect((await raw('/_sim/faults?rateLimitNext=1')).status).toBe(200);
    await expect(ex.fetchTime()).rejects.toBeInstanceOf(ccxt.NetworkError);
    expect(await ex.fetchTime()).toBeGreaterThan(0);
    expect((await raw('/_sim/faults?rateLimitNext=-4')).status).toBe(400);
  });
});
