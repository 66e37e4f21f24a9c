// The REST side of the simulator: Binance USD-M market-data endpoints (/fapi/v1/..., 
// /futures/data/...) over node:http, plus /_sim/faults to inject faults from outside.

import type { IncomingMessage, ServerResponse } from 'node:http';
import { ZodError } from 'zod';
import { BinanceError, binanceErrors } from './binance-error';
import type { MarketDataSource } from './data-source';
import { exchangeInfo } from './exchange-info';
import type { FaultController } from './faults';
import { parseQuery, restSchemas } from './rest-params';
import type { WireFormat } from './wire-format';

/** Binance refuses aggTrades windows longer than an hour. */
const AGG_TRADES_MAX_WINDOW_MS = 3_600_000;

type Route = (query: Record<string, string>) => Promise<unknown>;

export interface RestApiDeps {
  readonly source: MarketDataSource;
  readonly wire: WireFormat;
  readonly faults: FaultController;
  /** The bookTicker update id matching source.latestQuote(). */
  readonly bookUpdateId: () => number;
}

export function createRestHandler(deps: RestApiDeps): (req: IncomingMessage, res: ServerResponse) => void {
  const routes = buildRoutes(deps);
  return (req, res) => {
    void handle(deps, routes, req, res);
  };
}

async function handle(
  deps: RestApiDeps,
  routes: ReadonlyMap<string, Route>,
  req: IncomingMessage,
  res: ServerResponse,
): Promise<void> {
  const url = new URL(req.url ?? '/', 'http://127.0.0.1');
  const query = Object.fromEntries(url.searchParams);
  try {
    if (url.pathname === '/_sim/faults') {
      // The control endpoint is never rate-limited, so a test can always switch faults off.
      if (Object.keys(query).length > 0) deps.faults.apply(query);
      send(res, 200, deps.faults.snapshot());
      return;
    }
    const route = routes.get(url.pathname);
    if (!route) throw binanceErrors.unknownPath(url.pathname);
    if (req.method !== 'GET' && req.method !== 'HEAD') throw binanceErrors.method(req.method ?? '?');
    const retryAfter = deps.faults.takeRateLimit();
    if (retryAfter !== null) {
      send(res, 429, binanceErrors.tooManyRequests().body(), { 'Retry-After': String(retryAfter) });
      return;
    }
    send(res, 200, await route(query));
  } catch (error) {
    if (error instanceof BinanceError) send(res, error.status, error.body());
    else if (error instanceof ZodError) send(res, 400, { code: -1100, msg: `Invalid fault request: ${error.issues[0]?.message ?? ''}` });
    else send(res, 500, { code: -1001, msg: `Internal error: ${error instanceof Error ? error.message : String(error)}` });
  }
}

function send(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'Content-Type': 'application/json;charset=UTF-8', 'Content-Length': Buffer.byteLength(text), ...headers });
  res.end(text);
}

function buildRoutes({ source, wire, bookUpdateId }: RestApiDeps): ReadonlyMap<string, Route> {
  const s = restSchemas(wire.symbol);
  const routes = new Map<string, Route>();
  routes.set('/fapi/v1/ping', async () => ({}));
  routes.set('/fapi/v1/time', async () => ({ serverTime: source.now() }));
  routes.set('/fapi/v1/exchangeInfo', async () => exchangeInfo(source.instrument, source.now(), source.listedAt()));
  routes.set('/fapi/v1/klines', async (q) => {
    const p = parseQuery(s.klines, q);
    const klines = await source.klines(p.interval, p);
    return klines.map((k) => wire.kline(k));
  });
  routes.set('/fapi/v1/aggTrades', async (q) => {
    const p = parseQuery(s.aggTrades, q);
    if (p.startTime !== undefined && p.endTime !== undefined && p.endTime - p.startTime > AGG_TRADES_MAX_WINDOW_MS) {
      throw binanceErrors.lookupTooBig();
    }
    return (await source.aggTrades(p)).map((a) => wire.aggTrade(a));
  });
  routes.set('/fapi/v1/trades', async (q) => {
    const p = parseQuery(s.trades, q);
    return (await source.trades({ limit: p.limit })).map((t) => wire.restTrade(t));
  });
  routes.set('/fapi/v1/historicalTrades', async (q) => {
    const p = parseQuery(s.historicalTrades, q);
    return (await source.trades(p)).map((t) => wire.restTrade(t));
  });
  routes.set('/fapi/v1/fundingRate', async (q) => {
    const p = parseQuery(s.fundingRate, q);
    return (await source.fundingRates(p)).map((f) => wire.fundingRate(f));
  });
  routes.set('/fapi/v1/openInterest', async (q) => {
    parseQuery(s.openInterest, q);
    return wire.openInterest(await source.openInterestAt(source.now()));
  });
  routes.set('/futures/data/openInterestHist', async (q) => {
    const p = parseQuery(s.openInterestHist, q);
    return (await source.openInterestHistory(p.period, p)).map((o) => wire.openInterestHist(o));
  });
  routes.set('/fapi/v1/ticker/bookTicker', async (q) => {
    const p = parseQuery(s.bookTicker, q);
    const quote = source.latestQuote();
    if (!quote) throw binanceErrors.badSymbol();
    const ticker = wire.bookTickerRest(quote, bookUpdateId());
    return p.symbol === undefined ? [ticker] : ticker;
  });
  return routes;
}
