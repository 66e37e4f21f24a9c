// Seed 003's three setups on the rolling 4-hour value area, evaluated at each minute close:
// A break-in mean reversion (a poke outside value that closes back inside), B breakout
// continuation (k closes outside value, optionally entered on a retest), C failed breakout
// (back inside after closes outside). A and C differ by what came before: A is a poke with no
// close outside value, C follows at least one close outside within the lookback.

import type { Intent, SignalRecord, Strategy, StrategyContext, StrategyDefinition, Target } from '../types';
import { confirmedBy } from './levels';
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

  // Runs at every minute close, so it is written without per-minute closures or arrays: the
  // intents array and the targets filter exist only on the rare minutes that signal, and the flags
  // are one of the shared sets (a year of 1m bars: 18.9% of the bar backtest's self time before,
  // with a closure per check).
  onMinute(ctx: StrategyContext): readonly Intent[] {
    const { bar, features: f, ts } = ctx;
    // valueAreaPrices(f), inlined: the same null test and the same three prices.
    if (!Number.isFinite(f.vah) || !Number.isFinite(f.val) || !Number.isFinite(f.poc) || !(f.bin_width > 0)) {
      this.signals = { ts, flags: NO_FLAGS, acceptanceState: 0 };
      return NO_INTENTS;
    }
    const vah = f.vah + f.bin_width;
    const val = f.val;
    const poc = f.poc + Math.floor(f.bin_width / 2);
    const p = this.p;
    const buffer = p.stop_buffer_ticks;
    const of = f.of_1m;
    const qimb = f.qimb_close;
    // confirmed()'s finiteness tests, once per minute instead of once per setup.
    const ofKnown = Number.isFinite(of);
    const qimbKnown = p.use_qimb && Number.isFinite(qimb);
    const mode = p.confirm;
    const useQimb = p.use_qimb;
    let flags = 0;
    let intents: Intent[] | null = null;

    // Excursions outside value: tracked from the first bar whose extreme left value.
    this.excursionLow = bar.low < val ? Math.min(this.excursionLow, bar.low) : Infinity;
    this.excursionHigh = bar.high > vah ? Math.max(this.excursionHigh, bar.high) : -Infinity;
    const closeAbove = bar.close > vah;
    const closeBelow = bar.close < val;
    this.acceptance = closeAbove ? Math.max(0, this.acceptance) + 1 : closeBelow ? Math.min(0, this.acceptance) - 1 : 0;
    const recentAbove = ts - this.lastCloseAbove <= p.failbreak_lookback_minutes * 60_000;
    const recentBelow = ts - this.lastCloseBelow <= p.failbreak_lookback_minutes * 60_000;

    // A: break-in (failed auction back into value) with no close outside value before it.
    if (p.enable_breakin && bar.low < val && bar.close > val && !recentBelow) {
      if (confirmedBy(mode, useQimb, ofKnown && of > p.of_entry_min, qimbKnown && qimb > p.qimb_entry_min)) {
        flags |= FLAG_BIT.signal_breakin_long;
        intents = push(intents, { kind: 'enter', side: 'long', stop: Math.min(this.excursionLow, bar.low) - buffer, targets: halfHalf(poc, vah), tag: 'breakin', reason: 'A_BREAKIN_LONG' });
      }
    }
    if (p.enable_breakin && bar.high > vah && bar.close < vah && !recentAbove) {
      if (confirmedBy(mode, useQimb, ofKnown && of < -p.of_entry_min, qimbKnown && qimb < -p.qimb_entry_min)) {
        flags |= FLAG_BIT.signal_breakin_short;
        intents = push(intents, { kind: 'enter', side: 'short', stop: Math.max(this.excursionHigh, bar.high) + buffer, targets: halfHalf(poc, val), tag: 'breakin', reason: 'A_BREAKIN_SHORT' });
      }
    }

    // C: failed breakout (back inside after acceptance outside began).
    if (p.enable_failbreak && bar.high > vah && bar.close < vah && recentAbove) {
      if (confirmedBy(mode, useQimb, ofKnown && of <= p.of_fail_min, qimbKnown && qimb <= p.qimb_fail_min)) {
        flags |= FLAG_BIT.signal_failbreak_short;
        intents = push(intents, { kind: 'enter', side: 'short', stop: Math.max(this.excursionHigh, bar.high) + buffer, targets: halfHalf(poc, val), tag: 'failbreak', reason: 'C_FAILED_BREAKOUT_SHORT' });
      }
    }
    if (p.enable_failbreak && bar.low < val && bar.close > val && recentBelow) {
      if (confirmedBy(mode, useQimb, ofKnown && of >= -p.of_fail_min, qimbKnown && qimb >= -p.qimb_fail_min)) {
        flags |= FLAG_BIT.signal_failbreak_long;
        intents = push(intents, { kind: 'enter', side: 'long', stop: Math.min(this.excursionLow, bar.low) - buffer, targets: halfHalf(poc, vah), tag: 'failbreak', reason: 'C_FAILED_BREAKOUT_LONG' });
      }
    }

    // B: breakout continuation after k consecutive closes outside value.
    const width = vah - val;
    if (p.enable_breakout && this.acceptance >= p.accept_outside_k) {
      if (confirmedBy(mode, useQimb, ofKnown && of >= p.of_breakout_min, qimbKnown && qimb >= p.qimb_breakout_min)) {
        flags |= FLAG_BIT.signal_breakout_long;
        if (p.breakout_retest) this.armRetest('long', ts);
        else intents = push(intents, breakoutEntry('long', bar.close, vah - buffer, vah + width, p.breakout_tp1_r, 'B_BREAKOUT_LONG'));
      }
    }
    if (p.enable_breakout && -this.acceptance >= p.accept_outside_k) {
      if (confirmedBy(mode, useQimb, ofKnown && of <= -p.of_breakout_min, qimbKnown && qimb <= -p.qimb_breakout_min)) {
        flags |= FLAG_BIT.signal_breakout_short;
        if (p.breakout_retest) this.armRetest('short', ts);
        else intents = push(intents, breakoutEntry('short', bar.close, val + buffer, val - width, p.breakout_tp1_r, 'B_BREAKOUT_SHORT'));
      }
    }
    // B with retest: a pullback to the edge of value, in a later bar, that closes back outside it.
    const retest = this.pendingRetest;
    if (retest && ts > retest.until) this.pendingRetest = null;
    else if (retest && ts > retest.since) {
      if (retest.side === 'long' && bar.low <= vah + p.retest_buffer_ticks && bar.close > vah) {
        intents = push(intents, breakoutEntry('long', bar.close, bar.low - buffer, vah + width, p.breakout_tp1_r, 'B_RETEST_LONG'));
        this.pendingRetest = null;
      } else if (retest.side === 'short' && bar.high >= val - p.retest_buffer_ticks && bar.close < val) {
        intents = push(intents, breakoutEntry('short', bar.close, bar.high + buffer, val - width, p.breakout_tp1_r, 'B_RETEST_SHORT'));
        this.pendingRetest = null;
      }
    }

    if (closeAbove) this.lastCloseAbove = ts;
    if (closeBelow) this.lastCloseBelow = ts;
    this.signals = { ts, flags: FLAG_SETS[flags]!, acceptanceState: this.acceptance };
    // One position at a time (seed 003 §6.1): entries only when flat, the first candidate wins.
    // A wide bar can close beyond the POC: targets already behind the entry are dropped, and a
    // candidate with none left is not traded.
    if (intents === null || ctx.position.side !== 'flat') return NO_INTENTS;
    for (const intent of intents) {
      if (intent.kind !== 'enter') return [intent];
      const targets = intent.targets.filter((t) => (intent.side === 'long' ? t.price > bar.close : t.price < bar.close));
      if (targets.length === 0) continue;
      const share = targets.reduce((sum, t) => sum + t.share, 0);
      return [{ ...intent, targets: targets.map((t) => ({ price: t.price, share: t.share / share })) }];
    }
    return NO_INTENTS;
  }
}

