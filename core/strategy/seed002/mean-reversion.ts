// Seed 002 Setup 2, Mean Reversion (failed breakout, back to balance): from balance, a close
// outside value that comes back inside within the fail window; on the leg that reclaims value,
// enter the pullback to its LVN when flow turns aggressive toward the POC; stop beyond the failed
// breakout's extreme, target the POC.

import { nearestLvn } from '../../auction/impulse';
import type { Intent, SignalRecord, Strategy, StrategyContext, StrategyDefinition } from '../types';
import { valueAreaPrices } from '../seed003/levels';
import { inSessions } from '../seed004/regime';
import { MeanReversionParamsSchema, type MeanReversionParams } from './params';
import { BarAggression, aggressive, legLvns, marketState, nearLvn } from './readings';

/** `dir` is the breakout's direction (+1 above VAH); the trade goes the other way. Indices count minutes. */
type Phase =
  | { readonly kind: 'idle' }
  | { readonly kind: 'outside'; readonly dir: 1 | -1; readonly firstTs: number; extreme: number; extremeIdx: number }
  | { readonly kind: 'reclaimed'; readonly dir: 1 | -1; readonly since: number; readonly extreme: number; readonly extremeIdx: number; legEnd: number; legEndIdx: number };

const IDLE: Phase = { kind: 'idle' };

class MeanReversion implements Strategy {
  private readonly aggression: BarAggression;
  private phase: Phase = IDLE;
  private prevState = 0;
  /** Where the previous close sat: +1 above VAH, −1 below VAL, 0 inside (a fresh attempt starts from inside). */
  private prevSide = 0;
  private index = -1;
  private signals: SignalRecord | null = null;

  constructor(private readonly p: MeanReversionParams) {
    this.aggression = new BarAggression(p);
  }

  lastSignals(): SignalRecord | null {
    return this.signals;
  }

  onMinute(ctx: StrategyContext): readonly Intent[] {
    const p = this.p;
    const { bar, ts } = ctx;
    const t = ++this.index;
    const score = this.aggression.update(bar);
    const va = valueAreaPrices(ctx.features);
    const flags = { breakout_from_balance: false, breakout_failed: false, pullback: false, at_lvn: false, aggressive: false, in_session: inSessions(ts, p.sessions), signal_mr_long: false, signal_mr_short: false };
    this.signals = { ts, flags, acceptanceState: 0 };
    if (!va) {
      this.phase = IDLE;
      this.prevState = 0;
      this.prevSide = 0;
      return [];
    }
    const state = marketState(ctx.history.bars, va, p);
    const side = bar.close > va.vah ? 1 : bar.close < va.val ? -1 : 0;
    const failWindow = p.fail_window_minutes * 60_000;
    let intent: Intent | null = null;
    const phase = this.phase;

    if (phase.kind === 'outside') {
      if ((phase.dir === 1 && bar.high > phase.extreme) || (phase.dir === -1 && bar.low < phase.extreme)) {
        phase.extreme = phase.dir === 1 ? bar.high : bar.low;
        phase.extremeIdx = t;
      }
      // Conditions 2-3: back inside value within the window is a failed breakout; staying out is acceptance.
      if (ts - phase.firstTs > failWindow || side === -phase.dir) this.phase = IDLE;
      else if (side === 0) this.phase = { kind: 'reclaimed', dir: phase.dir, since: ts, extreme: phase.extreme, extremeIdx: phase.extremeIdx, legEnd: phase.dir === 1 ? bar.low : bar.high, legEndIdx: t };
    } else if (phase.kind === 'reclaimed' && (side !== 0 || ts - phase.since > p.setup_window_minutes * 60_000)) {
      this.phase = IDLE;
    } else if (phase.kind === 'reclaimed' && ((phase.dir === 1 && bar.low < phase.legEnd) || (phase.dir === -1 && bar.high > phase.legEnd))) {
      // The reclaim leg is still extending toward the POC: not a pullback yet.
      phase.legEnd = phase.dir === 1 ? bar.low : bar.high;
      phase.legEndIdx = t;
    } else if (phase.kind === 'reclaimed') {
      intent = this.pullbackEntry(ctx, phase, t, score, va.poc, flags);
      if (flags.signal_mr_long || flags.signal_mr_short) this.phase = IDLE;
    }
    // Condition 1: an attempt starts from balance (the state of the minute before) with the first
    // close outside; a setup that just ended on that close hands over to the new attempt.
    if (this.phase.kind === 'idle' && intent === null && side !== 0 && this.prevSide === 0 && this.prevState === 0) {
      this.phase = { kind: 'outside', dir: side, firstTs: ts, extreme: side === 1 ? bar.high : bar.low, extremeIdx: t };
    }
    flags.breakout_from_balance = this.phase.kind !== 'idle' || flags.signal_mr_long || flags.signal_mr_short;
    flags.breakout_failed = this.phase.kind === 'reclaimed' || flags.signal_mr_long || flags.signal_mr_short;
    this.prevState = state;
    this.prevSide = side;
    return intent && ctx.position.side === 'flat' ? [intent] : [];
  }

