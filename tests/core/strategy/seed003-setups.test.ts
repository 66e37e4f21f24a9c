import { describe, expect, it } from 'vitest';
import type { FeatureRow } from '../../../core/features/minute-feature-stream';
import type { Bar } from '../../../core/market/bars';
import { BTCUSDT_PERP } from '../../../core/market/instrument';
import { Seed003ParamsSchema } from '../../../core/strategy/seed003/params';
import { seed003ValueAreaSetups } from '../../../core/strategy/seed003/value-area-setups';
import type { Intent, PositionView, Strategy } from '../../../core/strategy/types';

// Value area: bins of 10 ticks; VAL bin starts at 1000, VAH bin at 1090, POC bin at 1040:
// so VAL = 1000, VAH = 1090 + 10 = 1100 and POC = 1040 + 5 = 1045 (ticks).
const T0 = Date.UTC(2026, 0, 5, 14, 0);
const FLAT: PositionView = { side: 'flat', qty: 0, avgEntry: NaN, entryTs: NaN, stop: NaN };

function features(of: number, qimb: number): FeatureRow {
  return {
    ts_min: 0, mid_close: 1050, sigma_240: 0.001, bin_width: 10, poc: 1040, vah: 1090, val: 1000, va_coverage: 0.7,
    of_1m: of, of_norm_1m: 0, qimb_close: qimb, ambiguous_trade_frac_1m: 0, bvc_buy_frac_1m: NaN, bvc_net_proxy_1m: NaN,
  };
}

function bar(i: number, open: number, high: number, low: number, close: number): Bar {
  return { ts: T0 + i * 60_000, open, high, low, close, volume: 10, vwap: close, trades: 10, buyVolume: 5, sellVolume: 5, delta: 0, closeQuote: null };
}

function run(strategy: Strategy, steps: Array<[Bar, FeatureRow]>, position: PositionView = FLAT): Intent[][] {
  return steps.map(([b, f]) =>
    [...strategy.onMinute({ ts: b.ts + 60_000, instrument: BTCUSDT_PERP, bar: b, features: { ...f, ts_min: b.ts }, history: { bars: [], features: [] }, position })],
  );
}

const make = (overrides: Record<string, unknown> = {}): Strategy => seed003ValueAreaSetups.create(Seed003ParamsSchema.parse(overrides));

describe('seed 003 setup A: break-in mean reversion', () => {
  it('goes long on a poke below VAL that closes back inside with buying flow; stop below the low, targets POC and VAH', () => {
    const [intents] = run(make(), [[bar(0, 1010, 1012, 995, 1005), features(5, 0)]]);
    expect(intents).toEqual([
      { kind: 'enter', side: 'long', stop: 993, targets: [{ price: 1045, share: 0.5 }, { price: 1100, share: 0.5 }], tag: 'breakin', reason: 'A_BREAKIN_LONG' },
    ]);
  });

  it('does not fire on near misses: close still below VAL, or no initiative', () => {
    expect(run(make(), [[bar(0, 1010, 1012, 995, 999), features(5, 0.5)]])[0]).toEqual([]);
    // OF not above 0 and qimb 0.05 below its 0.10 minimum.
    expect(run(make(), [[bar(0, 1010, 1012, 995, 1005), features(0, 0.05)]])[0]).toEqual([]);
    // qimb alone confirms in the default "either" mode, not in "both".
    expect(run(make(), [[bar(0, 1010, 1012, 995, 1005), features(0, 0.2)]])[0]).toHaveLength(1);
    expect(run(make({ confirm: 'both' }), [[bar(0, 1010, 1012, 995, 1005), features(0, 0.2)]])[0]).toEqual([]);
  });

  it('uses the lowest low of a multi-bar excursion for the stop, and shorts the mirror case', () => {
    const intents = run(make({ enable_failbreak: false }), [
      [bar(0, 1010, 1010, 990, 1003), features(-1, -0.5)],
      [bar(1, 1003, 1004, 985, 1002), features(3, 0)],
    ]);
    // Bar 0: low 990 < VAL but OF negative: no long. Bar 1: excursion low min(990, 985) = 985.
    expect(intents[1]?.[0]).toMatchObject({ side: 'long', stop: 983 });
    const [short] = run(make(), [[bar(0, 1095, 1104, 1090, 1096), features(-2, 0)]]);
    expect(short).toEqual([
      { kind: 'enter', side: 'short', stop: 1106, targets: [{ price: 1045, share: 0.5 }, { price: 1000, share: 0.5 }], tag: 'breakin', reason: 'A_BREAKIN_SHORT' },
    ]);
  });
});