const NO_INTENTS: readonly Intent[] = Object.freeze([]);

/** Each flag's bit in a minute's set. */
const FLAG_BIT = Object.fromEntries(FLAGS.map((k, i) => [k, 1 << i])) as Record<(typeof FLAGS)[number], number>;

/**
 * Every set of flags a minute can raise, made once (frozen, in FLAGS order), indexed by its bits:
 * a minute that signals picks one instead of copying and filling an object (1.8% of a year's bar
 * backtest went to that copy).
 */
const FLAG_SETS: readonly Readonly<Record<string, boolean>>[] = Array.from({ length: 1 << FLAGS.length }, (_, bits) =>
  Object.freeze(Object.fromEntries(FLAGS.map((k, i) => [k, (bits & (1 << i)) !== 0]))),
);
/** The flags of a minute that signals nothing. */
const NO_FLAGS = FLAG_SETS[0]!;

function push(intents: Intent[] | null, intent: Intent): Intent[] {
  if (intents === null) return [intent];
  intents.push(intent);
  return intents;
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
  needsOneMinuteBecause: 'its features are per minute (seed 003 §3.3: OF_1m, quote imbalance at the minute close, sigma_240 of 1m returns, the rolling 4h profile of 1m candles); import 1m klines or trades',
  create: (params) => new ValueAreaSetups(params),
};
