// Seed 002 Setup 1, the Trend Model (out of balance, seek new balance): in an imbalance, on the
// impulse leg that broke out of balance, enter the pullback to an LVN of that leg when flow turns
// aggressive in the trend's direction; stop beyond the LVN, target the leg's extreme.

import { ImpulseTracker, lvnsOnLeg, nearestLvn } from '../../auction/impulse';
import type { Intent, SignalRecord, Strategy, StrategyContext, StrategyDefinition } from '../types';
import { valueAreaPrices } from '../seed003/levels';
import { inSessions } from '../seed004/regime';
import { TrendModelParamsSchema, type TrendModelParams } from './params';
import { BarAggression, aggressive, legLvns, marketState, nearLvn } from './readings';

class TrendModel implements Strategy {
  private readonly tracker: ImpulseTracker;
  private readonly aggression: BarAggression;
  /** Index of the current minute in the tracker's numbering. */
  private index = -1;
  private signals: SignalRecord | null = null;

  constructor(private readonly p: TrendModelParams) {
    this.tracker = new ImpulseTracker({ originLookback: p.origin_lookback });
    this.aggression = new BarAggression(p);
  }

  lastSignals(): SignalRecord | null {
    return this.signals;
  }

  onMinute(ctx: StrategyContext): readonly Intent[] {
    const p = this.p;
    const { bar } = ctx;
    const bars = ctx.history.bars;
    const t = ++this.index;
    const score = this.aggression.update(bar);
    const va = valueAreaPrices(ctx.features);
    const state = va ? marketState(bars, va, p) : 0;
    const leg = this.tracker.update(bar.high, bar.low, state);
    const flags = { imbalance: state !== 0, impulse_leg: false, pullback: false, at_lvn: false, aggressive: false, in_session: inSessions(ctx.ts, p.sessions), signal_trend_long: false, signal_trend_short: false };
    this.signals = { ts: ctx.ts, flags, acceptanceState: state };
    // Condition 2: a leg in the direction of the current imbalance, still inside the history.
    const offset = leg ? bars.length - 1 - (t - leg.startIndex) : -1;
    flags.impulse_leg = leg !== null && state === leg.direction && offset >= 0;
    if (!va || !leg || !flags.impulse_leg) return [];
    const dir = leg.direction;

    // Condition 3: a pullback (this bar makes no new extreme) to an LVN of the leg's own profile.
    flags.pullback = t > leg.endIndex && (dir === 1 ? bar.high < leg.high : bar.low > leg.low);
    const legBars = bars.slice(offset, offset + leg.endIndex - leg.startIndex + 1);
    const binTicks = ctx.features.bin_width > 0 ? ctx.features.bin_width : 1;
    const lvn = nearestLvn(bar.close, lvnsOnLeg(leg, legLvns(legBars, binTicks, p.lvn_threshold)));
    flags.at_lvn = lvn !== null && nearLvn(bar.close, lvn, p.lvn_proximity_pct);
    // Condition 4: aggressive flow in the trend's direction.
    flags.aggressive = aggressive(score, dir, p.min_aggression_score);
    if (lvn === null || !flags.pullback || !flags.at_lvn || !flags.aggressive || !flags.in_session) return [];

    const entry = bar.close;
    const stop = dir === 1 ? Math.floor(Math.min(lvn, bar.low)) - p.stop_buffer_ticks : Math.ceil(Math.max(lvn, bar.high)) + p.stop_buffer_ticks;
    // New balance is sought beyond the leg: its extreme is the first objective.
    const target = leg.endPrice;
    const risk = (entry - stop) * dir;
    const reward = (target - entry) * dir;
    if (!(risk > 0) || reward < p.min_reward_risk * risk) return [];
    flags[dir === 1 ? 'signal_trend_long' : 'signal_trend_short'] = true;
    if (ctx.position.side !== 'flat') return [];
    return [{ kind: 'enter', side: dir === 1 ? 'long' : 'short', stop, targets: [{ price: target, share: 1 }], tag: 'trend-model', reason: dir === 1 ? 'TREND_MODEL_LONG' : 'TREND_MODEL_SHORT' }];
  }
}

export const seed002TrendModel: StrategyDefinition<typeof TrendModelParamsSchema> = {
  id: 'seed002-trend-model',
  name: 'Trend Model (seed 002)',
  description:
    'New York: imbalance (beyond the value area with ±0.5% momentum over 20 minutes), impulse leg from the breakout, pullback to an LVN of the leg within 0.5%, aggression score >= 70 in the trend direction; stop 2 ticks beyond the LVN or bar extreme, target the leg extreme, at least 1.5 R.',
  params: TrendModelParamsSchema,
  // Legs older than the history cannot be profiled; 4 hours matches the rolling value area.
  historyMinutes: 240,
  create: (params) => new TrendModel(params),
};
