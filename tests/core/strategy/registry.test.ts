// The built-in strategy registry: unique ids, complete defaults, strict schemas.

import { describe, expect, it } from 'vitest';
import { BUILT_IN_STRATEGIES, strategyById } from '../../../core/strategy/registry';
import { BTCUSDT_PERP } from '../../../core/market/instrument';
import { FLAT, featureRow, minuteBar } from './strategy-harness';

describe('built-in strategy registry', () => {
  it('has unique ids and finds each by id', () => {
    const ids = BUILT_IN_STRATEGIES.map((d) => d.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids).toContain('seed003-value-area');
    for (const d of BUILT_IN_STRATEGIES) expect(strategyById(d.id)).toBe(d);
    expect(strategyById('nope')).toBeUndefined();
  });

  it.each(BUILT_IN_STRATEGIES.map((d) => [d.id, d] as const))('%s: parses {} to its defaults, refuses unknown keys, and runs one empty minute', (_id, d) => {
    const defaults = d.params.parse({});
    expect(defaults).toEqual(d.params.parse(defaults));
    // Every parameter has a default: the parsed keys are exactly the schema's.
    const shape = (d.params as unknown as { shape: Record<string, unknown> }).shape;
    expect(Object.keys(defaults as object).sort()).toEqual(Object.keys(shape).sort());
    expect(Object.values(defaults as object)).not.toContain(undefined);
    expect(() => d.params.parse({ not_a_param: 1 })).toThrow(/not_a_param/);
    expect(d.historyMinutes).toBeGreaterThan(0);
    // A first minute without history or value area: nothing to do, and no throw.
    const bar = minuteBar(Date.UTC(2026, 0, 5, 14, 0), 1000, 1001, 999, 1000, 1);
    const strategy = d.create(defaults);
    expect(strategy.onMinute({ ts: bar.ts + 60_000, instrument: BTCUSDT_PERP, bar, features: featureRow(), history: { bars: [bar], features: [featureRow()] }, position: FLAT })).toEqual([]);
  });
});
