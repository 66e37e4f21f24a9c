// Position sizing by risk percent with notional caps, fixed contracts, and rounding down to the step.

import { describe, expect, it } from 'vitest';
import type { Instrument } from '../../../core/market/instrument';
import { BTCUSDT_PERP } from '../../../core/market/instrument';
import { positionSize, type SizingRule } from '../../../core/risk/sizing';

const CENTS: Instrument = { ...BTCUSDT_PERP, tickSize: 0.01, sizeStep: 0.001 };
const risk = (riskPercent: number, extra: Partial<Extract<SizingRule, { kind: 'risk-percent' }>> = {}): SizingRule => ({
  kind: 'risk-percent',
  riskPercent,
  maxNotional: null,
  maxNotionalPercent: null,
  feeBps: 0,
  ...extra,
});

describe('positionSize', () => {
  it('reproduces seed 000: 0.5 % of 10,000 with entry 100 and stop 95 is 10 units', () => {
    // budget 50; risk per unit (10_000 - 9_500) ticks * 0.01 = 5; 50 / 5 = 10; notional 10 * 100 = 1000
    const r = positionSize(risk(0.5, { maxNotionalPercent: 10 }), 10_000, 10_000, 9_500, CENTS);
    expect(r).toMatchObject({ qty: 10, capped: false });
    expect(r.riskAmount).toBeCloseTo(50, 9);
    expect(r.notional).toBeCloseTo(1_000, 9);
  });

  it('caps a tight stop at 10 % of balance in notional (seed 000)', () => {
    // stop 99: 50 / 1 = 50 units, but 10 % of 10,000 = 1000 notional = 10 units at 100
    const r = positionSize(risk(0.5, { maxNotionalPercent: 10 }), 10_000, 10_000, 9_900, CENTS);
    expect(r).toMatchObject({ qty: 10, capped: true });
    expect(r.riskAmount).toBeCloseTo(10, 9);
  });

  it('sizes BTC in ticks and rounds down to the 0.001 step', () => {
    const btc = BTCUSDT_PERP;
    // budget 50; (1_000_000 - 999_000) * 0.1 = 100 per BTC -> 0.5
    expect(positionSize(risk(0.5), 10_000, 1_000_000, 999_000, btc).qty).toBe(0.5);
    // 300 per BTC -> 0.1666.. -> 0.166
    expect(positionSize(risk(0.5), 10_000, 1_000_000, 997_000, btc).qty).toBe(0.166);
    // a short sizes the same way: 50 / ((1_001_000 - 1_000_000) * 0.1) = 0.5
    expect(positionSize(risk(0.5), 10_000, 1_000_000, 1_001_000, btc).qty).toBe(0.5);
    // absolute cap 20,000 notional at 100,000 -> 0.2
    expect(positionSize(risk(0.5, { maxNotional: 20_000 }), 10_000, 1_000_000, 999_000, btc)).toMatchObject({ qty: 0.2, capped: true });
  });

  it('counts entry and stop taker fees into the risk when asked', () => {
    // fees (1_000_000 + 999_000) * 0.1 * 5 / 10_000 = 99.95; risk 100 + 99.95 = 199.95; 50 / 199.95 = 0.25006 -> 0.25
    const r = positionSize(risk(0.5, { feeBps: 5 }), 10_000, 1_000_000, 999_000, BTCUSDT_PERP);
    expect(r.qty).toBe(0.25);
    expect(r.riskAmount).toBeCloseTo(49.9875, 9);
  });

  it('fixed contracts ignore balance and stop, rounded down to the step; tiny budgets round to zero', () => {
    expect(positionSize({ kind: 'fixed', contracts: 1 }, 1, 1_000_000, 999_000, BTCUSDT_PERP).qty).toBe(1);
    expect(positionSize({ kind: 'fixed', contracts: 0.0015 }, 1, 1_000_000, 999_000, BTCUSDT_PERP).qty).toBe(0.001);
    // 0.5 % of 10 = 0.05; / 100 per BTC = 0.0005 -> 0
    expect(positionSize(risk(0.5), 10, 1_000_000, 999_000, BTCUSDT_PERP).qty).toBe(0);
  });
});
