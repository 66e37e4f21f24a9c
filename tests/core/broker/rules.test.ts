// The pure pieces under the broker: fill rules, position averaging, quantity rounding, target splits.

import { describe, expect, it } from 'vitest';
import { bracketProblem, splitTargets } from '../../../core/broker/brackets';
import { brokerConfigFrom, ExecutionConfigSchema } from '../../../core/broker/config';
import { barLimitFill, barStopFill, limitCrossedByQuote, limitFilledByTrade, slippageTicks, stopTriggeredByQuote } from '../../../core/broker/fill-rules';
import { applyFill, floorQty, snapQty } from '../../../core/broker/money';
import { bar, INST, quote } from './helpers';

describe('fill rules', () => {
  it('stop triggers: sell when bid <= stop, buy when ask >= stop', () => {
    const q = quote(0, 100, 102);
    expect([stopTriggeredByQuote('sell', 100, q), stopTriggeredByQuote('sell', 99, q)]).toEqual([true, false]);
    expect([stopTriggeredByQuote('buy', 102, q), stopTriggeredByQuote('buy', 103, q)]).toEqual([true, false]);
  });

  it('limits: quote cross at or through, trades strictly through', () => {
    const q = quote(0, 100, 102);
    expect([limitCrossedByQuote('buy', 102, q), limitCrossedByQuote('buy', 101, q), limitCrossedByQuote('sell', 100, q)]).toEqual([true, false, true]);
    expect([limitFilledByTrade('buy', 100, 100), limitFilledByTrade('buy', 100, 99), limitFilledByTrade('sell', 100, 101)]).toEqual([false, true, true]);
  });

  it('slippage: ticks by entry/exit, bps rounded up to a tick', () => {
    expect(slippageTicks({ kind: 'ticks', entryTicks: 2, exitTicks: 1 }, false, 1_000)).toBe(2);
    expect(slippageTicks({ kind: 'ticks', entryTicks: 2, exitTicks: 1 }, true, 1_000)).toBe(1);
    // 2 bps of 1_000_000 = 200 ticks exactly; of 1_234 = 0.2468 -> 1
    expect(slippageTicks({ kind: 'bps', bps: 2 }, false, 1_000_000)).toBe(200);
    expect(slippageTicks({ kind: 'bps', bps: 2 }, true, 1_234)).toBe(1);
  });

  it('bar stop: gap at the open, else at the stop when the range reaches it', () => {
    const b = bar(0, 100, 110, 95, 105);
    expect(barStopFill('sell', 96, b, true)).toEqual({ refPrice: 96, atOpen: false, liquidity: 'taker' });
    expect(barStopFill('sell', 94, b, true)).toBeNull();
    expect(barStopFill('sell', 101, b, true)).toEqual({ refPrice: 100, atOpen: true, liquidity: 'taker' });
    // placed after the open (by an entry inside the bar): no gap, the stop price at the close
    expect(barStopFill('sell', 101, b, false)).toEqual({ refPrice: 101, atOpen: false, liquidity: 'taker' });
    expect(barStopFill('buy', 110, b, true)).toEqual({ refPrice: 110, atOpen: false, liquidity: 'taker' });
  });

  it('bar limit: taker at a crossing open only on its first bar, else maker strictly through', () => {
    const b = bar(0, 100, 110, 95, 105);
    expect(barLimitFill('buy', 101, b, true)).toEqual({ refPrice: 100, atOpen: true, liquidity: 'taker' });
    expect(barLimitFill('buy', 100, b, true)).toEqual({ refPrice: 100, atOpen: true, liquidity: 'taker' });
    // resting and gapped strictly through at the open: maker at the limit, at the open
    expect(barLimitFill('buy', 101, b, false)).toEqual({ refPrice: 101, atOpen: true, liquidity: 'maker' });
    expect(barLimitFill('buy', 100, b, false)).toEqual({ refPrice: 100, atOpen: false, liquidity: 'maker' });
    expect(barLimitFill('buy', 95, b, false)).toBeNull();
    expect(barLimitFill('sell', 109, b, false)).toEqual({ refPrice: 109, atOpen: false, liquidity: 'maker' });
  });
});

