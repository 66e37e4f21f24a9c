// Seed 003's three setups on the rolling 4-hour value area, evaluated at each minute close:
// A break-in mean reversion (a poke outside value that closes back inside), B breakout
// continuation (k closes outside value, optionally entered on a retest), C failed breakout
// (back inside after closes outside). A and C differ by what came before: A is a poke with no
// close outside value, C follows at least one close outside within the lookback.

import type { Intent, SignalRecord, Strategy, StrategyContext, StrategyDefinition, Target } from '../types';
import { confirmed, valueAreaPrices } from './levels';
import { Seed003ParamsSchema, type Seed003Params } from './params';

const FLAGS = ['signal_breakin_long', 'signal_breakin_short', 'signal_breakout_long', 'signal_breakout_short', 'signal_failbreak_long', 'signal_failbreak_short'] as const;

class ValueAreaSetups implements Strategy {
  /** Consecutive closes above VAH (positive) or below VAL (negative). */
  private acceptance = 0;
  /** Lowest low / highest high of the excursion outside value still in progress (ticks). */
  private excursionLow = Infinity;
  private excursionHigh = -Infinity;
  /** Time of the latest close above VAH / below VAL. */
  private lastCloseAbove = -Infinity;
  private lastCloseBelow = -Infinity;
  /** Breakout waiting for its retest (setup B with breakout_retest). */
  private pendingRetest: { side: 'long' | 'short'; since: number; until: number } | null = null;
  private signals: SignalRecord | null = null;

  constructor(private readonly p: Seed003Params) {}

  /** A breakout armed for a retest stays armed for its window; later signals do not extend it. */
  private armRetest(side: 'long' | 'short', ts: number): void {
    if (this.pendingRetest?.side === side) return;
    this.pendingRetest = { side, since: ts, until: ts + this.p.retest_window_minutes * 60_000 };
  }

  lastSignals(): SignalRecord | null {
    return this.signals;
  }

