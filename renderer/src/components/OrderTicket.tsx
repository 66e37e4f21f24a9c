// One-click paper trading: buy or sell at market with a bracket preset (stop in ticks or points,
// targets in ticks, points or R, each closing a share of the size), limit orders by clicking the
// chart, flatten, reverse, cancel all, and the position with its PnL. Keys for each action (the
// help lists them), with a confirmation unless the trader switches it off.

import { useEffect, useState } from 'react';
import type { AuctioneerApi } from '../../../core/api/contract';
import { useMarketStore } from '../store/market-store';
import { SHORTCUTS } from '../trading/shortcuts';
import { priceText, trade, useTradingStore, type BracketPreset } from '../trading/trading-store';
import { NumberField } from './NumberField';

const MAX_TARGETS = 4;

function isTyping(target: EventTarget | null): boolean {
  return target instanceof HTMLInputElement || target instanceof HTMLSelectElement || target instanceof HTMLTextAreaElement;
}

export function OrderTicket({ api }: { api: AuctioneerApi }) {
  const paper = useMarketStore((s) => s.paper);
  const { preset, noConfirm, limitArmed, busy, setPreset, setNoConfirm, setLimitArmed } = useTradingStore();
  const [help, setHelp] = useState(false);

  useEffect(() => {
    useTradingStore.getState().setApi(api);
    return () => useTradingStore.getState().setApi(null);
  }, [api]);

  useEffect(() => {
    const onKey = (e: KeyboardEvent): void => {
      if (isTyping(e.target) || e.ctrlKey || e.metaKey || e.altKey) return;
      const key = e.key.toLowerCase();
      if (key === 'b') void trade.market('buy', true);
      else if (key === 's') void trade.market('sell', true);
      else if (key === 'f') void trade.flatten(true);
      else if (key === 'r') void trade.reverse(true);
      else if (key === 'c') void trade.cancelAll(true);
      else if (key === 'l') setLimitArmed(!useTradingStore.getState().limitArmed);
      else if (key === 'escape') setLimitArmed(false);
      else if (key === '?') setHelp((h) => !h);
      else return;
      e.preventDefault();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [setLimitArmed]);

  const bracket = preset.bracket;
  const setBracket = (b: BracketPreset): void => setPreset({ ...preset, bracket: b });
  const setTarget = (i: number, change: Partial<BracketPreset['targets'][number]>): void =>
    setBracket({ ...bracket, targets: bracket.targets.map((t, j) => (j === i ? { ...t, ...change } : t)) });
  const shares = Math.round(bracket.targets.reduce((a, t) => a + t.share, 0) * 100);
  const presetProblem = shares > 100 ? `target shares add up to ${shares}%` : null;
  const flat = !paper || paper.positionQty === 0;
  const shortcutTitle = SHORTCUTS.map((s) => `${s.key}: ${s.what}`).join('\n');

  return (
    <section className="ticket" data-testid="order-ticket">
      <h2>
        <span className="ticket-title">Paper trading</span>
        {paper && (
          <small className="ticket-account" title={paper.account}>
            · {paper.account}
          </small>
        )}
        <button className="help-toggle" data-testid="shortcuts-help-toggle" title={shortcutTitle} onClick={() => setHelp(!help)}>
          ?
        </button>
      </h2>
      {help && (
        <dl className="shortcuts" data-testid="shortcuts-help">
          {SHORTCUTS.map((s) => (
            <div key={s.key}>
              <dt>
                <kbd>{s.key}</kbd>
              </dt>
              <dd>{s.what}</dd>
            </div>
          ))}
        </dl>
      )}
      <div className="ticket-row">
        <label>
          Qty
          <NumberField testId="ticket-qty" value={preset.qty} onChange={(qty) => setPreset({ ...preset, qty })} />
        </label>
        <label>
          Stop
          <span className="with-unit">
            <NumberField testId="ticket-stop" value={bracket.stop} onChange={(stop) => setBracket({ ...bracket, stop })} />
            <select data-testid="ticket-stop-unit" value={bracket.stopUnit} onChange={(e) => setBracket({ ...bracket, stopUnit: e.target.value as BracketPreset['stopUnit'] })}>
              <option value="ticks">ticks</option>
              <option value="points">points</option>
            </select>
          </span>
        </label>
      </div>
      <div className="ticket-targets" data-testid="ticket-targets">
        <div className="ticket-targets-head">
          <span>Targets in</span>
          <select data-testid="ticket-target-unit" value={bracket.targetUnit} onChange={(e) => setBracket({ ...bracket, targetUnit: e.target.value as BracketPreset['targetUnit'] })} title="R = multiples of the stop distance">
            <option value="ticks">ticks</option>
            <option value="points">points</option>
            <option value="R">R (× stop)</option>
          </select>
          <span className="muted">size %</span>
        </div>
        {bracket.targets.map((t, i) => (
          <div className="ticket-target" key={i}>
            <span className="muted">TP{i + 1}</span>
            <NumberField testId={`ticket-target-${i}`} value={t.distance} onChange={(distance) => setTarget(i, { distance })} />
            <NumberField testId={`ticket-share-${i}`} value={Math.round(t.share * 1000) / 10} valid={(v) => v > 0 && v <= 100} onChange={(pct) => setTarget(i, { share: pct / 100 })} />
            <button title="remove this target" onClick={() => setBracket({ ...bracket, targets: bracket.targets.filter((_, j) => j !== i) })}>
              ✕
            </button>
          </div>
        ))}
        <div className="ticket-targets-foot">
          {bracket.targets.length < MAX_TARGETS && (
            <button
              data-testid="ticket-add-target"
              onClick={() => {
                const last = bracket.targets[bracket.targets.length - 1];
                const n = bracket.targets.length + 1;
                // Re-split evenly: a new target gets its share of the size.
                setBracket({ ...bracket, targets: [...bracket.targets, { distance: (last?.distance ?? 1) * 2, share: 1 / n }].map((x) => ({ ...x, share: Math.floor(1000 / n) / 1000 })) });
              }}
            >
              + target
            </button>
          )}
          <span className={presetProblem ? 'down' : 'muted'}>{presetProblem ?? (shares < 100 ? `${100 - shares}% runs on the stop` : '')}</span>
        </div>
      </div>
      <div className="ticket-row">
        <button className="buy" data-testid="buy-market" disabled={busy || presetProblem !== null} onClick={() => void trade.market('buy', false)}>
          Buy mkt <kbd>B</kbd>
        </button>
        <button className="sell" data-testid="sell-market" disabled={busy || presetProblem !== null} onClick={() => void trade.market('sell', false)}>
          Sell mkt <kbd>S</kbd>
        </button>
      </div>
      <div className="ticket-row">
        <button data-testid="flatten" disabled={busy || !paper || (paper.positionQty === 0 && paper.workingOrders === 0)} onClick={() => void trade.flatten(false)}>
          Flatten <kbd>F</kbd>
        </button>
        <button data-testid="reverse" disabled={busy || flat || presetProblem !== null} onClick={() => void trade.reverse(false)}>
          Reverse <kbd>R</kbd>
        </button>
        <button data-testid="cancel-all" disabled={busy || !paper || paper.workingOrders === 0} onClick={() => void trade.cancelAll(false)}>
          Cancel all <kbd>C</kbd>
        </button>
      </div>
      <div className="ticket-row">
        <button className={limitArmed ? 'armed' : ''} data-testid="limit-armed" aria-pressed={limitArmed} onClick={() => setLimitArmed(!limitArmed)} title="Click the chart to place a limit: below the market buys, above sells (Ctrl+click works without arming)">
          {limitArmed ? 'Limit on click: armed' : 'Limit on click'} <kbd>L</kbd>
        </button>
      </div>
      <label className="ticket-confirm">
        <input type="checkbox" data-testid="no-confirm" checked={noConfirm} onChange={(e) => setNoConfirm(e.target.checked)} /> keys and chart clicks trade without confirmation
      </label>
      {paper && (
        <dl className="ticket-position" data-testid="paper-position">
          <dt>Position</dt>
          <dd className={paper.positionQty > 0 ? 'up' : paper.positionQty < 0 ? 'down' : ''}>
            {paper.positionQty === 0 ? 'flat' : `${paper.positionQty > 0 ? 'long' : 'short'} ${Math.abs(paper.positionQty)} @ ${priceText(paper.avgEntry)}`}
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
    </section>
  );
}