describe('seed 003 setup B: breakout continuation', () => {
  const closesAbove = (of: number) => [
    [bar(0, 1098, 1104, 1097, 1103), features(1, 0)],
    [bar(1, 1103, 1108, 1102, 1106), features(1, 0)],
    [bar(2, 1106, 1112, 1105, 1110), features(of, 0)],
  ] as Array<[Bar, FeatureRow]>;

  it('goes long at the third consecutive close above VAH with buying flow; stop just inside value', () => {
    const intents = run(make(), closesAbove(4));
    expect(intents[0]).toEqual([]);
    expect(intents[1]).toEqual([]);
    // Entry 1110, stop VAH - 2 = 1098, risk 12: tp1 = 1110 + 1.5 x 12 = 1128; tp2 = VAH + width 100 = 1200.
    expect(intents[2]).toEqual([
      { kind: 'enter', side: 'long', stop: 1098, targets: [{ price: 1128, share: 0.5 }, { price: 1200, share: 0.5 }], tag: 'breakout', reason: 'B_BREAKOUT_LONG' },
    ]);
  });

  it('does not fire after only two closes outside, or against selling flow', () => {
    expect(run(make(), closesAbove(4).slice(0, 2)).flat()).toEqual([]);
    expect(run(make(), closesAbove(-4))[2]).toEqual([]);
  });

  it('with the retest toggle, waits for a pullback to VAH that closes back above it', () => {
    const intents = run(make({ breakout_retest: true }), [
      ...closesAbove(4),
      [bar(3, 1110, 1115, 1101, 1112), features(2, 0)],
    ]);
    expect(intents[2]).toEqual([]);
    // Pullback low 1101 <= VAH + 2; close 1112 > VAH. Stop below the pullback low: 1099; risk 13.
    expect(intents[3]).toEqual([
      { kind: 'enter', side: 'long', stop: 1099, targets: [{ price: 1132, share: 0.5 }, { price: 1200, share: 0.5 }], tag: 'breakout', reason: 'B_RETEST_LONG' },
    ]);
  });
});

describe('seed 003 setup C: failed breakout', () => {
  it('shorts a return inside value after a close above VAH, stop above the poke high', () => {
    const intents = run(make(), [
      [bar(0, 1098, 1106, 1097, 1104), features(1, 0)],
      [bar(1, 1104, 1108, 1094, 1095), features(-5, -0.3)],
    ]);
    expect(intents[1]).toEqual([
      { kind: 'enter', side: 'short', stop: 1110, targets: [{ price: 1045, share: 0.5 }, { price: 1000, share: 0.5 }], tag: 'failbreak', reason: 'C_FAILED_BREAKOUT_SHORT' },
    ]);
  });

  it('is not a failed breakout without a prior close outside value (that poke is setup A)', () => {
    const s = make();
    const [intents] = run(s, [[bar(0, 1095, 1104, 1090, 1096), features(-2, 0)]]);
    expect(intents?.[0]).toMatchObject({ tag: 'breakin' });
    expect(s.lastSignals?.()?.flags).toMatchObject({ signal_breakin_short: true, signal_failbreak_short: false });
  });
});

describe('seed 003 position rule', () => {
  it('takes no entry while a position is open (one position, no pyramiding)', () => {
    const open: PositionView = { side: 'long', qty: 1, avgEntry: 1005, entryTs: T0, stop: 993 };
    const s = make();
    expect(run(s, [[bar(0, 1010, 1012, 995, 1005), features(5, 0)]], open)[0]).toEqual([]);
    // The signal is still recorded for the signals table.
    expect(s.lastSignals?.()?.flags['signal_breakin_long']).toBe(true);
  });

  it('refuses parameters outside the schema, naming the field', () => {
    expect(() => Seed003ParamsSchema.parse({ accept_outside_k: 0 })).toThrow(/accept_outside_k/);
    expect(() => Seed003ParamsSchema.parse({ unknown_knob: 1 })).toThrow(/unknown_knob/);
  });
});

describe('seed 003 targets behind the entry', () => {
  it('drops a target the close already passed, giving its share to the rest, and skips when none is left', () => {
    // Break-in long closing at 1050, beyond the POC (1045): only VAH (1100) is still ahead.
    const [intents] = run(make(), [[bar(0, 1010, 1052, 995, 1050), features(5, 0)]]);
    expect(intents).toEqual([{ kind: 'enter', side: 'long', stop: 993, targets: [{ price: 1100, share: 1 }], tag: 'breakin', reason: 'A_BREAKIN_LONG' }]);
    // Closing at 1100 leaves no target ahead (VAH is 1100): no entry, though the signal is seen.
    const s = make();
    expect(run(s, [[bar(0, 1010, 1100, 995, 1100), features(5, 0)]])[0]).toEqual([]);
    expect(s.lastSignals?.()?.flags['signal_breakin_long']).toBe(true);
  });
});
