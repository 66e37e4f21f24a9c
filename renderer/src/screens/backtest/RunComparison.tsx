// Two or more runs side by side: every metric of the CLI's table in one row per metric, the
// settings that differ between them on top, the best value of the headline metrics marked.

import type { BacktestRunSummary } from '../../../../core/api/areas/backtest';
import { groupedRows, runMetricRows, runReport } from './metrics';
import { runData } from './run-data';
import { utcMinute } from './time';

/** Which way is better, for the metrics where that is clear. */
const BETTER: Record<string, 1 | -1> = {
  'Net profit': 1,
  'Win rate': 1,
  'Profit factor': 1,
  'Max drawdown': -1,
  'Expectancy (per trade)': 1,
  'Average R': 1,
  'Sharpe (daily, 365)': 1,
  'Sortino (daily, 365)': 1,
  'Annual return (CAGR)': 1,
  'Total fees': -1,
};

export function RunComparison({ runs, onClose }: { runs: readonly BacktestRunSummary[]; onClose: () => void }) {
  const tables = runs.map((r) => new Map(runMetricRows(runReport(r))));
  const labels = groupedRows(runMetricRows(runReport(runs[0]!)));
  // A setting a run left at its default shows the strategy parameter it resolved to, when known.
  const settingOf = (r: BacktestRunSummary, k: string): string => {
    const v = r.settings?.[k] ?? r.params[k];
    return v === undefined ? 'default' : typeof v === 'string' ? v : JSON.stringify(v);
  };
  const settingKeys = [...new Set(runs.flatMap((r) => [...Object.keys(r.settings ?? {}), ...Object.keys(r.params)]))].filter((k) => new Set(runs.map((r) => settingOf(r, k))).size > 1);
  const best = (label: string): number | null => {
    const dir = BETTER[label];
    if (!dir) return null;
    const values = tables.map((t) => parseFloat(t.get(label) ?? ''));
    let at: number | null = null;
    values.forEach((v, i) => {
      if (Number.isFinite(v) && (at === null || dir * (v - (values[at] as number)) > 0)) at = i;
    });
    return values.filter((v) => v === values[at ?? 0]).length > 1 ? null : at;
  };
  return (
    <section className="bt-compare" data-testid="bt-compare">
      <header>
        <h3>Comparison of {runs.length} runs</h3>
        <button type="button" onClick={onClose}>
          Close
        </button>
      </header>
      <table>
        <thead>
          <tr>
            <th />
            {runs.map((r) => (
              <th key={r.id} className="num">
                Run {r.id}
                <small>
                  {r.strategy} · {runData(r)}
                  <br />
                  {utcMinute(r.fromTs)} → {utcMinute(r.toTs)}
                </small>
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {settingKeys.map((k) => (
            <tr key={k} className="bt-compare-setting">
              <th>{k}</th>
              {runs.map((r) => (
                <td key={r.id} className="num">
                  {settingOf(r, k)}
                </td>
              ))}
            </tr>
          ))}
          {labels.map((g) => [
            <tr key={g.title} className="bt-compare-group">
              <th colSpan={runs.length + 1}>{g.title}</th>
            </tr>,
            ...g.rows.map(([label]) => {
              const b = best(label);
              return (
                <tr key={label} data-metric={label}>
                  <th>{label}</th>
                  {tables.map((t, i) => (
                    <td key={runs[i]!.id} className={`num${b === i ? ' best' : ''}`}>
                      {t.get(label) ?? 'n/a'}
                    </td>
                  ))}
                </tr>
              );
            }),
          ])}
        </tbody>
      </table>
    </section>
  );
}
