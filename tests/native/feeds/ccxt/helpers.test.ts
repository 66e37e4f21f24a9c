// The small pieces behind the ccxt fetcher and live feed, checked by hand-computed cases: fetched
// range arithmetic, Retry-After and back-off, the event orderer, and client construction offline.

import ccxt from 'ccxt';
import { describe, expect, it } from 'vitest';
import type { MarketEvent } from '../../../../core/market/events';
import { createRestClient, createStreamClient } from '../../../../native/feeds/ccxt/ccxt-client';
import { EventOrderer } from '../../../../native/feeds/ccxt/event-orderer';
import { RetriesExhaustedError, retryAfterMs, withRetry } from '../../../../native/feeds/ccxt/rate-limit-retry';
import { subtractRanges, unionRanges } from '../../../../native/store/fetch-state';

const r = (fromTs: number, toTs: number): { fromTs: number; toTs: number } => ({ fromTs, toTs });
const trade = (ts: number, id: number): MarketEvent => ({ kind: 'trade', trade: { ts, price: 1, size: 1, side: 1, id } });
const quote = (ts: number): MarketEvent => ({ kind: 'quote', quote: { ts, bidPrice: 1, bidSize: 1, askPrice: 2, askSize: 1 } });

describe('fetched range arithmetic', () => {
  it('joins overlapping and touching ranges, keeps disjoint ones apart', () => {
    expect(unionRanges([r(10, 20), r(0, 5), r(20, 30), r(4, 8), r(40, 41), r(7, 7)])).toEqual([r(0, 8), r(10, 30), r(40, 41)]);
  });

  it('subtracts what is covered from a wanted range', () => {
    const covered = [r(0, 10), r(20, 30), r(35, 40)];
    expect(subtractRanges(r(5, 50), covered)).toEqual([r(10, 20), r(30, 35), r(40, 50)]);
    expect(subtractRanges(r(0, 10), covered)).toEqual([]);
    expect(subtractRanges(r(-5, 3), covered)).toEqual([r(-5, 0)]);
    expect(subtractRanges(r(12, 18), covered)).toEqual([r(12, 18)]);
  });
});

describe('rate-limit retry', () => {
  const client = createRestClient({ exchangeId: 'binanceusdm', exchangeUrl: 'http://127.0.0.1:9' });

  it('reads Retry-After in seconds or as an HTTP date', () => {
    client.last_response_headers = { 'Retry-After': '3' };
    expect(retryAfterMs(client)).toBe(3000);
    client.last_response_headers = { 'retry-after': new Date(10_000).toUTCString() };
    expect(retryAfterMs(client, 4_000)).toBe(6_000);
    client.last_response_headers = {};
    expect(retryAfterMs(client)).toBeNull();
  });

  it('backs off exponentially on rate limits only, and gives up after the attempts', async () => {
    client.last_response_headers = {};
    const delays: number[] = [];
    let calls = 0;
    const value = await withRetry(
      client,
      'x',
      async () => {
        if (++calls < 4) throw new ccxt.RateLimitExceeded('slow down');
        return 'ok';
      },
      { baseDelayMs: 1, onRetry: (i) => delays.push(i.delayMs) },
    );
    expect(value).toBe('ok');
    expect(delays).toEqual([1, 2, 4]);
    await expect(withRetry(client, 'y', () => Promise.reject(new ccxt.BadSymbol('no')), { baseDelayMs: 1 })).rejects.toBeInstanceOf(ccxt.BadSymbol);
    await expect(withRetry(client, 'z', () => Promise.reject(new ccxt.DDoSProtection('no')), { attempts: 2, baseDelayMs: 1 })).rejects.toBeInstanceOf(
      RetriesExhaustedError,
    );
    await client.close();
  });
});

describe('event orderer', () => {
  it('releases held events in time order after the hold time', () => {
    const o = new EventOrderer({ holdMs: 100, quoteHoldMs: 1_000 });
    o.push(trade(5, 1), 0);
    o.push(quote(3), 10);
    o.push(trade(7, 2), 50);
    expect(o.release(99).events).toEqual([]);
    // The quote at 3 arrived at 10, so it holds back everything after it until 110.
    expect(o.release(105).events).toEqual([]);
    expect(o.release(110).events).toEqual([quote(3), trade(5, 1)]);
    expect(o.release(150).events).toEqual([trade(7, 2)]);
  });

  it('holds a quote until the trade stream reaches its time, at most quoteHoldMs', () => {
    const o = new EventOrderer({ holdMs: 10, quoteHoldMs: 500 });
    o.push(trade(100, 1), 0);
    o.push(quote(200), 0);
    expect(o.release(20).events).toEqual([trade(100, 1)]);
    o.push(trade(250, 2), 100);
    expect(o.release(200).events).toEqual([quote(200), trade(250, 2)]);
    o.push(quote(300), 300);
    expect(o.release(700).events).toEqual([]);
    expect(o.release(800).events).toEqual([quote(300)]);
  });

  it('holds everything while paused, and counts what arrives behind released events', () => {
    const o = new EventOrderer({ holdMs: 0, quoteHoldMs: 0 });
    o.push(quote(50), 0);
    o.pause();
    o.push(trade(60, 2), 0);
    expect(o.release(10).events).toEqual([]);
    o.resume();
    expect(o.release(10).events).toEqual([quote(50), trade(60, 2)]);
    o.push(trade(40, 1), 20);
    o.push(quote(45), 20);
    // The late trade still goes out (none may be lost); the superseded quote does not.
    expect(o.release(30)).toEqual({ events: [trade(40, 1)], outOfOrder: 2 });
  });
});

describe('ccxt clients', () => {
  it('constructs binanceusdm, bybit and okx offline, and refuses unknown ids', async () => {
    for (const id of ['binanceusdm', 'bybit', 'okx']) {
      const rest = createRestClient({ exchangeId: id });
      const pro = await createStreamClient({ exchangeId: id });
      expect(rest.id).toBe(id);
      expect(rest.enableRateLimit).toBe(true);
      expect(pro.has['watchTrades']).toBe(true);
      await rest.close();
      await pro.close();
    }
    expect(() => createRestClient({ exchangeId: 'nosuchexchange' })).toThrow(/ccxt has no REST exchange "nosuchexchange"/);
    expect(() => createRestClient({ exchangeId: 'bybit', exchangeUrl: 'http://127.0.0.1:1' })).toThrow(/binanceusdm protocol only/);
    const local = createRestClient({ exchangeId: 'binanceusdm', exchangeUrl: 'http://127.0.0.1:1234' });
    expect(local.enableRateLimit).toBe(false);
    expect(JSON.stringify(local.urls)).toContain('http://127.0.0.1:1234/fapi/v1');
    await local.close();
  });
});
