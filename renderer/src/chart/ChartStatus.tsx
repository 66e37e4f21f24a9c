// What the chart says when it cannot simply show the market: loading, no trades yet, host or
// feed disconnected, stale data (the last bars stay visible under a warning).

import { useEffect, useState } from 'react';
import { useMarketStore } from '../store/market-store';

export function ChartStatus() {
  const connection = useMarketStore((s) => s.connection);
  const status = useMarketStore((s) => s.status);
  const error = useMarketStore((s) => s.error);
  const instrument = useMarketStore((s) => s.instrument);
  const hasBars = useMarketStore((s) => s.bars.length > 0);
  const [now, setNow] = useState(Date.now());
  useEffect(() => {
    const t = setInterval(() => setNow(Date.now()), 1_000);
    return () => clearInterval(t);
  }, []);

  let kind: 'loading' | 'empty' | 'error' | 'stale' | null = null;
  let title = '';
  let detail = '';
  if (connection !== 'open') {
    kind = 'error';
    title = connection === 'connecting' ? 'Connecting to the host…' : 'Host disconnected';
    detail = connection === 'connecting' ? '' : 'Reconnecting; the chart reloads when the host is back.';
  } else if (error) {
    kind = 'error';
    title = 'Could not load the market';
    detail = error;
  } else if (!instrument) {
    kind = 'loading';
    title = 'Loading the market…';
  } else if (status?.state === 'disconnected') {
    kind = 'error';
    title = `Feed disconnected: ${status.source} ${status.symbol}`;
    detail = status.message;
  } else if (status?.state === 'connecting' && !hasBars) {
    kind = 'loading';
    title = `Connecting to ${status.source}…`;
    detail = status.message;
  } else if (!hasBars) {
    kind = 'empty';
    title = 'No trades yet';
    detail = 'The chart starts with the first trade.';
  } else if (status?.state === 'stale') {
    kind = 'stale';
    title = 'Stale data';
    const last = status.lastEventTs;
    detail = `${status.message}${last !== null ? ` · last event ${new Date(last).toISOString().slice(11, 19)} UTC` : ''}`;
  }
  if (!kind) return null;
  void now;
  if (kind === 'stale') {
    return (
      <div className="chart-status stale" role="status" data-testid="chart-status" data-kind={kind}>
        <b>{title}</b> {detail}
      </div>
    );
  }
  return (
    <div className={`chart-overlay ${kind}`} role="status" data-testid="chart-status" data-kind={kind}>
      <div>
        <b>{title}</b>
        {detail && <div className="muted">{detail}</div>}
      </div>
    </div>
  );
}
