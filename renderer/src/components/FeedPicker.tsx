// Where the market data comes from: the simulated market, the local exchange simulator, or an
// exchange through ccxt. Sources this build cannot use are listed, disabled, with the reason.

import { useEffect, useState } from 'react';
import type { AuctioneerApi, RequestResult } from '../../../core/api/contract';
import { useMarketStore } from '../store/market-store';

type FeedOptions = RequestResult<'feed.options'>;

const LABELS: Record<FeedOptions['sources'][number]['source'], string> = {
  sim: 'Simulated market',
  'exchange-sim': 'Local exchange simulator',
  exchange: 'Exchange (ccxt)',
  replay: 'Replay stored data',
};

export function FeedPicker({ api }: { api: AuctioneerApi }) {
  const [options, setOptions] = useState<FeedOptions | null>(null);
  const [busy, setBusy] = useState(false);
  const connection = useMarketStore((s) => s.connection);

  useEffect(() => {
    if (connection !== 'open') return;
    void api.request('feed.options', {}).then(setOptions, (e: unknown) => useMarketStore.getState().setError(String(e)));
  }, [api, connection]);

  if (!options) return null;
  const connect = async (source: string): Promise<void> => {
    setBusy(true);
    try {
      if (source === 'sim' || source === 'exchange-sim') await api.request('feed.connect', { source });
      else if (source === 'replay') {
        // Start with the latest stored day; the replay bar picks another.
        const calendar = await api.request('store.calendar', {});
        const day = calendar.days[calendar.days.length - 1];
        if (!day) throw new Error('the store has no ticks to replay yet: import or capture some first');
        await api.request('feed.connect', { source: 'replay', fromTs: day.firstTs, toTs: day.lastTs + 1, speed: 1 });
      } else await api.request('feed.connect', { source: 'exchange', exchange: 'binanceusdm', symbol: 'BTC/USDT:USDT' });
      if (source !== 'replay') useMarketStore.getState().setReplay(null);
      setOptions(await api.request('feed.options', {}));
      useMarketStore.getState().setError(null);
    } catch (e) {
      useMarketStore.getState().setError(`Could not connect: ${e instanceof Error ? e.message : String(e)}`);
    } finally {
      setBusy(false);
    }
  };
  return (
    <div className="field feed-picker">
      <label htmlFor="feed-source">Feed</label>
      <select id="feed-source" data-testid="feed-source" value={options.current.source} disabled={busy} onChange={(e) => void connect(e.target.value)}>
        {options.sources.map((s) => (
          <option key={s.source} value={s.source} disabled={!s.available} title={s.note}>
            {LABELS[s.source]}
            {s.available ? '' : ' (unavailable)'}
          </option>
        ))}
      </select>
    </div>
  );
}
