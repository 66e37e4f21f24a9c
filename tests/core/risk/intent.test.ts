// The risk gate: reason codes for bad intents, reward-to-risk, and the bracket it hands the broker.

import { describe, expect, it } from 'vitest';
import { BTCUSDT_PERP } from '../../../core/market/instrument';
import { evaluateEntry, rewardRisk, type EntryIntent, type RiskConfig } from '../../../core/risk/intent';

const CFG: RiskConfig = { sizing: { kind: 'risk-percent', riskPercent: 0.5, maxNotional: null, maxNotionalPercent: null, feeBps: 0 }, minRewardRisk: 2 };
const LONG: EntryIntent = { side: 'buy', entryPrice: 1_000_000, stopPrice: 999_000, targets: [{ price: 1_001_000, share: 0.5 }, { price: 1_003_000, share: 0.5 }], tag: 'breakout' };

describe('evaluateEntry', () => {
  it('sizes a valid long and returns the bracket for the broker', () => {
    const d = evaluateEntry(LONG, 10_000, BTCUSDT_PERP, CFG);
    // qty 50 / 100 = 0.5; reward (0.5 * 1000 + 0.5 * 3000) / 1000 ticks = 2R
    expect(d).toMatchObject({ ok: true, rewardRisk: 2, bracket: { side: 'buy', qty: 0.5, entry: { type: 'market' }, stopPrice: 999_000, tag: 'breakout' } });
    if (d.ok) expect(d.riskAmount).toBeCloseTo(50, 9);
  });

  it('rejects with a reason code', () => {
    const no = (i: Partial<EntryIntent>, balance = 10_000, cfg = CFG) => {
      const d = evaluateEntry({ ...LONG, ...i }, balance, BTCUSDT_PERP, cfg);
      return d.ok ? 'ok' : d.reason;
    };
    expect(no({ stopPrice: null })).toBe('missing-stop');
    expect(no({ stopPrice: 1_000_000 })).toBe('stop-wrong-side');
    expect(no({ side: 'sell' })).toBe('stop-wrong-side');
    expect(no({ targets: [{ price: 999_999, share: 1 }] })).toBe('target-wrong-side');
    // 1R and 2R at 50/50 = 1.5R < 2
    expect(no({ targets: [{ price: 1_001_000, share: 0.5 }, { price: 1_002_000, share: 0.5 }] })).toBe('reward-risk-below-min');
    expect(no({}, 10)).toBe('zero-size');
    expect(no({ entryPrice: 1_000_000.5 })).toBe('bad-input');
    // a spent account is told apart from malformed input
    expect(no({}, 0)).toBe('no-balance');
    expect(no({}, -8.8)).toBe('no-balance');
    expect(no({}, Number.NaN)).toBe('no-balance');
    // no targets: no reward-to-risk check
    expect(no({ targets: [] })).toBe('ok');
    expect(no({ targets: [{ price: 1_001_000, share: 1 }] }, 10_000, { ...CFG, minRewardRisk: null })).toBe('ok');
  });

  it('sizes a short with fixed contracts (seed 003: 1 contract)', () => {
    const d = evaluateEntry({ side: 'sell', entryPrice: 1_000_000, stopPrice: 1_000_200, targets: [], entry: { type: 'limit', limitPrice: 1_000_000 } }, 10_000, BTCUSDT_PERP, { sizing: { kind: 'fixed', contracts: 1 }, minRewardRisk: null });
    expect(d).toMatchObject({ ok: true, rewardRisk: null, bracket: { side: 'sell', qty: 1, entry: { type: 'limit', limitPrice: 1_000_000 } } });
  });

  it('rewardRisk weighs targets by share', () => {
    // short from 1000, stop 1010 (10 ticks); targets 990 (1R) x 0.25 and 970 (3R) x 0.75 -> 2.5R
    expect(rewardRisk('sell', 1_000, 1_010, [{ price: 990, share: 0.25 }, { price: 970, share: 0.75 }])).toBeCloseTo(2.5, 12);
  });
});
