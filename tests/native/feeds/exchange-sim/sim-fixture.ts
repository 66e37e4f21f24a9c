// Shared fixture of the exchange-simulator tests: a simulator on 127.0.0.1 with a known seed
// and start time, real ccxt clients pointed at it, and an independent replay of the same
// simulated market to check what the clients receive. Streaming tests use seed 23, whose
// stream never pauses for more than 2 s in its first 40 minutes (some seeds go quiet for 20 s+).

import ccxt from 'ccxt';
import type { Trade } from '../../../../core/market/events';
import { BTCUSDT_PERP } from '../../../../core/market/instrument';
import { startExchangeSim, type ExchangeSim } from '../../../../native/feeds/exchange-sim/server';
import { SimMarketSource } from '../../../../native/feeds/exchange-sim/sim-source';
import { defaultSimConfig, SimulatedMarket } from '../../../../native/feeds/sim/simulated-market';

export const SYMBOL = 'BTC/USDT:USDT';

export interface SimFixture {
  readonly sim: ExchangeSim;
  readonly seed: number;
  readonly startTs: number;
}

export async function startFixture(seed: number, historyMinutes: number): Promise<SimFixture> {
  // A whole minute, so the first bar is complete and comparable.
  const startTs = Math.floor((Date.now() - historyMinutes * 60_000) / 60_000) * 60_000;
  const source = new SimMarketSource({ seed, startTs });
  const sim = await startExchangeSim({ source });
  return { sim, seed, startTs };
}

export function restClient(sim: ExchangeSim): InstanceType<typeof ccxt.binanceusdm> {
  // ccxt's own throttle would make paging slow and is not what these tests are about.
  return new ccxt.binanceusdm({ urls: sim.ccxtUrls(), enableRateLimit: false, timeout: 5_000 });
}

export async function streamClient(sim: ExchangeSim): Promise<InstanceType<typeof ccxt.pro.binanceusdm>> {
  const client = new ccxt.pro.binanceusdm({ urls: sim.ccxtUrls(), enableRateLimit: false, timeout: 5_000 });
  // Without it ccxt cannot open a plain ws:// URL (TOOLCHAIN.md gotcha 5).
  await client.loadHttpProxyAgent();
  return client;
}

/** The simulated trades from the start up to `untilTs` inclusive, replayed independently. */
export function replayTrades(f: SimFixture, untilTs: number): Trade[] {
  const market = new SimulatedMarket(defaultSimConfig(BTCUSDT_PERP, { seed: f.seed, startTs: f.startTs }));
  const trades: Trade[] = [];
  market.emitUntil(untilTs, (e) => {
    if (e.kind === 'trade') trades.push(e.trade);
  });
  return trades;
}

export function price(ticks: number): number {
  return Number((ticks * BTCUSDT_PERP.tickSize).toFixed(1));
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** Rejects after `ms` so no test waits on a stream forever. */
export async function within<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms: ${what}`)), ms);
  });
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}
