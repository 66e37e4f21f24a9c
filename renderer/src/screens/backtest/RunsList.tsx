// Earlier runs (from the app and from the CLI) with their headline metrics: open one, or tick
// two or more and compare them side by side.

import type { BacktestRunSummary } from '../../../../core/api/areas/backtest';
import { HEADLINE, runMetricRows, runReport, toneOf } from './metrics';
import { runData } from './run-data';
import { utcMinute } from './time';

interface Props {
  readonly runs: readonly BacktestRunSummary[];
  readonly openId: number | null;
  readonly picked: ReadonlySet<number>;
  readonly onOpen: (id: number) => void;
  readonly onPick: (id: number, on: boolean) => void;
}

export function headlineOf(run: BacktestRunSummary): Map<string, string> {
  return new Map(runMetricRows(runReport(run)));
}

/** A metric's short form for a list cell: "123.45 (1.2%)" keeps its first number and unit. */
function short(label: string, text: string): string {
  if (label === 'Net profit' || label === 'Expectancy (per trade)' || label === 'Max drawdown' || label === 'Average R') return text.split(' (')[0] ?? text;
  return text;
}

export function RunsList({ runs, openId, picked, onOpen, onPick }: Props) {
  if (runs.length === 0) return <p className="muted bt-empty">No runs yet: run a backtest here or with <code>auctioneer backtest</code>.</p>;
  return (
    <div className="bt-runs">
      <table data-testid="bt-runs">
        <thead>
          <tr>
            <th />
            <th>Run</th>
            <th>Strategy</th>
            <th>Mode</th>
            <th>Range (UTC)</th>
            {HEADLINE.map((h) => (
              <th key={h} className="num">
                {h.replace(' (per trade)', '').replace(' (daily, 365)', '')}
              </th>
            ))}
            <th>Changed settings</th>
          </tr>
        </thead>
        <tbody>
          {runs.map((r) => {
            const m = headlineOf(r);
            return (
              <tr key={r.id} data-run={r.id} className={r.id === openId ? 'selected' : ''} onClick={() => onOpen(r.id)}>
                <td onClick={(e) => e.stopPropagation()}>
                  <input type="checkbox" aria-label={`compare run ${r.id}`} data-testid={`bt-pick-${r.id}`} checked={picked.has(r.id)} onChange={(e) => onPick(r.id, e.target.checked)} />
                </td>
                <td className="num">{r.id}</td>
                <td>{r.strategy}</td>
                <td>{runData(r)}</td>
                <td>
                  {utcMinute(r.fromTs)} → {utcMinute(r.toTs)}
                </td>
                {HEADLINE.map((h) => {
                  const v = m.get(h) ?? 'n/a';
                  return (
                    <td key={h} className={`num ${toneOf(h, v)}`}>
                      {short(h, v)}
                    </td>
                  );
                })}
                <td className="bt-settings" title={JSON.stringify(r.settings ?? r.params)}>
                  {r.settings === null ? <span className="muted">CLI run</span> : Object.keys(r.settings).length === 0 ? <span className="muted">defaults</span> : Object.entries(r.settings).map(([k, v]) => `${k}=${typeof v === 'string' ? v : JSON.stringify(v)}`).join(', ')}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
