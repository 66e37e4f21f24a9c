// Builds ccxt REST and websocket clients for an exchange id, optionally pointed at the local
// exchange simulator, and describes a ccxt market as one of the engine's instruments.

import ccxt, { type Exchange } from 'ccxt';
import { z } from 'zod';
import { findInstrument } from '../../../core/market/instruments';
import type { Instrument } from '../../../core/market/instrument';
import { binanceUsdmUrls } from '../exchange-sim/ccxt-urls';

const TICK_SIZE_MODE = 4;

type ExchangeCtor = new (config: Record<string, unknown>) => Exchange;

export interface CcxtClientOptions {
  readonly exchangeId: string;
  /** http://127.0.0.1:PORT of a local simulator (binanceusdm protocol only). */
  readonly exchangeUrl?: string;
  /** ccxt's own throttle by the exchange's request weights: on by default, off by default
   *  against the local simulator, which has no limits unless told to answer 429. */
  readonly enableRateLimit?: boolean;
  readonly timeoutMs?: number;
}

function config(options: CcxtClientOptions): Record<string, unknown> {
  const out: Record<string, unknown> = { enableRateLimit: options.enableRateLimit ?? options.exchangeUrl === undefined, timeout: options.timeoutMs ?? 10_000 };
  if (options.exchangeUrl !== undefined) {
    if (options.exchangeId !== 'binanceusdm') throw new Error(`--exchange-url speaks the binanceusdm protocol only, not ${options.exchangeId}`);
    const url = new URL(options.exchangeUrl);
    if (url.protocol !== 'http:') throw new Error(`exchange url must be http://host:port, found ${options.exchangeUrl}`);
    const base = `http://${url.host}`;
    out['urls'] = binanceUsdmUrls(base, `ws://${url.host}/ws`);
  }
  return out;
}

function lookup(table: unknown, id: string, what: string): ExchangeCtor {
  const ctor: unknown = (table as Record<string, unknown>)[id];
  if (!ccxt.exchanges.includes(id) || typeof ctor !== 'function') throw new Error(`ccxt has no ${what} exchange "${id}"`);
  return ctor as ExchangeCtor;
}

export function createRestClient(options: CcxtClientOptions): Exchange {
  return new (lookup(ccxt, options.exchangeId, 'REST'))(config(options));
}

/** A ccxt.pro client; plain ws:// URLs need ccxt's proxy agent loaded first (TOOLCHAIN.md gotcha 5). */
export async function createStreamClient(options: CcxtClientOptions): Promise<Exchange> {
  const client = new (lookup(ccxt.pro, options.exchangeId, 'websocket'))(config(options));
  if (options.exchangeUrl !== undefined) await client.loadHttpProxyAgent();
  return client;
}

const marketSchema = z.object({
  id: z.string().min(1),
  symbol: z.string(),
  precision: z.object({ price: z.number().positive(), amount: z.number().positive().optional() }),
  contractSize: z.number().positive().nullish(),
  taker: z.number().nullish(),
  maker: z.number().nullish(),
});

/** The engine instrument for a ccxt symbol; a known instrument wins so its fees stay exact. */
export async function instrumentFor(client: Exchange, symbol: string): Promise<Instrument> {
  const markets = await client.loadMarkets();
  const parsed = marketSchema.safeParse(markets[symbol]);
  if (!parsed.success) throw new Error(`${client.id} has no usable market "${symbol}": ${parsed.error.issues[0]?.message ?? 'unknown'}`);
  const m = parsed.data;
  const known = findInstrument(`${client.id}:${m.id}`);
  // precision.price is a tick size only in ccxt's TICK_SIZE mode (4); other modes count digits.
  if (client.precisionMode !== TICK_SIZE_MODE) throw new Error(`${client.id}: ccxt reports price precision as digits, not a tick size; not supported`);
  if (known && Math.abs(known.tickSize - m.precision.price) < 1e-12) return known;
  return {
    venue: client.id,
    symbol: m.id.toUpperCase(),
    tickSize: m.precision.price,
    contractSize: m.contractSize ?? 1,
    sizeStep: m.precision.amount ?? 1e-8,
    takerFeeBps: (m.taker ?? 0) * 10_000,
    makerFeeBps: (m.maker ?? 0) * 10_000,
    fundingIntervalHours: 8,
  };
}
