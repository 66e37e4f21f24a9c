// The run's metrics, the CLI's rows and wording, in groups: the result first, then trades, risk
// and return, costs.

import { groupedRows, toneOf } from './metrics';

export function MetricsTable({ rows }: { rows: ReadonlyArray<[string, string]> }) {
  const groups = groupedRows(rows);
  // Two columns: the result over risk and return, the trade statistics over costs.
  const columns = [groups.filter((_, i) => i % 2 === 0), groups.filter((_, i) => i % 2 === 1)];
  return (
    <div className="bt-metrics" data-testid="bt-metrics">
      {columns.map((column, c) => (
        <div key={c}>
          {column.map((g) => (
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
      ))}
    </div>
  );
}
