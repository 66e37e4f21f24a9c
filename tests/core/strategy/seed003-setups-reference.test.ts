// The seed 003 setups against a copy of their earlier, closure-based implementation (kept here
// as the reference): the same intents and signals, minute by minute, over random bars and levels.

import { describe, expect, it } from 'vitest';
import type { FeatureRow } from '../../../core/features/minute-feature-stream';
import type { Bar } from '../../../core/market/bars';
import { BTCUSDT_PERP } from '../../../core/market/instrument';
import type { ConfirmMode } from '../../../core/strategy/seed003/levels';
import { Seed003ParamsSchema, type Seed003Params } from '../../../core/strategy/seed003/params';
import { seed003ValueAreaSetups } from '../../../core/strategy/seed003/value-area-setups';
import type { Intent, PositionView, SignalRecord, Strategy, StrategyContext, Target } from '../../../core/strategy/types';
import { seededRng } from '../profile/prng';

// ---- reference: core/strategy/seed003 before the allocation-free rewrite of onMinute

interface ValueAreaPrices {
  readonly vah: number;
  readonly val: number;
  readonly poc: number;
}

function valueAreaPrices(f: FeatureRow): ValueAreaPrices | null {
  if (!Number.isFinite(f.vah) || !Number.isFinite(f.val) || !Number.isFinite(f.poc) || !(f.bin_width > 0)) return null;
  return { vah: f.vah + f.bin_width, val: f.val, poc: f.poc + Math.floor(f.bin_width / 2) };
}

function confirmed(
  mode: ConfirmMode,
  useQimb: boolean,
  of: number,
  qimb: number,
  ofPasses: (of: number) => boolean,
  qimbPasses: (qimb: number) => boolean,
): boolean {
  const ofOk = Number.isFinite(of) && ofPasses(of);
  const qimbOk = useQimb && Number.isFinite(qimb) && qimbPasses(qimb);
  if (!useQimb || mode === 'of') return ofOk;
  if (mode === 'qimb') return qimbOk;
  return mode === 'both' ? ofOk && qimbOk : ofOk || qimbOk;
}

const FLAGS = ['signal_breakin_long', 'signal_breakin_short', 'signal_breakout_long', 'signal_breakout_short', 'signal_failbreak_long', 'signal_failbreak_short'] as const;

class ReferenceSetups implements Strategy {
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


// ---- the comparison

const FLAT: PositionView = { side: 'flat', qty: 0, avgEntry: NaN, entryTs: NaN, stop: NaN };
const LONG: PositionView = { side: 'long', qty: 1, avgEntry: 1000, entryTs: 0, stop: 990 };

describe('seed 003 setups match their earlier implementation', () => {
  const variants: Array<Record<string, unknown>> = [
    {},
    { breakout_retest: true },
    { confirm: 'both' },
    { confirm: 'of', accept_outside_k: 2 },
    { confirm: 'qimb', use_qimb: true, failbreak_lookback_minutes: 5 },
    { use_qimb: false, enable_breakin: false },
    { enable_failbreak: false, breakout_retest: true, retest_window_minutes: 3 },
    { of_entry_min: 2, qimb_entry_min: 0.3, of_fail_min: -1, qimb_fail_min: 0.05, of_breakout_min: 1, qimb_breakout_min: 0 },
  ];
  for (const [n, overrides] of variants.entries()) {
    it(`variant ${n}: ${JSON.stringify(overrides)}`, () => {
      const params = Seed003ParamsSchema.parse(overrides);
      const current = seed003ValueAreaSetups.create(params);
      const reference = new ReferenceSetups(params);
      const rng = seededRng(100 + n);
      const t0 = Date.UTC(2026, 0, 5);
      let price = 1050;
      let signals = 0;
      for (let m = 0; m < 6_000; m++) {
        // Levels around 1000-1100 that drift, vanish now and then (no value area yet), and bars
        // that poke, close and stay outside them.
        const missing = rng.next() < 0.03;
        const binWidth = rng.pick([1, 10, 10, 25]);
        const val = 1000 + rng.int(-20, 20);
        const vah = val + rng.int(40, 100);
        price = Math.max(850, Math.min(1250, price + rng.int(-25, 25)));
        const open = price + rng.int(-10, 10);
        const high = Math.max(open, price) + rng.int(0, 30);
        const low = Math.min(open, price) - rng.int(0, 30);
        const of = rng.next() < 0.05 ? NaN : rng.int(-5, 5);
        const qimb = rng.next() < 0.3 ? NaN : (rng.int(-10, 10) / 20);
        const bar: Bar = { ts: t0 + m * 60_000, open, high, low, close: price, volume: 10, vwap: price, trades: 10, buyVolume: 5, sellVolume: 5, delta: 0, closeQuote: null };
        const features: FeatureRow = {
          ts_min: bar.ts, mid_close: price, sigma_240: 0.001, bin_width: missing ? NaN : binWidth, poc: missing ? NaN : val + rng.int(0, vah - val), vah: missing ? NaN : vah, val: missing ? NaN : val,
          va_coverage: 0.7, of_1m: of, of_norm_1m: 0, qimb_close: qimb, ambiguous_trade_frac_1m: 0, bvc_buy_frac_1m: NaN, bvc_net_proxy_1m: NaN,
        };
        const ctx: StrategyContext = { ts: bar.ts + 60_000, instrument: BTCUSDT_PERP, bar, features, history: { bars: [], features: [] }, position: rng.next() < 0.2 ? LONG : FLAT };
        const got = current.onMinute(ctx);
        const want = reference.onMinute(ctx);
        expect([...got]).toEqual([...want]);
        expect(current.lastSignals?.()).toEqual(reference.lastSignals());
        if (Object.values(reference.lastSignals()?.flags ?? {}).some(Boolean)) signals++;
      }
      // The random walk must exercise the setups, not only the quiet path.
      expect(signals).toBeGreaterThan(50);
    });
  }
});
