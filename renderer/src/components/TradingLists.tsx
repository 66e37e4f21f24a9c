// Working orders (with cancel) and fills (with the PnL each realised, net of its fee) of the
// paper account, under the order ticket.

import { useMarketStore } from '../store/market-store';
import { formatClock } from '../store/format';
import { priceText, trade, type WorkingOrder } from '../trading/trading-store';

function orderLabel(o: WorkingOrder): string {
  if (o.role === 'stop') return 'stop';
  if (o.role === 'target') return `target ${(o.targetIndex ?? 0) + 1}`;
  if (o.role === 'entry') return `${o.type} entry`;
  return o.role === 'flatten' ? 'flatten' : o.type;
}

export function TradingLists() {
  const paper = useMarketStore((s) => s.paper);
  const orders = paper?.orders ?? [];
  const fills = paper?.fills ?? [];
  return (
    <section className="trading-lists">
      <h3>Working orders</h3>
      {orders.length === 0 ? (
        <div className="empty" data-testid="working-orders">
          No working orders
        </div>
      ) : (
        <ol className="order-list" data-testid="working-orders">
          {orders.map((o) => (
            <li key={o.id} className={o.side === 'buy' ? 'up' : 'down'} data-order-id={o.id} data-role={o.role}>
              <span>
                {o.side} {o.qty}
              </span>
              <span className="muted">{orderLabel(o)}</span>
              <span>{o.price === null ? 'market' : priceText(o.price)}</span>
              <button title="cancel this order" data-testid={`cancel-order-${o.id}`} onClick={() => void trade.cancel(o.id)}>
                ✕
              </button>
            </li>
          ))}
        </ol>
      )}
      <h3>Fills</h3>
      {fills.length === 0 ? (
        <div className="empty" data-testid="paper-fills">
          No fills yet
        </div>
      ) : (
        <ol className="ticket-fills" data-testid="paper-fills">
          <li className="muted head">
            <span>Time</span>
            <span>Fill</span>
            <span>Price</span>
            <span>PnL</span>
          </li>
          {fills
            .slice(-8)
            .reverse()
            .map((f) => {
              const net = f.realizedPnl - f.fee;
              return (
                <li key={`${f.ts}-${f.role}-${f.price}-${f.qty}`}>
                  <span className="muted">{formatClock(f.ts).slice(0, 8)}</span>
                  <span className={f.side === 'buy' ? 'up' : 'down'}>
                    {f.role} {f.side} {f.qty}
                  </span>
                  <span>{priceText(f.price)}</span>
                  <span className={net >= 0 ? 'up' : 'down'} title={`gross ${f.realizedPnl.toFixed(2)}, fee ${f.fee.toFixed(2)}`}>
                    {net >= 0 ? '+' : ''}
                    {net.toFixed(2)}
                  </span>
                </li>
              );
            })}
        </ol>
      )}
    </section>
  );
}
