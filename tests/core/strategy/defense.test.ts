import { describe, expect, it } from 'vitest';
import type { FeatureRow } from '../../../core/features/minute-feature-stream';
import type { Bar } from '../../../core/market/bars';
import { buildDefense, DefenseConfigSchema } from '../../../core/strategy/defense/config';
import type { Candidate, ClosedTradeSummary } from '../../../core/strategy/defense/types';

// 2026-07-06 is a Monday in US daylight time: NY_AM is 12:00-15:59 UTC, LONDON 07:00-11:59.
const NY_AM = Date.UTC(2026, 6, 6, 14, 0);
const LONDON = Date.UTC(2026, 6, 6, 9, 0);
const MIN = 60_000;

const features = (sigma: number, ambiguous = 0): FeatureRow => ({
  ts_min: 0, mid_close: 1000, sigma_240: sigma, bin_width: 1, poc: 1000, vah: 1010, val: 990, va_coverage: 0.7,
  of_1m: 0, of_norm_1m: 0, qimb_close: 0, ambiguous_trade_frac_1m: ambiguous, bvc_buy_frac_1m: NaN, bvc_net_proxy_1m: NaN,
});
const bar: Bar = { ts: 0, open: 1000, high: 1001, low: 999, close: 1000, volume: 1, vwap: 1000, trades: 1, buyVolume: 1, sellVolume: 0, delta: 1, closeQuote: null };

function candidate(ts: number, closed: ClosedTradeSummary[] = [], opts: { side?: 'long' | 'short'; stop?: number; targets?: number[]; sigma?: number; age?: number; ambiguous?: number } = {}): Candidate {
  const side = opts.side ?? 'long';
  return {
    ts,
    price: 1000,
    bar,
    features: features(opts.sigma ?? 0.001, opts.ambiguous ?? 0),
    closedTrades: closed,
    dataAgeMs: opts.age ?? 0,
    intent: {
      kind: 'enter', side, stop: opts.stop ?? (side === 'long' ? 990 : 1010), tag: 'test', reason: 'TEST',
      targets: (opts.targets ?? (side === 'long' ? [1020, 1040] : [980, 960])).map((price) => ({ price, share: 0.5 })),
    },
  };
}

const defense = (config: Record<string, unknown>) => buildDefense(DefenseConfigSchema.parse(config));
const loss = (exitTs: number, side: 'long' | 'short' = 'long', pnl = -10): ClosedTradeSummary => ({ side, exitTs, pnl });

describe('defense layer', () => {
  it('accepts a clean candidate with reason OK', () => {
    expect(defense({}).judge(candidate(NY_AM))).toMatchObject({ accepted: true, reasonCode: 'OK', guard: null });
  });

  it('session filter: only the listed sessions', () => {
    const d = defense({ sessions: ['NY_AM', 'NY_PM'] });
    expect(d.judge(candidate(NY_AM)).accepted).toBe(true);
    expect(d.judge(candidate(LONDON))).toMatchObject({ accepted: false, reasonCode: 'SESSION_LONDON', guard: 'session' });
  });

  it('minimum reward to risk: (20 x .5 + 40 x .5) / 10 = 3 passes 2; (10 x .5 + 15 x .5) / 10 = 1.25 fails', () => {
    const d = defense({ min_reward_risk: 2 });
    expect(d.judge(candidate(NY_AM)).accepted).toBe(true);
    expect(d.judge(candidate(NY_AM, [], { targets: [1010, 1015] }))).toMatchObject({ accepted: false, reasonCode: 'RR_TOO_LOW' });
  });

  it('volatility regime refuses ultra-low and extreme sigma', () => {
    const d = defense({ sigma_min: 0.0002, sigma_max: 0.01 });
    expect(d.judge(candidate(NY_AM, [], { sigma: 0.0001 })).reasonCode).toBe('VOL_TOO_LOW');
    expect(d.judge(candidate(NY_AM, [], { sigma: 0.02 })).reasonCode).toBe('VOL_TOO_HIGH');
    expect(d.judge(candidate(NY_AM, [], { sigma: 0.001 })).accepted).toBe(true);
  });

  it('cooldown of 3 minutes after an exit (seed 003 §7.3)', () => {
    const d = defense({ cooldown_minutes: 3 });
    expect(d.judge(candidate(NY_AM, [loss(NY_AM - 2 * MIN)])).reasonCode).toBe('COOLDOWN');
    expect(d.judge(candidate(NY_AM, [loss(NY_AM - 3 * MIN)])).accepted).toBe(true);
  });

  it('daily loss kill switch counts only today (UTC) and lifts at the next day', () => {
    const d = defense({ max_daily_loss: 25, cooldown_minutes: 0 });
    const today = [loss(NY_AM - 60 * MIN, 'long', -20), loss(NY_AM - 30 * MIN, 'short', -10)];
    expect(d.judge(candidate(NY_AM, today)).reasonCode).toBe('KILL_SWITCH_DAILY_LOSS');
    // The same losses yesterday do not count.
    expect(d.judge(candidate(NY_AM + 86_400_000, today)).accepted).toBe(true);
    // −20 −10 +15 = −15: above −25.
    expect(d.judge(candidate(NY_AM, [...today, { side: 'long', exitTs: NY_AM - 10 * MIN, pnl: 15 }])).accepted).toBe(true);
  });

  it('circuit breaker after N losses in a row, for the pause', () => {
    const d = defense({ max_consecutive_losses: 3, loss_streak_pause_minutes: 60, cooldown_minutes: 0 });
    const streak = [loss(NY_AM - 50 * MIN), loss(NY_AM - 40 * MIN), loss(NY_AM - 30 * MIN)];
    expect(d.judge(candidate(NY_AM, streak)).reasonCode).toBe('CIRCUIT_BREAKER_LOSS_STREAK');
    expect(d.judge(candidate(NY_AM + 31 * MIN, streak)).accepted).toBe(true);
    expect(d.judge(candidate(NY_AM, [...streak.slice(0, 2), { side: 'long', exitTs: NY_AM - 30 * MIN, pnl: 5 }])).accepted).toBe(true);
  });

  it('directional loss blocker blocks only the losing direction', () => {
    const d = defense({ directional_loss_count: 2, cooldown_minutes: 0 });
    const shorts = [loss(NY_AM - 20 * MIN, 'short'), loss(NY_AM - 10 * MIN, 'short')];
    expect(d.judge(candidate(NY_AM, shorts, { side: 'short' })).reasonCode).toBe('DIRECTION_BLOCKED_SHORT');
    expect(d.judge(candidate(NY_AM, shorts, { side: 'long' })).accepted).toBe(true);
  });

  it('stale data halts entries, and the first refusing guard gives the reason', () => {
    const d = defense({ stale_data_ms: 5_000, sessions: ['NY_AM'] });
    expect(d.judge(candidate(LONDON, [], { age: 6_000 }))).toMatchObject({ reasonCode: 'STALE_DATA', guard: 'stale-data' });
    expect(defense({ ambiguous_trade_frac_max: 0.35 }).judge(candidate(NY_AM, [], { ambiguous: 0.4 })).reasonCode).toBe('AMBIGUOUS_FLOW');
  });
});
