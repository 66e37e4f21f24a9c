// The run's trades, sortable by any column; clicking one shows it on the chart.

import { useMemo, useState } from 'react';
import type { BacktestTrade } from '../../../../core/api/areas/backtest';
import { utcMinute } from './time';

type Column = { key: string; label: string; value: (t: BacktestTrade) => number | string; numeric?: boolean };

function rMultiple(t: BacktestTrade): number {
  if (t.stop === null) return Number.NaN;
  const risk = Math.abs(t.entryPrice - t.stop) * t.qty;
  return risk > 0 ? t.netPnl / risk : Number.NaN;
}

const COLUMNS: readonly Column[] = [
  { key: 'seq', label: '#', value: (t) => t.seq, numeric: true },
  { key: 'entryTs', label: 'Entry (UTC)', value: (t) => t.entryTs },
  { key: 'side', label: 'Side', value: (t) => t.side },
  { key: 'tag', label: 'Setup', value: (t) => t.tag },
  { key: 'entryPrice', label: 'Entry', value: (t) => t.entryPrice, numeric: true },
  { key: 'exitPrice', label: 'Exit', value: (t) => t.exitPrice, numeric: true },
  { key: 'held', label: 'Held', value: (t) => t.exitTs - t.entryTs, numeric: true },
  { key: 'r', label: 'R', value: rMultiple, numeric: true },
  { key: 'netPnl', label: 'Net PnL', value: (t) => t.netPnl, numeric: true },
];

function held(ms: number): string {
  if (ms < 60_000) return `${Math.round(ms / 1000)}s`;
  const m = Math.round(ms / 60_000);
  return m >= 60 ? `${Math.floor(m / 60)}h ${m % 60}m` : `${m}m`;
}

export function TradeList({ trades, decimals, selected, onSelect }: { trades: readonly BacktestTrade[]; decimals: number; selected: number | null; onSelect: (t: BacktestTrade) => void }) {
  const [sort, setSort] = useState<{ key: string; desc: boolean }>({ key: 'seq', desc: false });
  const sorted = useMemo(() => {
    const col = COLUMNS.find((c) => c.key === sort.key) ?? COLUMNS[0]!;
    const rows = [...trades];
    rows.sort((a, b) => {
      const x = col.value(a);
      const y = col.value(b);
      const cmp = typeof x === 'number' && typeof y === 'number' ? (Number.isNaN(x) ? -Infinity : x) - (Number.isNaN(y) ? -Infinity : y) : String(x).localeCompare(String(y));
      return sort.desc ? -cmp : cmp;
    });
    return rows;
  }, [trades, sort]);

  if (trades.length === 0) return <p className="muted bt-empty">No trades in this run.</p>;
  return (
    <div className="bt-trades">
      <table data-testid="bt-trades">
        <thead>
          <tr>
            {COLUMNS.map((c) => (
              <th key={c.key} className={c.numeric ? 'num' : ''} aria-sort={sort.key === c.key ? (sort.desc ? 'descending' : 'ascending') : 'none'}>
                <button type="button" data-testid={`bt-sort-${c.key}`} onClick={() => setSort((s) => ({ key: c.key, desc: s.key === c.key ? !s.desc : c.numeric === true }))}>
                  {c.label}
                  {sort.key === c.key ? (sort.desc ? ' ▼' : ' ▲') : ''}
                </button>
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {sorted.map((t) => {
            const r = rMultiple(t);
            return (
              <tr key={t.seq} data-seq={t.seq} className={t.seq === selected ? 'selected' : ''} onClick={() => onSelect(t)}>
                <td className="num">{t.seq}</td>
                <td>{utcMinute(t.entryTs)}</td>
                <td className={t.side === 'long' ? 'up' : 'down'}>{t.side}</td>
                <td>{t.tag}</td>
                <td className="num">{t.entryPrice.toFixed(decimals)}</td>
                <td className="num">{t.exitPrice.toFixed(decimals)}</td>
                <td className="num">{held(t.exitTs - t.entryTs)}</td>
                <td className="num">{Number.isFinite(r) ? r.toFixed(2) : '–'}</td>
                <td className={`num ${t.netPnl > 0 ? 'up' : t.netPnl < 0 ? 'down' : ''}`}>{t.netPnl.toFixed(2)}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
