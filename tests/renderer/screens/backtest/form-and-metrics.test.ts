import { z } from 'zod';
import { describe, expect, it } from 'vitest';
import { ExecutionConfigSchema } from '../../../../core/broker/config';
import { computeReport } from '../../../../core/report/report';
import { metricRows } from '../../../../core/report/format';
import { seed003ValueAreaSetups } from '../../../../core/strategy/seed003/value-area-setups';
import { seed004ValueAreaBreakout } from '../../../../core/strategy/seed004/value-area-breakout';
import { groupedRows } from '../../../../renderer/src/screens/backtest/metrics';
import { changedSettings, fieldsOf, parseField, rawDefault } from '../../../../renderer/src/forms/schema-fields';
import { contiguousSpans } from '../../../../renderer/src/screens/backtest/time';

const jsonSchema = (s: z.ZodType) => z.toJSONSchema(s, { io: 'input', unrepresentable: 'any' }) as Record<string, unknown>;

describe('the parameter form from a schema', () => {
  const fields = fieldsOf(jsonSchema(seed003ValueAreaSetups.params), seed003ValueAreaSetups.params.parse({}) as Record<string, unknown>);
  const field = (key: string) => fields.find((f) => f.key === key)!;

  it('has one field per parameter with its kind, bounds and seed default', () => {
    expect(fields.map((f) => f.key)).toEqual(Object.keys(seed003ValueAreaSetups.params.parse({}) as object));
    expect(field('enable_breakin')).toMatchObject({ kind: 'boolean', defaultValue: true });
    expect(field('confirm')).toMatchObject({ kind: 'choice', options: ['either', 'both', 'of', 'qimb'], defaultValue: 'either' });
    expect(field('accept_outside_k')).toMatchObject({ kind: 'integer', min: 0, exclusiveMin: true, defaultValue: 3 });
    expect(field('qimb_entry_min')).toMatchObject({ kind: 'number', defaultValue: 0.1 });
    const sessions = fieldsOf(jsonSchema(seed004ValueAreaBreakout.params), {}).find((f) => f.key === 'sessions')!;
    expect(sessions).toMatchObject({ kind: 'choices', options: ['ASIA', 'LONDON', 'NY_AM', 'NY_PM'], defaultValue: ['LONDON', 'NY_AM', 'NY_PM'] });
  });

  it('says what is wrong with a value, as the schema would refuse it', () => {
    const k = field('accept_outside_k');
    expect(parseField(k, '2.5')).toEqual({ ok: false, error: 'must be a whole number' });
    expect(parseField(k, '0')).toEqual({ ok: false, error: 'must be > 0' });
    expect(parseField(k, 'x')).toEqual({ ok: false, error: 'must be a number' });
    expect(parseField(k, '')).toEqual({ ok: false, error: 'required' });
    expect(parseField(k, ' 4 ')).toEqual({ ok: true, value: 4 });
    // Whatever the form accepts, the strategy's own schema accepts too.
    for (const v of ['1', '7']) expect(seed003ValueAreaSetups.params.safeParse({ accept_outside_k: (parseField(k, v) as { value: number }).value }).success).toBe(true);
    const slippageBps = fieldsOf(jsonSchema(ExecutionConfigSchema), {}).find((f) => f.key === 'slippage_bps')!;
    expect(slippageBps.optional).toBe(true);
    expect(parseField(slippageBps, '')).toEqual({ ok: true, value: undefined });
    expect(parseField(slippageBps, '-1')).toEqual({ ok: false, error: 'must be ≥ 0' });
  });

  it('sends only what differs from the defaults, as --set would', () => {
    const raws = Object.fromEntries(fields.map((f) => [f.key, rawDefault(f)]));
    expect(changedSettings(fields, raws)).toEqual({ settings: {}, errors: {} });
    expect(changedSettings(fields, { ...raws, accept_outside_k: '2', confirm: 'both', use_qimb: false })).toEqual({ settings: { accept_outside_k: 2, confirm: 'both', use_qimb: false }, errors: {} });
    expect(changedSettings(fields, { ...raws, accept_outside_k: '-1' }).errors).toEqual({ accept_outside_k: 'must be > 0' });
  });
});

describe('the range picker', () => {
  it('joins consecutive stored days into spans that end a minute after the last bar', () => {
    const day = 86_400_000;
    const d0 = Date.UTC(2025, 0, 1);
    const full = (k: number) => ({ dayTs: d0 + k * day, firstTs: d0 + k * day, lastTs: d0 + (k + 1) * day - 60_000, count: 1440 });
    expect(contiguousSpans([full(0), full(1), full(3)])).toEqual([
      { fromTs: d0, toTs: d0 + 2 * day, days: 2, count: 2880 },
      { fromTs: d0 + 3 * day, toTs: d0 + 4 * day, days: 1, count: 1440 },
    ]);
  });
});

describe('the grouped metrics table', () => {
  it('shows every row of the CLI table once (the period in the title)', () => {
    const report = computeReport({
      trades: [{ id: '1', side: 'long', qty: 1, entryTs: 0, entryPrice: 100, exitTs: 60_000, exitPrice: 101, grossPnl: 1, fees: 0.1, funding: 0, netPnl: 0.9, strategyTag: 'A' }],
      equity: [],
      startingBalance: 1000,
      startTs: 0,
      endTs: 86_400_000,
    });
    const rows = metricRows(report);
    const shown = groupedRows(rows).flatMap((g) => g.rows.map(([label]) => label));
    expect([...shown].sort()).toEqual(rows.map(([label]) => label).filter((l) => l !== 'Period').sort());
  });
});