  onMinute(ctx: StrategyContext): readonly Intent[] {
    const { bar, features: f, ts } = ctx;
    const flags: Record<string, boolean> = Object.fromEntries(FLAGS.map((k) => [k, false]));
    const va = valueAreaPrices(f);
    if (!va) {
      this.signals = { ts, flags, acceptanceState: 0 };
      return [];
    }
    const p = this.p;
    const buffer = p.stop_buffer_ticks;
    const of = f.of_1m;
    const qimb = f.qimb_close;

    // Excursions outside value: tracked from the first bar whose extreme left value.
    this.excursionLow = bar.low < va.val ? Math.min(this.excursionLow, bar.low) : Infinity;
    this.excursionHigh = bar.high > va.vah ? Math.max(this.excursionHigh, bar.high) : -Infinity;
    const closeAbove = bar.close > va.vah;
    const closeBelow = bar.close < va.val;
    this.acceptance = closeAbove ? Math.max(0, this.acceptance) + 1 : closeBelow ? Math.min(0, this.acceptance) - 1 : 0;
    const recentAbove = ts - this.lastCloseAbove <= p.failbreak_lookback_minutes * 60_000;
    const recentBelow = ts - this.lastCloseBelow <= p.failbreak_lookback_minutes * 60_000;
    const intents: Intent[] = [];
    const flat = ctx.position.side === 'flat';

    // A: break-in (failed auction back into value) with no close outside value before it.
    if (p.enable_breakin && bar.low < va.val && bar.close > va.val && !recentBelow) {
      if (confirmed(p.confirm, p.use_qimb, of, qimb, (x) => x > p.of_entry_min, (x) => x > p.qimb_entry_min)) {
        flags['signal_breakin_long'] = true;
        intents.push({ kind: 'enter', side: 'long', stop: Math.min(this.excursionLow, bar.low) - buffer, targets: halfHalf(va.poc, va.vah), tag: 'breakin', reason: 'A_BREAKIN_LONG' });
      }
    }
    if (p.enable_breakin && bar.high > va.vah && bar.close < va.vah && !recentAbove) {
      if (confirmed(p.confirm, p.use_qimb, of, qimb, (x) => x < -p.of_entry_min, (x) => x < -p.qimb_entry_min)) {
        flags['signal_breakin_short'] = true;
        intents.push({ kind: 'enter', side: 'short', stop: Math.max(this.excursionHigh, bar.high) + buffer, targets: halfHalf(va.poc, va.val), tag: 'breakin', reason: 'A_BREAKIN_SHORT' });
      }
    }

    // C: failed breakout (back inside after acceptance outside began).
    if (p.enable_failbreak && bar.high > va.vah && bar.close < va.vah && recentAbove) {
      if (confirmed(p.confirm, p.use_qimb, of, qimb, (x) => x <= p.of_fail_min, (x) => x <= p.qimb_fail_min)) {
        flags['signal_failbreak_short'] = true;
        intents.push({ kind: 'enter', side: 'short', stop: Math.max(this.excursionHigh, bar.high) + buffer, targets: halfHalf(va.poc, va.val), tag: 'failbreak', reason: 'C_FAILED_BREAKOUT_SHORT' });
      }
    }
    if (p.enable_failbreak && bar.low < va.val && bar.close > va.val && recentBelow) {
      if (confirmed(p.confirm, p.use_qimb, of, qimb, (x) => x >= -p.of_fail_min, (x) => x >= -p.qimb_fail_min)) {
        flags['signal_failbreak_long'] = true;
        intents.push({ kind: 'enter', side: 'long', stop: Math.min(this.excursionLow, bar.low) - buffer, targets: halfHalf(va.poc, va.vah), tag: 'failbreak', reason: 'C_FAILED_BREAKOUT_LONG' });
      }
    }

    // B: breakout continuation after k consecutive closes outside value.
    const width = va.vah - va.val;
    if (p.enable_breakout && this.acceptance >= p.accept_outside_k) {
      if (confirmed(p.confirm, p.use_qimb, of, qimb, (x) => x >= p.of_breakout_min, (x) => x >= p.qimb_breakout_min)) {
        flags['signal_breakout_long'] = true;
        if (p.breakout_retest) this.armRetest('long', ts);
        else intents.push(breakoutEntry('long', bar.close, va.vah - buffer, va.vah + width, p.breakout_tp1_r, 'B_BREAKOUT_LONG'));
      }
    }
    if (p.enable_breakout && -this.acceptance >= p.accept_outside_k) {
      if (confirmed(p.confirm, p.use_qimb, of, qimb, (x) => x <= -p.of_breakout_min, (x) => x <= -p.qimb_breakout_min)) {
        flags['signal_breakout_short'] = true;
        if (p.breakout_retest) this.armRetest('short', ts);
        else intents.push(breakoutEntry('short', bar.close, va.val + buffer, va.val - width, p.breakout_tp1_r, 'B_BREAKOUT_SHORT'));
      }
    }
    // B with retest: a pullback to the edge of value, in a later bar, that closes back outside it.
    const retest = this.pendingRetest;
    if (retest && ts > retest.until) this.pendingRetest = null;
    else if (retest && ts > retest.since) {
      if (retest.side === 'long' && bar.low <= va.vah + p.retest_buffer_ticks && bar.close > va.vah) {
        intents.push(breakoutEntry('long', bar.close, bar.low - buffer, va.vah + width, p.breakout_tp1_r, 'B_RETEST_LONG'));
        this.pendingRetest = null;
      } else if (retest.side === 'short' && bar.high >= va.val - p.retest_buffer_ticks && bar.close < va.val) {
        intents.push(breakoutEntry('short', bar.close, bar.high + buffer, va.val - width, p.breakout_tp1_r, 'B_RETEST_SHORT'));
        this.pendingRetest = null;
      }
    }

    if (closeAbove) this.lastCloseAbove = ts;
    if (closeBelow) this.lastCloseBelow = ts;
    this.signals = { ts, flags, acceptanceState: this.acceptance };
    // One position at a time (seed 003 §6.1): entries only when flat, the first candidate wins.
    // A wide bar can close beyond the POC: targets already behind the entry are dropped, and a
    // candidate with none left is not traded.
    const ahead = intents.flatMap((intent): Intent[] => {
      if (intent.kind !== 'enter') return [intent];
      const targets = intent.targets.filter((t) => (intent.side === 'long' ? t.price > bar.close : t.price < bar.close));
      if (targets.length === 0) return [];
      const share = targets.reduce((sum, t) => sum + t.share, 0);
      return [{ ...intent, targets: targets.map((t) => ({ price: t.price, share: t.share / share })) }];
    });
    return flat ? ahead.slice(0, 1) : [];
  }
}

/** Seed 003's two targets, half the position each. */
function halfHalf(tp1: number, tp2: number): Target[] {
  return [
    { price: tp1, share: 0.5 },
    { price: tp2, share: 0.5 },
  ];
}

function breakoutEntry(side: 'long' | 'short', entry: number, stop: number, projected: number, tp1R: number, reason: string): Intent {
  const risk = Math.abs(entry - stop);
  const tp1 = side === 'long' ? entry + Math.round(risk * tp1R) : entry - Math.round(risk * tp1R);
  const tp2 = side === 'long' ? Math.max(projected, tp1 + 1) : Math.min(projected, tp1 - 1);
  return { kind: 'enter', side, stop, targets: halfHalf(tp1, tp2), tag: 'breakout', reason };
}

export const seed003ValueAreaSetups: StrategyDefinition<typeof Seed003ParamsSchema> = {
  id: 'seed003-value-area',
  name: 'Value area setups (seed 003 A/B/C)',
  description: 'Break-in mean reversion, breakout continuation (optional retest) and failed breakout on the rolling 4h value area, confirmed by order flow and quote imbalance.',
  params: Seed003ParamsSchema,
  historyMinutes: 30,
  create: (params) => new ValueAreaSetups(params),
};
