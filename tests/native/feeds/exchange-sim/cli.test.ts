// The `auctioneer exchange-sim` entry and the fault controller's bookkeeping.

import { describe, expect, it } from 'vitest';
import { runExchangeSim } from '../../../../native/feeds/exchange-sim/cli';
import { FaultController } from '../../../../native/feeds/exchange-sim/faults';

describe('runExchangeSim', () => {
  it('serves on 127.0.0.1 with start-up faults and closes cleanly', async () => {
    const sim = await runExchangeSim({ port: 0, seed: 5, historyMinutes: 3, faults: { rateLimitNext: 1, retryAfterSeconds: 2 } });
    try {
      expect(sim.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      const limited = await fetch(`${sim.url}/fapi/v1/time`);
      expect(limited.status).toBe(429);
      expect(limited.headers.get('retry-after')).toBe('2');
      const ok = await fetch(`${sim.url}/fapi/v1/time`);
      expect(ok.status).toBe(200);
      expect(((await ok.json()) as { serverTime: number }).serverTime).toBeGreaterThan(0);
      expect((await fetch(`${sim.url}/fapi/v1/nothing`)).status).toBe(404);
    } finally {
      await sim.close();
    }
    await expect(fetch(`${sim.url}/fapi/v1/time`)).rejects.toThrow();
  });
});

describe('FaultController', () => {
  it('drops the next N trades and explicit id ranges, duplicates and rate-limits on demand', () => {
    let now = 1_000;
    const faults = new FaultController(() => now);
    faults.apply({ dropNextTrades: '2', dropTradeIds: '10-12', duplicateNextTrades: 1, staleQuotesMs: 500, rateLimitNext: 1 });
    expect([1, 2, 3, 10, 11, 12, 13].map((id) => faults.takeDropTrade(id))).toEqual([true, true, false, true, true, true, false]);
    expect([faults.takeDuplicateTrade(), faults.takeDuplicateTrade()]).toEqual([true, false]);
    expect(faults.quotesStale()).toBe(true);
    now += 500;
    expect(faults.quotesStale()).toBe(false);
    expect([faults.takeRateLimit(), faults.takeRateLimit()]).toEqual([1, null]);
    expect(faults.snapshot()).toMatchObject({ droppedTrades: 5, duplicatedTrades: 1, rateLimited: 1 });
    expect(() => faults.apply({ delayMs: -1 })).toThrow();
    expect(() => faults.apply({ dropTradeIds: '12-' })).toThrow();
    let disconnects = 0;
    faults.onDisconnect(() => disconnects++);
    faults.apply({ disconnect: 'true' });
    expect(disconnects).toBe(1);
  });
});
