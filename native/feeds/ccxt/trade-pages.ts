// One page of trade history through ccxt's fetchTrades, with how much time it accounts for.
// Binance (aggTrades) pages by aggregate id once one is known; the first id of a range is found
// by time in a window narrow enough to come back whole, because a full window may be truncated.

import type { Exchange } from 'ccxt';
import type { TimeRange } from '../../store/fetch-state';
import { parsePayload, tradesSchema, type CcxtTrade } from './ccxt-schemas';
import { tradeId } from './history-convert';

const HOUR_MS = 3_600_000;
/** Narrowest window tried when looking for the first trade of a range. */
const MIN_WINDOW_MS = 50;

export interface TradePage {
  /** Trades to store, all inside [cursor, range.toTs). */
  readonly trades: readonly CcxtTrade[];
  /** Exclusive end of the time this page completes. */
  readonly endTs: number;
  /** Aggregate id to continue from, when paging by id. */
  readonly nextId?: number;
}

export type CallWithRetry = <T>(what: string, fn: () => Promise<T>) => Promise<T>;

export async function nextTradePage(
  client: Exchange,
  symbol: string,
  range: TimeRange,
  cursor: number,
  nextId: number | undefined,
  limit: number,
  call: CallWithRetry,
): Promise<TradePage> {
  const fetch = async (since: number | undefined, params: Record<string, unknown>): Promise<CcxtTrade[]> =>
    parsePayload(tradesSchema, await call('fetchTrades', () => client.fetchTrades(symbol, since, limit, params)), 'fetchTrades');
  const inside = (trades: readonly CcxtTrade[], until: number): CcxtTrade[] => trades.filter((t) => t.timestamp >= cursor && t.timestamp < until);
  const continueAfter = (last: CcxtTrade | undefined): number | undefined => {
    const id = last ? tradeId(last.id) : NaN;
    return last && last.timestamp < range.toTs && Number.isSafeInteger(id) ? id + 1 : undefined;
  };

  if (!client.id.startsWith('binance')) {
    const page = await fetch(cursor, { until: range.toTs - 1 });
    const last = page[page.length - 1];
    const complete = !last || last.timestamp >= range.toTs || page.length < limit;
    // Fills at the last millisecond may continue on the next page: that ms is fetched again.
    const endTs = complete ? range.toTs : Math.max(cursor + 1, last.timestamp);
    return { trades: inside(page, endTs), endTs };
  }

  if (nextId !== undefined) {
    const page = await fetch(undefined, { fromId: nextId });
    const last = page[page.length - 1];
    const complete = !last || last.timestamp >= range.toTs || page.length < limit;
    const endTs = complete ? range.toTs : Math.max(cursor, last.timestamp);
    const next = complete ? undefined : continueAfter(last);
    return { trades: inside(page, range.toTs), endTs, ...(next !== undefined ? { nextId: next } : {}) };
  }

  // Binance answers a time window with more than `limit` trades with only part of it.
  let window = Math.min(HOUR_MS, range.toTs - cursor);
  for (;;) {
    const until = cursor + window - 1;
    const page = await fetch(cursor, { until });
    if (page.length < limit || window <= MIN_WINDOW_MS) {
      const endTs = page.length < limit ? Math.min(range.toTs, until + 1) : Math.max(cursor, page[page.length - 1]?.timestamp ?? cursor);
      const last = page[page.length - 1];
      const next = last && endTs < range.toTs ? continueAfter(last) : undefined;
      return { trades: inside(page, endTs), endTs, ...(next !== undefined ? { nextId: next } : {}) };
    }
    window = Math.max(MIN_WINDOW_MS, Math.floor(window / 8));
  }
}
