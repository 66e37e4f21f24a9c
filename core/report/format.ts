// Plain-text rendering of a report for the CLI: an aligned two-column metrics table (jesse-style)
// and a trade table. JSON output lives in json-safe.ts and is re-exported here for one import.

import type { Report } from './report';
import type { TradeRow } from './trade-table';

export { restoreNonFinite, stringifyJsonSafe, toJsonSafe, type JsonSafe, type JsonValue, type NonFiniteTag } from './json-safe';

/** Left-aligns text columns and right-aligns columns whose every body cell looks numeric. */
export function formatTable(header: readonly string[], rows: ReadonlyArray<readonly string[]>): string {
  const cols = header.length;
  const widths = header.map((h, c) => Math.max(h.length, ...rows.map((r) => (r[c] ?? '').length)));
  const numeric = header.map((_, c) => rows.length > 0 && rows.every((r) => /^[-+]?[\d.,]+%?$|^n\/a$|^[-+]?inf$/.test(r[c] ?? '')));
  const line = (cells: readonly string[]): string =>
    Array.from({ length: cols }, (_, c) => {
      const s = cells[c] ?? '';
      const w = widths[c] as number;
      return numeric[c] ? s.padStart(w) : s.padEnd(w);
    })
      .join(' | ')
      .trimEnd();
  const rule = widths.map((w) => '-'.repeat(w)).join('-+-');
  return [line(header), rule, ...rows.map(line)].join('\n');
}

/** Fixed decimals; null is "n/a", ±Infinity "inf"/"-inf" so the column stays ASCII. */
export function num(x: number | null, digits = 2): string {
  if (x === null || Number.isNaN(x)) return 'n/a';
  if (!Number.isFinite(x)) return x > 0 ? 'inf' : '-inf';
  return x.toFixed(digits);
}

export function pct(x: number | null, digits = 2): string {
  const s = num(x, digits);
  return s === 'n/a' || s.endsWith('inf') ? s : `${s}%`;
}

/** A fraction 0..1 shown as percent. */
export function frac(x: number | null, digits = 2): string {
  return pct(x === null ? null : x * 100, digits);
}

/** Milliseconds as "1d 2h 3m" (seconds only below a minute); null is "n/a". */
export function duration(ms: number | null): string {
  if (ms === null || !Number.isFinite(ms)) return 'n/a';
  if (ms < 60_000) return `${Math.round(ms / 1000)}s`;
  const totalMin = Math.round(ms / 60_000);
  const d = Math.floor(totalMin / 1440);
  const h = Math.floor((totalMin % 1440) / 60);
  const m = totalMin % 60;
  return [d > 0 ? `${d}d` : '', h > 0 ? `${h}h` : '', m > 0 || (d === 0 && h === 0) ? `${m}m` : ''].filter(Boolean).join(' ');
}

/** UTC "YYYY-MM-DD HH:MM"; null is "n/a". */
export function utc(ts: number | null): string {
  if (ts === null || !Number.isFinite(ts)) return 'n/a';
  return new Date(ts).toISOString().slice(0, 16).replace('T', ' ');
}

