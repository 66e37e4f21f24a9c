// Per-minute OF, CVD and qimb on a hand-worked tape, then on a random tape against a plain
// recomputation, the bar builder, the streaming engine and a cut tape (no look-ahead).

import { describe, expect, it } from 'vitest';
import { quoteColumnsOf, tradeColumnsOf } from '../../../core/flow/columns';
import { MinuteFlowEngine, computeMinuteFlow, minuteFlowAt, type MinuteFlow, type MinuteFlowConfig } from '../../../core/flow/minute-flow';
import { MinuteBarBuilder, type Bar } from '../../../core/market/bars';
import type { Quote, Trade } from '../../../core/market/events';
import { syntheticTicks } from './synthetic-ticks';

const T0 = Date.UTC(2024, 6, 18, 14, 30, 0);
const q = (ms: number, bid: number, bidSize: number, ask: number, askSize: number): Quote => ({
  ts: T0 + ms,
  bidPrice: bid,
  bidSize,
  askPrice: ask,
  askSize,
});
const tr = (ms: number, price: number, size: number, side: 1 | -1 | 0): Trade => ({ ts: T0 + ms, price, size, side });

/** A tape whose features are worked out by hand in the tests below. */
const TRADES: Trade[] = [
  tr(100, 102, 2, 1), // at the ask: +1
  tr(200, 100, 3, -1), // at the bid: -1
  tr(300, 101, 5, 1), // inside: ambiguous (exchange says buy)
  tr(59_999, 103, 1, 1), // the quote of the same ms applies: at its ask 103, +1
  tr(60_100, 103, 4, 1), // +1
  tr(60_200, 101, 2, 0), // at the bid: -1 (exchange: unknown)
  tr(61_000, 101, 1, -1), // quote 1000 ms old: stale, ambiguous
  tr(180_010, 104, 2, 1), // minute 3; latest quote is 30 s old: ambiguous
];
const QUOTES: Quote[] = [
  q(0, 100, 4, 102, 6),
  q(59_999, 101, 9, 103, 1), // the last millisecond of minute 0: its close snapshot
  q(60_000, 101, 1, 103, 3), // first millisecond of minute 1: must not leak into minute 0
  q(150_000, 103, 2, 104, 2), // minute 2 has no trade, so no row; it is minute 3's snapshot
];

function run(config: Partial<MinuteFlowConfig> = {}, trades = TRADES, quotes = QUOTES): MinuteFlow[] {
  const { flow } = computeMinuteFlow(tradeColumnsOf(trades), quoteColumnsOf(quotes), config);
  return Array.from({ length: flow.length }, (_, i) => minuteFlowAt(flow, i));
}

