// Says so when the connection the trader chose last could not be restored at start, and which
// feed runs instead; gone once the trader connects one (or dismisses it).

import { useEffect, useState } from 'react';
import type { AuctioneerApi, RequestResult } from '../../../core/api/contract';
import { useMarketStore } from '../store/market-store';

type FeedChoice = RequestResult<'feed.options'>['current'];

export function describeFeed(choice: FeedChoice): string {
  switch (choice.source) {
    case 'sim':
      return `the simulated market (seed ${choice.seed})`;
    case 'exchange-sim':
      return `the local exchange simulator (seed ${choice.seed})`;
    case 'exchange':
      return `${choice.exchange} ${choice.symbol} through ccxt`;
    case 'replay':
      return 'a replay of stored data';
  }
}

export function RestoreNotice({ api }: { api: AuctioneerApi }) {
  const connection = useMarketStore((s) => s.connection);
  const [notice, setNotice] = useState<string | null>(null);

  useEffect(() => {
    if (connection !== 'open') return;
    const ask = (): void =>
      void api.request('feed.options', {}).then(
        (o) => setNotice(o.restoreFailure ? `Could not reconnect to ${describeFeed(o.restoreFailure.choice)}, the connection chosen last: ${o.restoreFailure.error}. Showing ${describeFeed(o.current)} instead; reconnect in Data & settings.` : null),
        () => undefined,
      );
    ask();
    // Another feed connected: a connection the trader chose clears the failure.
    return api.on('market.reset', ask);
  }, [api, connection]);

  if (!notice) return null;
  return (
    <div className="banner warn" role="alert" data-testid="restore-notice">
      {notice}
      <button className="link" onClick={() => setNotice(null)} title="Hide this message">
        Dismiss
      </button>
    </div>
  );
}