  /** Conditions 4-5 on a bar that pulls back into the reclaim leg. */
  private pullbackEntry(
    ctx: StrategyContext,
    phase: Extract<Phase, { kind: 'reclaimed' }>,
    t: number,
    score: ReturnType<BarAggression['update']>,
    poc: number,
    flags: Record<'pullback' | 'at_lvn' | 'aggressive' | 'in_session' | 'signal_mr_long' | 'signal_mr_short', boolean>,
  ): Intent | null {
    const p = this.p;
    const { bar } = ctx;
    const bars = ctx.history.bars;
    const offset = bars.length - 1 - (t - phase.extremeIdx);
    if (offset < 0) return null;
    flags.pullback = true;
    const trade = phase.dir === 1 ? -1 : 1;
    const legBars = bars.slice(offset, offset + phase.legEndIdx - phase.extremeIdx + 1);
    const binTicks = ctx.features.bin_width > 0 ? ctx.features.bin_width : 1;
    const lvn = nearestLvn(bar.close, legLvns(legBars, binTicks, p.lvn_threshold));
    flags.at_lvn = lvn !== null && nearLvn(bar.close, lvn, p.lvn_proximity_pct);
    flags.aggressive = aggressive(score, trade, p.min_aggression_score);
    const roomToPoc = (poc - bar.close) * trade > 0;
    if (!flags.at_lvn || !flags.aggressive || !flags.in_session || !roomToPoc) return null;

    const entry = bar.close;
    const stop = trade === -1 ? Math.ceil(phase.extreme) + p.stop_buffer_ticks : Math.floor(phase.extreme) - p.stop_buffer_ticks;
    const risk = (entry - stop) * trade;
    const reward = (poc - entry) * trade;
    if (!(risk > 0) || reward < p.min_reward_risk * risk) return null;
    flags[trade === 1 ? 'signal_mr_long' : 'signal_mr_short'] = true;
    return { kind: 'enter', side: trade === 1 ? 'long' : 'short', stop, targets: [{ price: poc, share: 1 }], tag: 'mean-reversion', reason: trade === 1 ? 'MEAN_REVERSION_LONG' : 'MEAN_REVERSION_SHORT' };
  }
}

export const seed002MeanReversion: StrategyDefinition<typeof MeanReversionParamsSchema> = {
  id: 'seed002-mean-reversion',
  name: 'Mean Reversion (seed 002)',
  description:
    'From balance, a close outside value that closes back inside within 15 minutes; within 60 minutes, a pullback to an LVN of the reclaim leg (within 0.5%) with an aggression score >= 70 toward the POC; stop 2 ticks beyond the failed breakout extreme, target the POC, at least 1.5 R.',
  params: MeanReversionParamsSchema,
  // The fail and setup windows (15 + 60 minutes) plus the 20-minute momentum lookback fit in 2 hours.
  historyMinutes: 120,
  create: (params) => new MeanReversion(params),
};
