// The run's metrics, the CLI's rows and wording, in groups: the result first, then trades, risk
// and return, costs.

import { groupedRows, toneOf } from './metrics';

export function MetricsTable({ rows }: { rows: ReadonlyArray<[string, string]> }) {
  return (
    <div className="bt-metrics" data-testid="bt-metrics">
      {groupedRows(rows).map((g) => (
        <section key={g.title}>
          <h4>{g.title}</h4>
          <table>
            <tbody>
              {g.rows.map(([label, value]) => (
                <tr key={label} data-metric={label}>
                  <th>{label}</th>
                  <td className={toneOf(label, value)}>{value}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      ))}
    </div>
  );
}