describe('position arithmetic', () => {
  it('averages in, realises on the closing part and opens the remainder of a crossing fill at its price', () => {
    let p = applyFill({ qty: 0, avgEntry: 0 }, 0.01, 1_000, INST).next;
    p = applyFill(p, 0.03, 1_004, INST).next;
    // (1 * 1_000 + 3 * 1_004) / 4 = 1_003
    expect(p).toEqual({ qty: 0.04, avgEntry: 1_003 });
    const cross = applyFill(p, -0.05, 1_013, INST);
    // closes 0.04: (1_013 - 1_003) * 0.1 * 0.04 = 0.04; opens 0.01 short at 1_013
    expect(cross.realized).toBeCloseTo(0.04, 12);
    expect(cross.next).toEqual({ qty: -0.01, avgEntry: 1_013 });
    const part = applyFill({ qty: -0.03, avgEntry: 2_000 }, 0.01, 1_990, INST);
    // short covers 0.01 ten ticks lower: +10 * 0.1 * 0.01 = 0.01, average unchanged
    expect(part.realized).toBeCloseTo(0.01, 12);
    expect(part.next).toEqual({ qty: -0.02, avgEntry: 2_000 });
  });

  it('rounds quantities to the step without float dust', () => {
    expect(snapQty(0.1 + 0.2, 0.001)).toBe(0.3);
    expect(floorQty(0.3, 0.1)).toBe(0.3);
    expect(floorQty(0.0299999, 0.001)).toBe(0.029);
  });
});

describe('brackets', () => {
  it('splits 50/50 on the step, the last target taking the odd step', () => {
    expect(splitTargets(0.02, [{ price: 1, share: 0.5 }, { price: 2, share: 0.5 }], 0.001)).toEqual([0.01, 0.01]);
    expect(splitTargets(0.003, [{ price: 1, share: 0.5 }, { price: 2, share: 0.5 }], 0.001)).toEqual([0.001, 0.002]);
    // shares below 1 leave a runner: 0.01 * 0.6 = 0.006 -> 0.003 + 0.003
    expect(splitTargets(0.01, [{ price: 1, share: 0.3 }, { price: 2, share: 0.3 }], 0.001)).toEqual([0.003, 0.003]);
    expect(splitTargets(0.001, [{ price: 1, share: 0.5 }, { price: 2, share: 0.5 }], 0.001)).toEqual([0, 0.001]);
  });

  it('checks the stop against the entry and the targets against the stop when the entry price is unknown', () => {
    const req = { side: 'buy', qty: 1, entry: { type: 'market' }, stopPrice: 100, targets: [{ price: 90, share: 1 }] } as const;
    expect(bracketProblem(req, null, true)?.reason).toBe('target-wrong-side');
    expect(bracketProblem({ ...req, targets: [] }, 100, true)?.reason).toBe('stop-wrong-side');
    expect(bracketProblem({ ...req, targets: [{ price: 120, share: 1 }] }, 110, true)).toBeNull();
  });
});

describe('config', () => {
  it('maps the seed 003 execution keys, with their defaults', () => {
    const cfg = brokerConfigFrom(ExecutionConfigSchema.parse({ va_fraction: 0.7 }), 'tick');
    expect(cfg).toMatchObject({ slippage: { kind: 'ticks', entryTicks: 1, exitTicks: 1 }, takerFeeBps: 5, makerFeeBps: -1, funding: { kind: 'flat', ratePer8h: 0.0001 }, requireStop: true });
    const bps = brokerConfigFrom(ExecutionConfigSchema.parse({ slippage_bps: 0.5, funding_model: 'none' }), 'bar');
    expect(bps).toMatchObject({ mode: 'bar', slippage: { kind: 'bps', bps: 0.5 }, funding: { kind: 'none' } });
    expect(() => ExecutionConfigSchema.parse({ slippage_ticks_entry: -1 })).toThrow(/slippage_ticks_entry/);
  });
});
