// A saved run's metrics as the CLI prints them: the report's JSON-safe form restored, then the
// CLI's own metric rows (core/report/format), grouped the way a trader reads a results page.

import type { BacktestRunSummary } from '../../../../core/api/areas/backtest';
import { metricRows, restoreNonFinite } from '../../../../core/report/format';
import type { Report } from '../../../../core/report/report';

/** The report parts a run keeps (no plot series or trade table: those come separately). */
export type RunReport = Pick<Report, 'run' | 'trades' | 'risk' | 'spread'>;

export function runReport(summary: BacktestRunSummary): RunReport {
  const value = restoreNonFinite(structuredClone(summary.metrics.value), summary.metrics.nonFinite) as Partial<RunReport>;
  // Runs saved before the run span was kept: the period and balances from what is known.
  const run = value.run ?? { startTs: summary.fromTs, endTs: summary.toTs, spanMs: summary.toTs - summary.fromTs, startingBalance: Number.NaN, finishingBalance: Number.NaN };
  return { run, trades: value.trades as Report['trades'], risk: value.risk as Report['risk'], spread: value.spread as Report['spread'] };
}

/** Every metric row of the CLI's table, label -> text, in its order. */
export function runMetricRows(report: RunReport): Array<[string, string]> {
  return metricRows({ ...report, ambiguous: null, series: { equity: [], daily: [] }, tradeTable: [] });
}

export const METRIC_GROUPS: ReadonlyArray<{ readonly title: string; readonly labels: readonly string[] }> = [
  {
    title: 'Result',
    labels: ['Net profit', 'Total trades', 'Win rate', 'Profit factor', 'Max drawdown', 'Expectancy (per trade)', 'Average R', 'Starting balance', 'Finishing balance'],
  },
  {
    title: 'Trades',
    labels: [
      'Winning / losing / breakeven',
      'Longs / shorts',
      'Win rate long',
      'Win rate short',
      'Average win',
      'Average loss',
      'Win/loss ratio',
      'Largest win',
      'Largest loss',
      'Winning streak',
      'Losing streak',
      'Avg holding period',
      'Avg holding (winners)',
      'Avg holding (losers)',
      'Trades per day',
      'Exposure',
    ],
  },
  {
    title: 'Risk and return',
    labels: ['Annual return (CAGR)', 'Sharpe (daily, 365)', 'Sortino (daily, 365)', 'Calmar', 'Omega (daily, 0)', 'Max drawdown peak / trough', 'Max drawdown recovered', 'Max underwater period'],
  },
  {
    title: 'Costs',
    labels: ['Gross PnL (before costs)', 'Gross profit', 'Gross loss', 'Total fees', 'Total funding', 'Spread paid avg', 'Spread paid p50 / p90 / p99'],
  },
];

/** Shown in the result's title line instead. */
const IN_TITLE = new Set(['Period']);

/** The rows in their groups; a row no group names goes to the last group, so nothing is hidden. */
export function groupedRows(rows: ReadonlyArray<[string, string]>): Array<{ title: string; rows: Array<[string, string]> }> {
  const byLabel = new Map(rows);
  const placed = new Set<string>(IN_TITLE);
  const groups = METRIC_GROUPS.map((g) => ({
    title: g.title,
    rows: g.labels.flatMap((label): Array<[string, string]> => {
      const v = byLabel.get(label);
      if (v === undefined) return [];
      placed.add(label);
      return [[label, v]];
    }),
  }));
  const rest = rows.filter(([label]) => !placed.has(label));
  groups[groups.length - 1]?.rows.push(...rest);
  return groups;
}

/** The few numbers a run list and a comparison lead with. */
export const HEADLINE = ['Net profit', 'Total trades', 'Win rate', 'Profit factor', 'Max drawdown', 'Sharpe (daily, 365)', 'Expectancy (per trade)', 'Average R'] as const;

/** Green for a gain, red for a loss: the sign of the metric's leading number. */
export function toneOf(label: string, text: string): 'up' | 'down' | '' {
  if (!['Net profit', 'Expectancy (per trade)', 'Average R', 'Annual return (CAGR)', 'Gross PnL (before costs)'].includes(label)) return '';
  const n = parseFloat(text);
  return !Number.isFinite(n) || n === 0 ? '' : n > 0 ? 'up' : 'down';
}
