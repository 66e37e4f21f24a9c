// One paper run in detail: its account, its latest fills, the signals its setups produced with
// the reason each was taken or refused, and its monitoring log (seed 003 §11).

import { useState } from 'react';
import type { RunLogEntry, StrategyRun, StrategySignal } from '../../../../core/api/areas/strategies';
import type { RequestResult } from '../../../../core/api/contract';
import { formatLogTime, formatMoney, formatTime, pnlClass, signedMoney } from './format';

type Fill = RequestResult<'strategies.detail'>['fills'][number];
type LogKind = RunLogEntry['kind'] | 'all';

const LOG_KINDS: LogKind[] = ['all', 'signal', 'order', 'risk', 'alert'];

export function RunDetail({ run, fills, signals, log }: { run: StrategyRun; fills: Fill[]; signals: StrategySignal[]; log: RunLogEntry[] }) {
  const [kind, setKind] = useState<LogKind>('all');
  const a = run.account;
  const net = a.realizedPnl - a.fees + a.unrealizedPnl;
  const shownLog = (kind === 'all' ? log : log.filter((l) => l.kind === kind)).slice(-200).reverse();
  return (
    <section className="strat-panel detail" data-testid="run-detail">
      <h2>
        {run.strategyName} <small>{run.runId}</small>
        {run.message && <span className="run-message"> {run.message}</span>}
      </h2>
      <dl className="run-account" data-testid="run-account">
        <dt>state</dt>
        <dd className={`run-state ${run.state}`}>{run.state}</dd>
        <dt>balance</dt>
        <dd>{formatMoney(a.balance)}</dd>
        <dt>equity</dt>
        <dd>{formatMoney(a.equity)}</dd>
        <dt>net PnL</dt>
        <dd className={pnlClass(net)}>{signedMoney(net)}</dd>
        <dt>realized</dt>
        <dd className={pnlClass(a.realizedPnl)}>{signedMoney(a.realizedPnl)}</dd>
        <dt>fees</dt>
        <dd>{formatMoney(a.fees)}</dd>
        <dt>position</dt>
        <dd>{a.positionQty === 0 ? 'flat' : `${a.positionQty > 0 ? 'long' : 'short'} ${Math.abs(a.positionQty)} @ ${a.avgEntry?.toFixed(1) ?? '—'}`}</dd>
        <dt>market time</dt>
        <dd>{formatTime(run.marketTs)}</dd>
      </dl>
      <div className="detail-columns">
        <div className="detail-block">
          <h3>Fills <small>{a.fills}</small></h3>
          <div className="scroll">
            <table className="strat-table" data-testid="run-fills">
              <thead>
                <tr>
                  <th>time</th>
                  <th>role</th>
                  <th>side</th>
                  <th className="num">qty</th>
                  <th className="num">price</th>
                  <th className="num">fee</th>
                  <th className="num">realized</th>
                </tr>
              </thead>
              <tbody>
                {fills.length === 0 && (
                  <tr>
                    <td colSpan={7} className="muted">
                      no fills yet
                    </td>
                  </tr>
                )}
                {[...fills].reverse().map((f) => (
                  <tr key={f.seq}>
                    <td>{formatTime(f.ts).slice(5)}</td>
                    <td>{f.role}</td>
                    <td className={f.side === 'buy' ? 'up' : 'down'}>{f.side}</td>
                    <td className="num">{f.qty}</td>
                    <td className="num">{f.price.toFixed(1)}</td>
                    <td className="num">{f.fee.toFixed(2)}</td>
                    <td className={`num ${pnlClass(f.realizedPnl)}`}>{f.realizedPnl === 0 ? '' : signedMoney(f.realizedPnl)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </div>
        <div className="detail-block">
          <h3>Signals <small>{signals.length}</small></h3>
          <div className="scroll">
            <table className="strat-table" data-testid="run-signals">
              <thead>
                <tr>
                  <th>time</th>
                  <th>setup</th>
                  <th>side</th>
                  <th className="num">price</th>
                  <th>fate</th>
                </tr>
              </thead>
              <tbody>
                {signals.length === 0 && (
                  <tr>
                    <td colSpan={5} className="muted">
                      no signals yet
                    </td>
                  </tr>
                )}
                {[...signals].reverse().slice(0, 200).map((s) => (
                  <tr key={`${s.ts}-${s.tag}-${s.side}`}>
                    <td>{formatTime(s.ts).slice(5)}</td>
                    <td>{s.tag}</td>
                    <td className={s.side === 'long' ? 'up' : 'down'}>{s.side}</td>
                    <td className="num">{s.price.toFixed(1)}</td>
                    <td className={s.accepted ? 'taken' : 'refused'}>{s.accepted ? 'taken' : s.reasonCode}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </div>
      </div>
      <div className="detail-block log-block">
        <h3>
          Monitoring log
          <span className="log-kinds">
            {LOG_KINDS.map((k) => (
              <button key={k} type="button" className={k === kind ? 'active' : ''} onClick={() => setKind(k)}>
                {k}
              </button>
            ))}
          </span>
        </h3>
        <ol className="run-log" data-testid="run-log">
          {shownLog.length === 0 && <li className="muted">nothing logged yet</li>}
          {shownLog.map((l) => (
            <li key={l.seq} className={`log-${l.kind}`}>
              <time>{formatLogTime(l.ts)}</time>
              <span className="log-kind">{l.kind}</span>
              <span className="log-text" title={JSON.stringify(l.data)}>
                {l.text}
              </span>
            </li>
          ))}
        </ol>
      </div>
    </section>
  );
}
