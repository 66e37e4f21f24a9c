// The strip a trader glances at: symbol, last price with its tick direction, bid/ask with
// sizes, spread, and the health of the connection and of the feed.

import type { ReactNode } from 'react';
import { decimalsOf, fromTicks } from '../../../core/market/instrument';
import { useMarketStore } from '../store/market-store';
import { formatSize } from '../store/format';

export function MarketHeader({ feedPicker }: { feedPicker?: ReactNode }) {
  const instrument = useMarketStore((s) => s.instrument);
  const quote = useMarketStore((s) => s.quote);
  const lastTrade = useMarketStore((s) => s.lastTrade);
  const previous = useMarketStore((s) => s.trades[1] ?? null);
  if (!instrument) {
    return (
      <header className="market-header">
        Auctioneer
        {feedPicker}
        <ConnectionStatus />
      </header>
    );
  }
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
      <div className="field quote">
        <label>Bid</label>
        <span data-testid="bid" className="up">
          {quote ? price(quote.bidPrice) : '—'}
          {quote && <small> × {formatSize(quote.bidSize, instrument)}</small>}
        </span>
      </div>
      <div className="field quote">
        <label>Ask</label>
        <span data-testid="ask" className="down">
          {quote ? price(quote.askPrice) : '—'}
          {quote && <small> × {formatSize(quote.askSize, instrument)}</small>}
        </span>
      </div>
      <div className="field spread">
        <label>Spread</label>
        <span data-testid="spread">
          {quote ? `${price(quote.askPrice - quote.bidPrice)} (${quote.askPrice - quote.bidPrice} tick${quote.askPrice - quote.bidPrice === 1 ? '' : 's'})` : '—'}
        </span>
      </div>
      <ValueAreaFields />
      {feedPicker}
      <ConnectionStatus />
    </header>
  );
}

function ConnectionStatus() {
  const connection = useMarketStore((s) => s.connection);
  const status = useMarketStore((s) => s.status);
  let tone: 'ok' | 'warn' | 'bad';
  let text: string;
  // The state word never gives way to a narrow window: the source name does.
  let state = '';
  if (connection !== 'open') {
    tone = 'bad';
    text = connection === 'connecting' ? 'Connecting to host…' : 'Host disconnected, reconnecting…';
  } else if (!status) {
    tone = 'warn';
    text = 'Waiting for feed…';
  } else {
    tone = status.state === 'live' ? 'ok' : status.state === 'disconnected' ? 'bad' : 'warn';
    text = `${status.source === 'sim' ? 'Simulated market' : status.source} ·`;
    state = ` ${status.state}`;
  }
  return (
    <div className={`status ${tone}`} data-testid="connection-status" data-state={status?.state ?? connection} title={status?.message}>
      <span className="dot" />
      <span className="status-text">{text}</span>
      {state && <b className="status-state">{state}</b>}
    </div>
  );
}

/** The rolling 4-hour value area: where value is, and where price sits against it. */
function ValueAreaFields() {
  const instrument = useMarketStore((s) => s.instrument);
  const profile = useMarketStore((s) => s.profile);
  const last = useMarketStore((s) => s.lastTrade);
  if (!instrument) return null;
  const d = decimalsOf(instrument.tickSize);
  const price = (ticks: number): string => fromTicks(ticks, instrument.tickSize).toFixed(d);
  if (!profile?.valid) {
    return (
      <div className="field" data-testid="value-area">
        <label>Value area 4h</label>
        <span className="muted">building…</span>
      </div>
    );
  }
  const top = profile.vah + profile.binTicks;
  const where = !last ? '' : last.price >= top ? 'above value' : last.price < profile.val ? 'below value' : 'inside value';
  return (
    <>
      <div className="field" data-testid="value-area">
        <label>Value area 4h</label>
        <span>
          <span className="va">{price(profile.val)}</span> – <span className="va">{price(top)}</span>
          {where && <small> · {where}</small>}
        </span>
      </div>
      <div className="field">
        <label>POC</label>
        <span data-testid="poc" className="poc">
          {price(profile.poc)}
          {profile.binTicks > 1 && <small> · bin {price(profile.binTicks)}</small>}
        </span>
      </div>
    </>
  );
}
