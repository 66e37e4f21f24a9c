// Time and sales: the newest prints first, coloured by aggressor, large prints emphasised. The
// list follows the store at low priority (a deferred value): on a busy feed its re-render yields
// to the chart's frame instead of delaying it.

import { memo, useDeferredValue } from 'react';
import type { Trade } from '../../../core/market/events';
import type { Instrument } from '../../../core/market/instrument';
import { useMarketStore } from '../store/market-store';
import { formatClock, formatPrice, formatSize } from '../store/format';

const LARGE_PRINT = 1;

const TapeRows = memo(function TapeRows({ trades, instrument }: { trades: readonly Trade[]; instrument: Instrument }) {
  return (
    <ol>
      {trades.slice(0, 60).map((t) => (
        <li key={`${t.id ?? t.ts}-${t.price}-${t.size}`} className={`${t.side > 0 ? 'up' : t.side < 0 ? 'down' : ''}${t.size >= LARGE_PRINT ? ' large' : ''}`}>
          <span className="muted">{formatClock(t.ts)}</span>
          <span>{formatPrice(t.price, instrument)}</span>
          <span>{formatSize(t.size, instrument)}</span>
        </li>
      ))}
    </ol>
  );
});

export function TimeAndSales() {
  const instrument = useMarketStore((s) => s.instrument);
  const trades = useDeferredValue(useMarketStore((s) => s.trades));
  return (
    <aside className="tape" data-testid="time-and-sales">
      <h2>Time &amp; sales</h2>
      <div className="tape-head">
        <span>Time (UTC)</span>
        <span>Price</span>
        <span>Size</span>
      </div>
      {!instrument || trades.length === 0 ? <div className="empty">No trades yet</div> : <TapeRows trades={trades} instrument={instrument} />}
    </aside>
  );
}
