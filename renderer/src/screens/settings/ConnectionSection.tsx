// Where market data comes from and which symbol: the simulated market, the local exchange
// simulator, or an exchange through ccxt (its id and the unified symbol). Connecting here is the
// same as the picker in the header; the host keeps the last connection made and restores it at
// the next start.

import { useEffect, useState } from 'react';
import type { AuctioneerApi, RequestResult } from '../../../../core/api/contract';
import { useMarketStore } from '../../store/market-store';

type FeedOptions = RequestResult<'feed.options'>;
type Source = 'sim' | 'exchange-sim' | 'exchange';

export function ConnectionSection({ api }: { api: AuctioneerApi }) {
  const [options, setOptions] = useState<FeedOptions | null>(null);
  const [source, setSource] = useState<Source>('sim');
  const [seed, setSeed] = useState('1');
  const [exchange, setExchange] = useState('binanceusdm');
  const [symbol, setSymbol] = useState('BTC/USDT:USDT');
  const [message, setMessage] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    void api.request('feed.options', {}).then((o) => {
      setOptions(o);
      // A saved connection that could not be restored is offered again, with why it failed.
      const c = o.restoreFailure?.choice ?? o.current;
      if (o.restoreFailure) setMessage(`Not restored at start: ${o.restoreFailure.error}`);
      if (c.source === 'sim' || c.source === 'exchange-sim') {
        setSource(c.source);
        setSeed(String(c.seed));
      } else if (c.source === 'exchange') {
        setSource('exchange');
        setExchange(c.exchange);
        setSymbol(c.symbol);
      }
    });
  }, [api]);

  const connect = async (): Promise<void> => {
    setBusy(true);
    try {
      const status =
        source === 'exchange'
          ? await api.request('feed.connect', { source, exchange: exchange.trim(), symbol: symbol.trim() })
          : await api.request('feed.connect', { source, seed: Math.max(0, Math.round(Number(seed) || 0)) });
      useMarketStore.getState().setReplay(null);
      setOptions(await api.request('feed.options', {}));
      setMessage(`Connected: ${status.source} ${status.symbol} (${status.state})`);
    } catch (e) {
      setMessage(`Could not connect: ${e instanceof Error ? e.message : String(e)}`);
    } finally {
      setBusy(false);
    }
  };

  const availability = (s: Source) => options?.sources.find((x) => x.source === s);
  return (
    <section className="settings-card" data-testid="settings-connection">
      <h2>Connection and symbol</h2>
      <div className="settings-row">
        <select data-testid="connection-source" value={source} onChange={(e) => setSource(e.target.value as Source)}>
          {(['sim', 'exchange-sim', 'exchange'] as const).map((s) => (
            <option key={s} value={s} disabled={availability(s)?.available === false} title={availability(s)?.note}>
              {s === 'sim' ? 'Simulated market' : s === 'exchange-sim' ? 'Local exchange simulator (ccxt)' : 'Exchange through ccxt'}
            </option>
          ))}
        </select>
        {source === 'exchange' ? (
          <>
            <input data-testid="connection-exchange" value={exchange} onChange={(e) => setExchange(e.target.value)} placeholder="ccxt id, e.g. binanceusdm" title="the ccxt exchange id" />
            <input data-testid="connection-symbol" value={symbol} onChange={(e) => setSymbol(e.target.value)} placeholder="BTC/USDT:USDT" title="the ccxt unified symbol" />
          </>
        ) : (
          <label className="inline">
            seed <input data-testid="connection-seed" value={seed} onChange={(e) => setSeed(e.target.value)} size={6} />
            <span className="muted"> · BTCUSDT perpetual</span>
          </label>
        )}
        <button data-testid="connection-connect" disabled={busy} onClick={() => void connect()}>
          Connect
        </button>
      </div>
      <p className="muted">{availability(source)?.note}</p>
      {message && <p data-testid="connection-message">{message}</p>}
    </section>
  );
}
