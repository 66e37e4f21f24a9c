// ccxt keeps the promise of a client's first loadMarkets, a rejected one too: once that first
// request is refused (a 429, a timeout), every later call that needs the markets (watchTrades,
// fetchTrades, loadMarkets itself) fails with the same error, forever. A resumed live feed whose
// first request met a rate limit reconnected for good and never saw a trade.

import type { Exchange } from 'ccxt';

function hasMarkets(client: Exchange): boolean {
  const markets: unknown = client.markets;
  return typeof markets === 'object' && markets !== null && Object.keys(markets).length > 0;
}

/**
 * Before retrying a call that failed: loads the markets afresh if a load was tried and failed
 * (ccxt's cached load is settled, yet no markets came of it). A client that never needed its
 * markets is left alone.
 */
export async function reloadMarketsIfMissing(client: Exchange): Promise<void> {
  const state = client as unknown as { marketsLoading?: unknown; reloadingMarkets?: unknown };
  if (state.marketsLoading === undefined || state.reloadingMarkets === true || hasMarkets(client)) return;
  await client.loadMarkets(true);
}