describe('per-minute order flow (seed 003 §5.5.2, §5.6)', () => {
  it('computes OF, of_norm, ambiguous fraction and CVD from inferred signs (hand-computed)', () => {
    const [m0, m1, m3, extra] = run();
    expect(extra).toBeUndefined();
    expect([m0!.ts, m1!.ts, m3!.ts]).toEqual([T0, T0 + 60_000, T0 + 180_000]);

    // Minute 0: buys 2 + 1, sells 3, ambiguous 5, of 11.
    expect([m0!.trades, m0!.volume, m0!.buyVolume, m0!.sellVolume, m0!.ambiguousVolume]).toEqual([4, 11, 3, 3, 5]);
    expect(m0!.of).toBe(0);
    expect(m0!.ofNorm).toBe(0);
    expect(m0!.ambiguousFrac).toBeCloseTo(5 / 11, 15);
    expect(m0!.cvd).toBe(0);

    // Minute 1: buy 4, sell 2, ambiguous 1.
    expect([m1!.volume, m1!.buyVolume, m1!.sellVolume, m1!.ambiguousVolume, m1!.of]).toEqual([7, 4, 2, 1, 2]);
    expect(m1!.ofNorm).toBeCloseTo(2 / 7, 15);
    expect(m1!.ambiguousFrac).toBeCloseTo(1 / 7, 15);
    expect(m1!.cvd).toBe(2);

    // Minute 3: one stale-quoted print.
    expect([m3!.volume, m3!.of, m3!.ambiguousVolume, m3!.ambiguousFrac, m3!.cvd]).toEqual([2, 0, 2, 1, 2]);
  });

  it('takes qimb from the latest quote at or before ts_min + 59 999 ms, and its EMA (span 5)', () => {
    const [m0, m1, m3] = run();
    // Minute 0 closes on the 59 999 ms quote (9 × 1), not the 60 000 ms one.
    expect([m0!.bidPrice, m0!.askPrice, m0!.bidSize, m0!.askSize]).toEqual([101, 103, 9, 1]);
    expect(m0!.qimb).toBeCloseTo((9 - 1) / (9 + 1), 15);
    expect(m0!.midClose).toBe(102);
    expect(m0!.qimbEma).toBeCloseTo(0.8, 15);
    expect(m1!.qimb).toBeCloseTo((1 - 3) / 4, 15);
    // alpha = 2 / (5 + 1) = 1/3: 0.8 + (−0.5 − 0.8) / 3
    expect(m1!.qimbEma).toBeCloseTo(0.8 - 1.3 / 3, 15);
    expect(m3!.qimb).toBe(0);
    expect(m3!.qimbEma).toBeCloseTo((0.8 - 1.3 / 3) * (2 / 3), 15);
  });

  it('uses the exchange aggressor when configured, inferring only gaps in the mixed mode', () => {
    const [e0, e1] = run({ signSource: 'exchange' });
    expect([e0!.buyVolume, e0!.sellVolume, e0!.ambiguousVolume, e0!.of]).toEqual([8, 3, 0, 5]);
    expect([e1!.buyVolume, e1!.sellVolume, e1!.ambiguousVolume, e1!.of, e1!.cvd]).toEqual([4, 1, 2, 3, 8]);
    const [, x1] = run({ signSource: 'exchange-else-inferred' });
    // The unknown-side print at the bid is inferred -1.
    expect([x1!.buyVolume, x1!.sellVolume, x1!.ambiguousVolume, x1!.of]).toEqual([4, 3, 0, 1]);
  });

  it('signs with the tick rule when configured', () => {
    const [m0] = run({ sideInference: { maxQuoteStalenessMs: 250, tickRuleFallback: true } });
    // The inside print at 101 follows 100: an up-tick, so buy volume gains its 5.
    expect([m0!.buyVolume, m0!.sellVolume, m0!.ambiguousVolume, m0!.of]).toEqual([8, 3, 0, 5]);
  });

  it('resets CVD at the UTC day boundary when asked, and never by default', () => {
    const midnight = Date.UTC(2024, 6, 19);
    const trades: Trade[] = [
      { ts: midnight - 60_000, price: 102, size: 5, side: 1 },
      { ts: midnight + 1, price: 102, size: 2, side: 1 },
      { ts: midnight + 60_001, price: 100, size: 1, side: -1 },
    ];
    const quotes: Quote[] = [
      { ts: midnight - 60_000, bidPrice: 100, bidSize: 1, askPrice: 102, askSize: 1 },
      { ts: midnight, bidPrice: 100, bidSize: 1, askPrice: 102, askSize: 1 },
      { ts: midnight + 60_000, bidPrice: 100, bidSize: 1, askPrice: 102, askSize: 1 },
    ];
    expect(run({ cvdReset: 'utc-day' }, trades, quotes).map((m) => m.cvd)).toEqual([5, 2, 1]);
    expect(run({}, trades, quotes).map((m) => m.cvd)).toEqual([5, 7, 6]);
    // A custom key: reset every even minute.
    expect(run({ cvdReset: (ts) => Math.floor(ts / 120_000) }, trades, quotes).map((m) => m.cvd)).toEqual([5, 2, 1]);
  });

  it('gives NaN qimb before any quote and for an empty book, and keeps the EMA through it', () => {
    const trades: Trade[] = [tr(0, 100, 1, 1), tr(60_000, 100, 1, 1), tr(120_000, 100, 1, 1)];
    const quotes: Quote[] = [q(60_000, 99, 0, 101, 0), q(120_000, 99, 3, 101, 1)];
    const rows = run({}, trades, quotes);
    expect(rows[0]!.qimb).toBeNaN();
    expect(rows[0]!.qimbEma).toBeNaN();
    expect(rows[1]!.qimb).toBeNaN();
    expect(rows[2]!.qimb).toBe(0.5);
    expect(rows[2]!.qimbEma).toBe(0.5);
  });

  it('streams the same minutes as the bulk path, emitting each on the first later event', () => {
    const engine = new MinuteFlowEngine();
    const events = [...QUOTES.map((x) => ({ ts: x.ts, quote: x })), ...TRADES.map((x) => ({ ts: x.ts, trade: x }))];
    // Stable sort keeps quotes ahead of trades with the same ts.
    events.sort((a, b) => a.ts - b.ts);
    const emitted: MinuteFlow[] = [];
    for (const e of events) {
      const m = 'quote' in e ? engine.onQuote(e.quote) : engine.onTrade(e.trade);
      if (m) emitted.push(m);
    }
    expect(emitted.map((m) => m.ts)).toEqual([T0, T0 + 60_000]);
    expect(engine.flush()).toBe(true);
    emitted.push({ ...engine.closed });
    expect(emitted).toEqual(run());
  });

  it('closes a minute on a timer tick without waiting for the next event', () => {
    const engine = new MinuteFlowEngine();
    engine.trade(T0 + 5, 100, 1, 1);
    expect(engine.advanceTo(T0 + 59_999)).toBe(false);
    expect(engine.advanceTo(T0 + 60_000)).toBe(true);
    expect(engine.closed.ts).toBe(T0);
  });

  it('rejects time going backwards', () => {
    const engine = new MinuteFlowEngine();
    engine.trade(T0 + 10, 100, 1, 1);
    expect(() => engine.quote(T0 + 9, 99, 1, 101, 1)).toThrow(RangeError);
  });
});

