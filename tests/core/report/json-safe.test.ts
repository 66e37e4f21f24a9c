// JSON-safe serialization: no NaN/Infinity in the text, each replaced value listed with its path,
// and the reader-side restore that puts them back.

import { describe, expect, it } from 'vitest';
import { computeReport } from '../../../core/report/report';
import { restoreNonFinite, stringifyJsonSafe, toJsonSafe, type NonFiniteTag } from '../../../core/report/json-safe';
import { DAY, H, T0, trade } from './fixtures';

describe('toJsonSafe', () => {
  it('nulls non-finite numbers and records their dotted paths', () => {
    const s = toJsonSafe({ a: 1, b: Infinity, c: { d: [1, Number.NaN, -Infinity] }, e: -0, f: undefined, g: null, h: 'x' });
    expect(s.value).toEqual({ a: 1, b: null, c: { d: [1, null, null] }, e: 0, g: null, h: 'x' });
    expect(Object.is((s.value as { e: number }).e, 0)).toBe(true);
    expect(s.nonFinite).toEqual({ b: 'Infinity', 'c.d[1]': 'NaN', 'c.d[2]': '-Infinity' });
  });

  it('turns typed arrays into arrays and keeps undefined array items as null, like JSON.stringify', () => {
    expect(toJsonSafe({ t: Float64Array.of(1, Infinity), u: [undefined, 2] })).toEqual({
      value: { t: [1, null], u: [null, 2] },
      nonFinite: { 't[1]': 'Infinity' },
    });
  });
});

describe('stringifyJsonSafe on a report', () => {
  // All winners: profit factor, win/loss ratio, Sortino, Omega and Calmar are +Infinity.
  const report = computeReport({
    trades: [
      trade({ id: 'a', entryTs: T0 + H, exitTs: T0 + 2 * H, netPnl: 100 }),
      trade({ id: 'b', entryTs: T0 + DAY + H, exitTs: T0 + DAY + 2 * H, netPnl: 50 }),
    ],
    equity: [],
    startingBalance: 1000,
    startTs: T0,
    endTs: T0 + 2 * DAY,
  });
  const text = stringifyJsonSafe(report);
  const parsed = JSON.parse(text) as { trades: { profitFactor: number | null }; nonFinite: Record<string, NonFiniteTag> };

  it('the text has no NaN or Infinity and parses back', () => {
    expect(text).not.toMatch(/NaN|Infinity(?!")/);
    expect(parsed.trades.profitFactor).toBeNull();
  });

  it('profit factor Infinity is represented as null plus a "nonFinite" flag', () => {
    expect(parsed.nonFinite).toEqual({
      'trades.winLossRatio': 'Infinity',
      'trades.profitFactor': 'Infinity',
      'risk.sortino': 'Infinity',
      'risk.calmar': 'Infinity',
      'risk.omega': 'Infinity',
    });
  });

  it('restoreNonFinite gives back the in-memory values', () => {
    const back = restoreNonFinite(parsed, parsed.nonFinite);
    expect(back.trades.profitFactor).toBe(Infinity);
    expect(restoreNonFinite({ a: [0, null] }, { 'a[1]': 'NaN' }).a[1]).toBeNaN();
  });

  it('an all-finite report still carries an empty nonFinite map', () => {
    const flat = computeReport({ trades: [], equity: [], startingBalance: 1, startTs: 0, endTs: 0 });
    expect(JSON.parse(stringifyJsonSafe(flat)).nonFinite).toEqual({});
  });
});
