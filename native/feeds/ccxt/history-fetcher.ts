// Fetches exchange history through ccxt into the store: 1m bars, aggregate trades, funding rates
// and open interest. Incremental (only ranges the store has not fetched before), resumable (each
// page is stored with its fetched range in one transaction) and patient with rate limits.

import type { Exchange } from 'ccxt';
import type { Instrument } from '../../../core/market/instrument';
import { FetchState, type TimeRange } from '../../store/fetch-state';
import type { Store } from '../../store/store';
import { instrumentFor } from './ccxt-client';
import { fundingSchema, ohlcvSchema, openInterestSchema, parsePayload } from './ccxt-schemas';
import { barRow, tradeBlock } from './history-convert';
import { abortError, withRetry, type RetryOptions } from './rate-limit-retry';
import { nextTradePage } from './trade-pages';

export const HISTORY_KINDS = ['bars', 'trades', 'funding', 'oi'] as const;
export type HistoryKind = (typeof HISTORY_KINDS)[number];

const MINUTE_MS = 60_000;
const OI_PERIODS = { '5m': 300, '15m': 900, '30m': 1_800, '1h': 3_600, '4h': 14_400, '1d': 86_400 } as const;
export type OiPeriod = keyof typeof OI_PERIODS;

export interface FetchProgress {
  readonly kind: HistoryKind;
  /** Milliseconds of the requested ranges fetched so far, over every kind. */
  readonly doneMs: number;
  readonly totalMs: number;
  /** Rows stored so far, over every kind. */
  readonly rows: number;
}

export interface FetchHistoryOptions {
  readonly client: Exchange;
  readonly store: Store;
  /** ccxt unified symbol, e.g. BTC/USDT:USDT. */
  readonly symbol: string;
  readonly kinds: readonly HistoryKind[];
  readonly fromTs: number;
  /** Exclusive; clamped to what the exchange has settled (complete bars, trades a few s old). */
  readonly toTs: number;
  readonly signal?: AbortSignal;
  /** Called after each stored page; throwing from it stops the fetch (the page is kept). */
  readonly onProgress?: (progress: FetchProgress) => void;
  readonly retry?: RetryOptions;
  /** Rows per request; defaults are Binance's maxima. */
  readonly pageLimits?: Partial<Record<HistoryKind, number>>;
  readonly oiPeriod?: OiPeriod;
  /** Trades younger than this may still be aggregated with later fills (default 5 s). */
  readonly settleMs?: number;
  readonly now?: () => number;
}

export interface KindResult {
  readonly rows: number;
  readonly pages: number;
  /** The ranges that were missing and have now been fetched. */
  readonly fetched: readonly TimeRange[];
}

export interface FetchHistoryResult {
  readonly instrument: Instrument;
  readonly instrumentId: number;
  readonly fromTs: number;
  readonly toTs: number;
  readonly kinds: Partial<Record<HistoryKind, KindResult>>;
}

/** One stored page: its rows and the exclusive end of the time it accounts for. */
interface Page {
  readonly rows: number;
  readonly endTs: number;
  /** Next aggregate id for id-paged trades. */
  readonly nextId?: number;
}

const DEFAULT_LIMITS: Record<HistoryKind, number> = { bars: 1500, trades: 1000, funding: 1000, oi: 500 };

export function stateKey(kind: HistoryKind, oiPeriod: OiPeriod): string {
  return kind === 'bars' ? 'bars:60' : kind === 'oi' ? `oi:${OI_PERIODS[oiPeriod]}` : kind;
}