export function metricRows(r: Report): Array<[string, string]> {
  const t = r.trades;
  const k = r.risk;
  const dd = k.maxDrawdown;
  const uw = k.maxUnderwater;
  const rows: Array<[string, string]> = [
    ['Period', `${utc(r.run.startTs)} -> ${utc(r.run.endTs)} (${duration(r.run.spanMs)})`],
    ['Starting balance', num(r.run.startingBalance)],
    ['Finishing balance', num(r.run.finishingBalance)],
    ['Total trades', String(t.totalTrades)],
    ['Winning / losing / breakeven', `${t.winningTrades} / ${t.losingTrades} / ${t.breakevenTrades}`],
    ['Longs / shorts', `${t.longTrades} / ${t.shortTrades}`],
    ['Win rate', frac(t.winRate)],
    ['Win rate long', frac(t.longWinRate)],
    ['Win rate short', frac(t.shortWinRate)],
    ['Net profit', `${num(t.netProfit)} (${pct(t.netProfitPct)})`],
    ['Gross PnL (before costs)', num(t.totalGrossPnl)],
    ['Gross profit', num(t.grossProfit)],
    ['Gross loss', num(t.grossLoss)],
    ['Total fees', num(t.totalFees)],
    ['Total funding', num(t.totalFunding)],
    ['Average win', num(t.averageWin)],
    ['Average loss', num(t.averageLoss)],
    ['Win/loss ratio', num(t.winLossRatio)],
    ['Expectancy (per trade)', `${num(t.expectancy)} (${pct(t.expectancyPct, 4)})`],
    ['Profit factor', num(t.profitFactor)],
    ['Average R', t.tradesWithRisk > 0 ? `${num(t.averageR)} (${t.tradesWithRisk} trades)` : 'n/a'],
    ['Largest win', num(t.largestWin)],
    ['Largest loss', num(t.largestLoss)],
    ['Winning streak', String(t.longestWinningStreak)],
    ['Losing streak', String(t.longestLosingStreak)],
    ['Avg holding period', duration(t.averageHoldingMs)],
    ['Avg holding (winners)', duration(t.averageWinningHoldingMs)],
    ['Avg holding (losers)', duration(t.averageLosingHoldingMs)],
    ['Trades per day', num(t.tradesPerDay)],
    ['Exposure', frac(k.exposure)],
    ['Max drawdown', dd === null ? '0.00%' : `${pct(dd.pct)} (${num(dd.abs)})`],
    ['Max drawdown peak / trough', dd === null ? 'n/a' : `${utc(dd.peakTs)} / ${utc(dd.troughTs)}`],
    ['Max drawdown recovered', dd === null ? 'n/a' : dd.recoveryTs === null ? 'not recovered' : utc(dd.recoveryTs)],
    ['Max underwater period', uw === null ? 'n/a' : `${duration(uw.durationMs)}${uw.recovered ? '' : ' (not recovered)'}`],
    ['Annual return (CAGR)', pct(k.annualReturnPct)],
    ['Sharpe (daily, 365)', num(k.sharpe)],
    ['Sortino (daily, 365)', num(k.sortino)],
    ['Calmar', num(k.calmar)],
    ['Omega (daily, 0)', num(k.omega)],
    ['Spread paid avg', r.spread.trades > 0 ? `${num(r.spread.average, 4)} (${r.spread.trades} trades)` : 'n/a'],
    [
      'Spread paid p50 / p90 / p99',
      r.spread.quantiles === null
        ? 'n/a'
        : `${num(r.spread.quantiles.p50, 4)} / ${num(r.spread.quantiles.p90, 4)} / ${num(r.spread.quantiles.p99, 4)}`,
    ],
  ];
  const a = r.ambiguous;
  if (a !== null) {
    rows.push(
      ['Ambiguous frac mean / p90 / max', `${num(a.mean, 3)} / ${num(a.p90, 3)} / ${num(a.max, 3)}`],
      [`Minutes ambiguous > ${a.threshold}`, `${frac(a.shareAboveThreshold)} of ${a.minutes}`],
    );
  }
  return rows;
}

export function formatMetricsTable(r: Report): string {
  return formatTable(['Metric', 'Value'], metricRows(r));
}

export function formatTradeTable(rows: readonly TradeRow[]): string {
  return formatTable(
    ['#', 'id', 'tag', 'side', 'entry', 'exit', 'held', 'entry px', 'exit px', 'net PnL', 'R', 'cum PnL'],
    rows.map((t, i) => [
      String(i + 1),
      t.id,
      t.strategyTag,
      t.side,
      utc(t.entryTs),
      utc(t.exitTs),
      duration(t.holdingMs),
      num(t.entryPrice),
      num(t.exitPrice),
      num(t.netPnl),
      num(t.rMultiple),
      num(t.cumulativeNetPnl),
    ]),
  );
}
