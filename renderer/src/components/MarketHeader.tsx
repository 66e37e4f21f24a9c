// The strip a trader glances at: symbol, last price with its tick direction, bid/ask with
// sizes, spread, and the health of the connection and of the feed.

import { decimalsOf, fromTicks } from '../../../core/market/instrument';
import { useMarketStore } from '../store/market-store';
import { formatSize } from '../store/format';

export function MarketHeader() {
  const instrument = useMarketStore((s) => s.instrument);
  const quote = useMarketStore((s) => s.quote);
  const lastTrade = useMarketStore((s) => s.lastTrade);
  const previous = useMarketStore((s) => s.trades[1] ?? null);
  if (!instrument) return <header className="market-header">Auctioneer</header>;
  const d = decimalsOf(instrument.tickSize);
  const price = (ticks: number): string => fromTicks(ticks, instrument.tickSize).toFixed(d);
  const direction = lastTrade && previous ? Math.sign(lastTrade.price - previous.price) : 0;
  return (
    <header className="market-header">
      <div className="symbol">
        {instrument.symbol}
        <span className="muted"> PERP · {instrument.venue}</span>
      </div>
      <div className="field">
        <label>Last</label>
        <span data-testid="last-price" className={`big ${direction > 0 ? 'up' : direction < 0 ? 'down' : ''}`}>
          {lastTrade ? price(lastTrade.price) : '—'}
        </span>
      </div>
      <div className="field">
        <label>Bid</label>
        <span data-testid="bid" className="up">
          {quote ? price(quote.bidPrice) : '—'}
          {quote && <small> × {formatSize(quote.bidSize, instrument)}</small>}
        </span>
      </div>
      <div className="field">
        <label>Ask</label>
        <span data-testid="ask" className="down">
          {quote ? price(quote.askPrice) : '—'}
          {quote && <small> × {formatSize(quote.askSize, instrument)}</small>}
        </span>
      </div>
      <div className="field">
        <label>Spread</label>
        <span data-testid="spread">
          {quote ? `${price(quote.askPrice - quote.bidPrice)} (${quote.askPrice - quote.bidPrice} tick${quote.askPrice - quote.bidPrice === 1 ? '' : 's'})` : '—'}
        </span>
      </div>
      <ConnectionStatus />
    </header>
  );
}

function ConnectionStatus() {
  const connection = useMarketStore((s) => s.connection);
  const status = useMarketStore((s) => s.status);
  let tone: 'ok' | 'warn' | 'bad';
  let text: string;
  if (connection !== 'open') {
    tone = 'bad';
    text = connection === 'connecting' ? 'Connecting to host…' : 'Host disconnected, reconnecting…';
  } else if (!status) {
    tone = 'warn';
    text = 'Waiting for feed…';
  } else {
    tone = status.state === 'live' ? 'ok' : status.state === 'disconnected' ? 'bad' : 'warn';
    text = `${status.source === 'sim' ? 'Simulated market' : status.source} · ${status.state}`;
  }
  return (
    <div className={`status ${tone}`} data-testid="connection-status" data-state={status?.state ?? connection} title={status?.message}>
      <span className="dot" />
      {text}
    </div>
  );
}
