// Fetches the trades a live stream skipped (ids fromId..toId) over REST. Binance serves both
// aggregate and raw trades by id; other exchanges are asked by time and filtered by id.

import type { Exchange } from 'ccxt';
import { parsePayload, tradesSchema, type CcxtTrade } from './ccxt-schemas';
import { tradeId } from './history-convert';
import { withRetry, type RetryOptions } from './rate-limit-retry';

export type TradeStreamName = 'aggTrade' | 'trade';

export interface GapRequest {
  readonly fromId: number;
  readonly toId: number;
  /** Time of the last trade before the gap, for exchanges that page by time only. */
  readonly sinceTs: number;
}

const PAGE = 500;

/** The missing trades in id order; fewer than asked when the exchange no longer has them all. */
export async function fillTradeGap(
  client: Exchange,
  symbol: string,
  stream: TradeStreamName,
  gap: GapRequest,
  retry: RetryOptions,
): Promise<CcxtTrade[]> {
  const out: CcxtTrade[] = [];
  const binance = client.id.startsWith('binance');
  let next = gap.fromId;
  let since = gap.sinceTs;
  while (next <= gap.toId) {
    const limit = Math.min(PAGE, gap.toId - next + 1);
    const params: Record<string, unknown> = binance ? { fromId: next, ...(stream === 'trade' ? { fetchTradesMethod: 'fapiPublicGetHistoricalTrades' } : {}) } : {};
    const raw = await withRetry(client, `${client.id} gap fill ${symbol}`, () => client.fetchTrades(symbol, binance ? undefined : since, binance ? limit : undefined, params), retry);
    const page = parsePayload(tradesSchema, raw, 'fetchTrades').filter((t) => {
      const id = tradeId(t.id);
      return id >= next && id <= gap.toId;
    });
    page.sort((a, b) => tradeId(a.id) - tradeId(b.id));
    const last = page[page.length - 1];
    if (!last) break;
    out.push(...page);
    next = tradeId(last.id) + 1;
    since = last.timestamp;
  }
  return out;
}
