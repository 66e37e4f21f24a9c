// CLI text rendering: aligned columns, value formatting (n/a, inf, percent, durations, UTC times).

import { describe, expect, it } from 'vitest';
import { duration, formatMetricsTable, formatTable, formatTradeTable, frac, num, pct, utc } from '../../../core/report/format';
import { computeReport } from '../../../core/report/report';
import { DAY, SIX_TRADES, T0 } from './fixtures';

describe('value formatting', () => {
  it('numbers, percent, fractions; null is n/a and Infinity is inf', () => {
    expect(num(3.14159)).toBe('3.14');
    expect(num(null)).toBe('n/a');
    expect(num(Infinity)).toBe('inf');
    expect(num(-Infinity)).toBe('-inf');
    expect(pct(2.5)).toBe('2.50%');
    expect(pct(Infinity)).toBe('inf');
    expect(frac(0.6)).toBe('60.00%');
  });

  it('durations and UTC times', () => {
    expect(duration(45_000)).toBe('45s');
    expect(duration(((17 / 6) * 60 + 0) * 60_000)).toBe('2h 50m'); // 2.8333 h
    expect(duration(2 * 86_400_000)).toBe('2d');
    expect(duration(86_400_000 + 3_600_000 + 60_000)).toBe('1d 1h 1m');
    expect(duration(null)).toBe('n/a');
    expect(utc(T0)).toBe('2024-01-01 00:00');
  });
});

describe('formatTable', () => {
  it('pads every column to its widest cell; numeric columns are right-aligned', () => {
    const t = formatTable(['name', 'value'], [
      ['a', '1.00'],
      ['longer', '-12.50'],
    ]);
    expect(t.split('\n')).toEqual(['name   |  value', '-------+-------', 'a      |   1.00', 'longer | -12.50']);
  });
});

describe('formatMetricsTable', () => {
  const r = computeReport({ trades: SIX_TRADES, equity: [], startingBalance: 10_000, startTs: T0, endTs: T0 + 2 * DAY, ambiguousTradeFrac: [0.1, 0.5] });
  const text = formatMetricsTable(r);
  const lines = text.split('\n');

  it('every row puts its separator in the same column', () => {
    const col = (lines[0] as string).indexOf('|');
    for (const l of lines.filter((_, i) => i !== 1)) expect(l.indexOf('|')).toBe(col);
  });

  it('shows the hand-computed values of the six-trade run', () => {
    const row = (label: string): string => (lines.find((l) => l.startsWith(`${label} `)) ?? '').split('|')[1]?.trim() ?? '';
    expect(row('Total trades')).toBe('6');
    expect(row('Win rate')).toBe('60.00%');
    expect(row('Net profit')).toBe('275.00 (2.75%)');
    expect(row('Profit factor')).toBe('4.67');
    expect(row('Sortino (daily, 365)')).toBe('inf');
    expect(row('Exposure')).toBe('33.33%');
    expect(row('Max drawdown')).toBe('0.73% (75.00)');
    expect(row('Spread paid p50 / p90 / p99')).toBe('2.0000 / 2.7000 / 2.9700');
    expect(row('Minutes ambiguous > 0.35')).toBe('50.00% of 2');
  });

  it('trade table: one line per trade plus header and rule', () => {
    const t = formatTradeTable(r.tradeTable).split('\n');
    expect(t).toHaveLength(8);
    expect(t[2]).toContain('T1');
    expect(t[7]).toMatch(/275\.00$/);
  });
});
