// One-click paper trading: buy or sell at market with a bracket preset (stop and targets in
// ticks from the entry), flatten, the position with its PnL and the latest fills. Keyboard:
// B buy, S sell, F flatten — with a confirmation unless the trader switches it off.

import { useEffect, useState } from 'react';
import type { AuctioneerApi } from '../../../core/api/contract';
import { decimalsOf, fromTicks } from '../../../core/market/instrument';
import { formatClock } from '../store/format';
import { useMarketStore } from '../store/market-store';

interface Preset {
  qty: number;
  stopTicks: number;
  targetTicks: number[];
}

const DEFAULT_PRESET: Preset = { qty: 0.01, stopTicks: 100, targetTicks: [150, 300] };

function loadPreset(): Preset {
  try {
    const saved = JSON.parse(localStorage.getItem('auctioneer.bracket') ?? 'null') as Preset | null;
    return saved && saved.qty > 0 && saved.stopTicks > 0 ? saved : DEFAULT_PRESET;
  } catch {
    return DEFAULT_PRESET;
  }
}

export function OrderTicket({ api }: { api: AuctioneerApi }) {
  const paper = useMarketStore((s) => s.paper);
  const instrument = useMarketStore((s) => s.instrument);
  const [preset, setPreset] = useState<Preset>(loadPreset);
  const [noConfirm, setNoConfirm] = useState(() => localStorage.getItem('auctioneer.noConfirm') === '1');
  const [busy, setBusy] = useState(false);

  useEffect(() => localStorage.setItem('auctioneer.bracket', JSON.stringify(preset)), [preset]);
  useEffect(() => localStorage.setItem('auctioneer.noConfirm', noConfirm ? '1' : '0'), [noConfirm]);

  const act = async (what: 'buy' | 'sell' | 'flatten', fromKeyboard: boolean): Promise<void> => {
    if (fromKeyboard && !noConfirm && !window.confirm(`${what === 'flatten' ? 'Flatten the position' : `${what.toUpperCase()} ${preset.qty} at market`}?`)) return;
    setBusy(true);
    try {
      const state =
        what === 'flatten'
          ? await api.request('paper.flatten', {})
          : await api.request('paper.order', { side: what, qty: preset.qty, stopTicks: preset.stopTicks, targetTicks: preset.targetTicks });
      useMarketStore.getState().setPaper(state);
      useMarketStore.getState().setError(null);
    } catch (e) {
      useMarketStore.getState().setError(e instanceof Error ? e.message : String(e));
    } finally {
      setBusy(false);
    }
  };

  useEffect(() => {
    const onKey = (e: KeyboardEvent): void => {
      if (e.target instanceof HTMLInputElement || e.target instanceof HTMLSelectElement || e.ctrlKey || e.metaKey || e.altKey) return;
      const key = e.key.toLowerCase();
      if (key === 'b') void act('buy', true);
      else if (key === 's') void act('sell', true);
      else if (key === 'f') void act('flatten', true);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  });

  const d = instrument ? decimalsOf(instrument.tickSize) : 1;
  const price = (ticks: number): string => (instrument ? fromTicks(ticks, instrument.tickSize).toFixed(d) : String(ticks));
  const num = (v: string, fallback: number): number => (Number.isFinite(Number(v)) && Number(v) > 0 ? Number(v) : fallback);
  return (
    <section className="ticket" data-testid="order-ticket">
      <h2>Paper trading {paper && <small>· {paper.account}</small>}</h2>
      <div className="ticket-row">
        <label>
          Qty <input data-testid="ticket-qty" value={preset.qty} onChange={(e) => setPreset({ ...preset, qty: num(e.target.value, preset.qty) })} />
        </label>
        <label>
          Stop <input data-testid="ticket-stop" value={preset.stopTicks} onChange={(e) => setPreset({ ...preset, stopTicks: Math.round(num(e.target.value, preset.stopTicks)) })} />
        </label>
        <label>
          Targets <input data-testid="ticket-targets" value={preset.targetTicks.join(',')} onChange={(e) => setPreset({ ...preset, targetTicks: e.target.value.split(',').map((t) => Math.round(Number(t))).filter((t) => t > 0).slice(0, 3) })} />
        </label>
      </div>
      <div className="ticket-row">
        <button className="buy" data-testid="buy-market" disabled={busy} onClick={() => void act('buy', false)}>
          Buy mkt <kbd>B</kbd>
        </button>
        <button className="sell" data-testid="sell-market" disabled={busy} onClick={() => void act('sell', false)}>
          Sell mkt <kbd>S</kbd>
        </button>
        <button data-testid="flatten" disabled={busy || !paper || (paper.positionQty === 0 && paper.workingOrders === 0)} onClick={() => void act('flatten', false)}>
          Flatten <kbd>F</kbd>
        </button>
      </div>
      <label className="ticket-confirm">
        <input type="checkbox" checked={noConfirm} onChange={(e) => setNoConfirm(e.target.checked)} /> keys trade without confirmation
      </label>
      {paper && (
        <dl className="ticket-position" data-testid="paper-position">
          <dt>Position</dt>
          <dd className={paper.positionQty > 0 ? 'up' : paper.positionQty < 0 ? 'down' : ''}>
            {paper.positionQty === 0 ? 'flat' : `${paper.positionQty > 0 ? 'long' : 'short'} ${Math.abs(paper.positionQty)} @ ${price(paper.avgEntry)}`}
          </dd>
          <dt>Open PnL</dt>
          <dd className={paper.unrealizedPnl >= 0 ? 'up' : 'down'} data-testid="paper-upnl">
            {paper.unrealizedPnl.toFixed(2)}
          </dd>
          <dt>Realized</dt>
          <dd className={paper.realizedPnl - paper.fees >= 0 ? 'up' : 'down'}>{(paper.realizedPnl - paper.fees).toFixed(2)} net</dd>
          <dt>Balance</dt>
          <dd>{paper.balance.toFixed(2)}</dd>
        </dl>
      )}
      {paper && paper.fills.length > 0 && (
        <ol className="ticket-fills" data-testid="paper-fills">
          {paper.fills
            .slice(-6)
            .reverse()
            .map((f) => (
              <li key={`${f.ts}-${f.role}-${f.price}`} className={f.side === 'buy' ? 'up' : 'down'}>
                <span className="muted">{formatClock(f.ts).slice(0, 8)}</span>
                <span>
                  {f.role} {f.side} {f.qty}
                </span>
                <span>{price(f.price)}</span>
              </li>
            ))}
        </ol>
      )}
    </section>
  );
}
