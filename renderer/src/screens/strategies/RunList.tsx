// The paper runs in the store: state, market time, account and PnL; stop or resume one.

import type { StrategyRun } from '../../../../core/api/areas/strategies';
import { formatMoney, formatTime, pnlClass, signedMoney } from './format';

export function RunList({ runs, selected, onSelect, onStop, onResume }: { runs: StrategyRun[]; selected: string | null; onSelect: (id: string) => void; onStop: (id: string) => void; onResume: (run: StrategyRun) => void }) {
  return (
    <section className="strat-panel runs">
      <h2>Paper runs</h2>
      {runs.length === 0 ? (
        <p className="muted empty">No runs yet: pick a strategy and start one.</p>
      ) : (
        <table className="strat-table" data-testid="run-list">
          <thead>
            <tr>
              <th>run</th>
              <th>state</th>
              <th>market time</th>
              <th className="num">balance</th>
              <th className="num">net PnL</th>
              <th className="num">position</th>
              <th className="num">fills</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {runs.map((r) => {
              const net = r.account.realizedPnl - r.account.fees + r.account.unrealizedPnl;
              return (
                <tr key={r.runId} className={r.runId === selected ? 'selected' : ''} onClick={() => onSelect(r.runId)} data-testid={`run-${r.runId}`}>
                  <td>
                    <b>{r.strategyName}</b>
                    <small>
                      {r.runId} · {r.feed}, {r.speed === 'max' ? 'max speed' : 'real time'}
                    </small>
                  </td>
                  <td>
                    <span className={`run-state ${r.state}`} data-testid="run-state" title={r.message}>
                      {r.state}
                    </span>
                  </td>
                  <td className="num">{formatTime(r.marketTs)}</td>
                  <td className="num">{formatMoney(r.account.balance)}</td>
                  <td className={`num ${pnlClass(net)}`}>{signedMoney(net)}</td>
                  <td className="num">{r.account.positionQty === 0 ? 'flat' : `${r.account.positionQty > 0 ? 'long' : 'short'} ${Math.abs(r.account.positionQty)} @ ${r.account.avgEntry?.toFixed(1) ?? '—'}`}</td>
                  <td className="num">{r.account.fills}</td>
                  <td className="num">
                    {r.state === 'running' && !r.message ? (
                      <button type="button" data-testid="stop-run" onClick={(e) => (e.stopPropagation(), onStop(r.runId))}>
                        Stop
                      </button>
                    ) : r.state !== 'running' ? (
                      <button type="button" onClick={(e) => (e.stopPropagation(), onResume(r))}>
                        Resume
                      </button>
                    ) : null}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
    </section>
  );
}