/** Plain recomputation: group trades by minute, sign each by scanning all quotes. */
function referenceFlow(trades: Trade[], quotes: Quote[]): Array<{ ts: number; volume: number; of: number; amb: number; qimb: number }> {
  const latestAtOrBefore = (ts: number): Quote | undefined => quotes.filter((x) => x.ts <= ts).at(-1);
  const rows = new Map<number, { ts: number; volume: number; of: number; amb: number; qimb: number }>();
  for (const t of trades) {
    const minute = Math.floor(t.ts / 60_000) * 60_000;
    const row = rows.get(minute) ?? { ts: minute, volume: 0, of: 0, amb: 0, qimb: NaN };
    const quote = latestAtOrBefore(t.ts);
    let sign = 0;
    if (quote && t.ts - quote.ts <= 250) sign = t.price >= quote.askPrice ? 1 : t.price <= quote.bidPrice ? -1 : 0;
    row.volume += t.size;
    row.of += sign * t.size;
    if (sign === 0) row.amb += t.size;
    const close = latestAtOrBefore(minute + 59_999);
    row.qimb = close && close.bidSize + close.askSize > 0 ? (close.bidSize - close.askSize) / (close.bidSize + close.askSize) : NaN;
    rows.set(minute, row);
  }
  return [...rows.values()];
}