export async function fetchHistory(options: FetchHistoryOptions): Promise<FetchHistoryResult> {
  const { client, store, symbol } = options;
  if (!(options.toTs > options.fromTs)) throw new Error(`fetch range is empty: from ${iso(options.fromTs)} to ${iso(options.toTs)}`);
  const instrument = await withRetry(client, `${client.id} loadMarkets`, () => instrumentFor(client, symbol), options.retry);
  const instrumentId = store.ensureInstrument(instrument);
  const state = new FetchState(store, instrumentId);
  const now = (options.now ?? Date.now)();
  const oiPeriod = options.oiPeriod ?? '5m';
  const settle = options.settleMs ?? 5_000;
  const source = `ccxt:${client.id}`;

  const endFor = (kind: HistoryKind): number => {
    const settled =
      kind === 'bars' ? Math.floor(now / MINUTE_MS) * MINUTE_MS : kind === 'trades' ? now - settle : kind === 'oi' ? now - OI_PERIODS[oiPeriod] * 1000 : now;
    return Math.min(options.toTs, settled);
  };
  const plan = options.kinds.map((kind) => {
    const end = endFor(kind);
    const missing = end > options.fromTs ? state.missing(stateKey(kind, oiPeriod), { fromTs: options.fromTs, toTs: end }) : [];
    return { kind, missing };
  });
  const totalMs = plan.reduce((s, p) => s + p.missing.reduce((t, r) => t + r.toTs - r.fromTs, 0), 0);
  let doneMs = 0;
  let rowsTotal = 0;
  const result: Partial<Record<HistoryKind, KindResult>> = {};

  for (const { kind, missing } of plan) {
    const key = stateKey(kind, oiPeriod);
    const limit = options.pageLimits?.[kind] ?? DEFAULT_LIMITS[kind];
    let rows = 0;
    let pages = 0;
    const call = <T>(what: string, fn: () => Promise<T>): Promise<T> =>
      withRetry(client, `${client.id} ${what} ${symbol}`, fn, { ...options.retry, ...(options.signal ? { signal: options.signal } : {}) });

    const fetchPage = async (range: TimeRange, cursor: number, nextId: number | undefined): Promise<Page> => {
      switch (kind) {
        case 'bars': {
          const raw = await call('fetchOHLCV', () => client.fetchOHLCV(symbol, '1m', cursor, limit, { until: range.toTs - 1 }));
          const bars = parsePayload(ohlcvSchema, raw, 'fetchOHLCV').filter((b) => b[0] >= cursor && b[0] < range.toTs);
          const last = bars[bars.length - 1];
          const endTs = last ? last[0] + MINUTE_MS : range.toTs;
          store.transaction(() => {
            store.upsertBars(instrumentId, 60, bars.map((b) => barRow(b, instrument)), source);
            state.markFetched(key, { fromTs: cursor, toTs: endTs });
          });
          return { rows: bars.length, endTs };
        }
        case 'trades': {
          const page = await nextTradePage(client, symbol, range, cursor, nextId, limit, call);
          store.transaction(() => {
            if (page.trades.length > 0) store.writeTrades(instrumentId, 'import', tradeBlock(page.trades, instrument));
            state.markFetched(key, { fromTs: cursor, toTs: page.endTs });
          });
          return { rows: page.trades.length, endTs: page.endTs, ...(page.nextId !== undefined ? { nextId: page.nextId } : {}) };
        }
        case 'funding': {
          const raw = await call('fetchFundingRateHistory', () => client.fetchFundingRateHistory(symbol, cursor, limit, { until: range.toTs - 1 }));
          const points = parsePayload(fundingSchema, raw, 'fetchFundingRateHistory').filter((p) => p.timestamp >= cursor && p.timestamp < range.toTs);
          const last = points[points.length - 1];
          const endTs = last ? last.timestamp + 1 : range.toTs;
          store.transaction(() => {
            store.upsertFunding(instrumentId, points.map((p) => ({ ts: p.timestamp, rate: p.fundingRate })));
            state.markFetched(key, { fromTs: cursor, toTs: endTs });
          });
          return { rows: points.length, endTs };
        }
        case 'oi': {
          const raw = await call('fetchOpenInterestHistory', () => client.fetchOpenInterestHistory(symbol, oiPeriod, cursor, limit, { until: range.toTs - 1 }));
          const points = parsePayload(openInterestSchema, raw, 'fetchOpenInterestHistory').filter((p) => p.timestamp >= cursor && p.timestamp < range.toTs);
          const last = points[points.length - 1];
          const endTs = last ? last.timestamp + 1 : range.toTs;
          store.transaction(() => {
            store.upsertOpenInterest(
              instrumentId,
              OI_PERIODS[oiPeriod],
              points.map((p) => ({ ts: p.timestamp, openInterest: p.openInterestAmount, value: p.openInterestValue ?? null })),
            );
            state.markFetched(key, { fromTs: cursor, toTs: endTs });
          });
          return { rows: points.length, endTs };
        }
      }
    };

    for (const range of missing) {
      let cursor = range.fromTs;
      let nextId: number | undefined;
      while (cursor < range.toTs) {
        if (options.signal?.aborted) throw abortError(options.signal);
        const page = await fetchPage(range, cursor, nextId);
        pages++;
        rows += page.rows;
        rowsTotal += page.rows;
        doneMs += page.endTs - cursor;
        if (page.endTs <= cursor && page.nextId === undefined) throw new Error(`${client.id} ${kind}: paging made no progress at ${iso(cursor)}`);
        cursor = page.endTs;
        nextId = page.nextId;
        options.onProgress?.({ kind, doneMs, totalMs, rows: rowsTotal });
      }
    }
    result[kind] = { rows, pages, fetched: missing };
  }
  return { instrument, instrumentId, fromTs: options.fromTs, toTs: options.toTs, kinds: result };
}

function iso(ts: number): string {
  return Number.isFinite(ts) ? new Date(ts).toISOString() : String(ts);
}