describe('minute flow on a random tape', () => {
  const { trades, quotes } = syntheticTicks(3, 8_000, T0 + 12_345);

  it('matches a plain recomputation minute by minute', () => {
    const rows = run({}, trades, quotes);
    const reference = referenceFlow(trades, quotes);
    expect(rows.length).toBe(reference.length);
    let cvd = 0;
    rows.forEach((row, i) => {
      const ref = reference[i]!;
      cvd += ref.of;
      expect(row.ts).toBe(ref.ts);
      expect(row.volume).toBeCloseTo(ref.volume, 9);
      expect(row.of).toBeCloseTo(ref.of, 9);
      expect(row.ambiguousFrac).toBeCloseTo(ref.amb / ref.volume, 12);
      expect(row.cvd).toBeCloseTo(cvd, 9);
      if (Number.isNaN(ref.qimb)) expect(row.qimb).toBeNaN();
      else expect(row.qimb).toBeCloseTo(ref.qimb, 15);
    });
  });

  it('has no look-ahead: cutting the tape at a minute boundary leaves every earlier minute unchanged', () => {
    const full = run({}, trades, quotes);
    expect(full.length).toBeGreaterThan(8);
    for (const k of [3, Math.floor(full.length / 2), full.length - 1]) {
      const cut = full[k]!.ts;
      const before = run(
        {},
        trades.filter((t) => t.ts < cut),
        quotes.filter((x) => x.ts < cut),
      );
      expect(before).toEqual(full.slice(0, k));
    }
  });

  it('gives the same rows and statistics streamed event by event as in bulk, for every configuration', () => {
    const configs: Array<Partial<MinuteFlowConfig>> = [
      {},
      { signSource: 'exchange', cvdReset: 'utc-day' },
      { signSource: 'exchange-else-inferred', qimbEmaSpan: 12, sideInference: { maxQuoteStalenessMs: 100, tickRuleFallback: true } },
    ];
    for (const config of configs) {
      const { flow, stats } = computeMinuteFlow(tradeColumnsOf(trades), quoteColumnsOf(quotes), config);
      const engine = new MinuteFlowEngine(config);
      const streamed: MinuteFlow[] = [];
      let j = 0;
      for (const t of trades) {
        while (j < quotes.length && quotes[j]!.ts <= t.ts) {
          const m = engine.onQuote(quotes[j++]!);
          if (m) streamed.push(m);
        }
        const m = engine.onTrade(t);
        if (m) streamed.push(m);
      }
      while (j < quotes.length) {
        const m = engine.onQuote(quotes[j++]!);
        if (m) streamed.push(m);
      }
      if (engine.flush()) streamed.push({ ...engine.closed });
      expect(streamed).toEqual(Array.from({ length: flow.length }, (_, i) => minuteFlowAt(flow, i)));
      expect(engine.stats()).toEqual(stats);
    }
  });

  it('lines up one-to-one with MinuteBarBuilder bars; with exchange signs its delta is the bar delta', () => {
    const builder = new MinuteBarBuilder();
    const bars: Bar[] = [];
    let j = 0;
    for (const t of trades) {
      while (j < quotes.length && quotes[j]!.ts <= t.ts) {
        const b = builder.onQuote(quotes[j++]!);
        if (b) bars.push(b);
      }
      const b = builder.onTrade(t);
      if (b) bars.push(b);
    }
    while (j < quotes.length) {
      const b = builder.onQuote(quotes[j++]!);
      if (b) bars.push(b);
    }
    const open = builder.openBar();
    if (open) bars.push(open);
    const rows = run({ signSource: 'exchange' }, trades, quotes);
    expect(rows.map((r) => r.ts)).toEqual(bars.map((b) => b.ts));
    rows.forEach((r, i) => {
      const bar = bars[i]!;
      expect(r.volume).toBeCloseTo(bar.volume, 9);
      expect(r.of).toBeCloseTo(bar.delta, 9);
      expect(r.bidPrice).toBe(bar.closeQuote?.bidPrice ?? NaN);
      expect(r.askSize).toBe(bar.closeQuote?.askSize ?? NaN);
    });
  });

  it('is deterministic', () => {
    expect(run({ cvdReset: 'utc-day' }, trades, quotes)).toEqual(run({ cvdReset: 'utc-day' }, trades, quotes));
  });
});
