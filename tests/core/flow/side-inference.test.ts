// Trade signing at the book's edges, the staleness boundary, missing quotes, the tick-rule
// fallback and agreement with the exchange side; bulk checked against a plain scan.

import { describe, expect, it } from 'vitest';
import { quoteColumnsOf, tradeColumnsOf } from '../../../core/flow/columns';
import { SEED003_SIDE_INFERENCE, TradeSideClassifier, inferTradeSides } from '../../../core/flow/side-inference';
import type { Quote, Trade } from '../../../core/market/events';
import { syntheticTicks } from './synthetic-ticks';

const T0 = Date.UTC(2024, 6, 18, 14, 30, 0);

/** Bid 100 × ask 102 posted at T0. */
function withBook(config = SEED003_SIDE_INFERENCE): TradeSideClassifier {
  const c = new TradeSideClassifier(config);
  c.onQuote(T0, 100, 102);
  return c;
}

describe('trade-side inference against L1 (seed 003 §5.5.1)', () => {
  it('signs a print at the ask +1, at the bid -1, inside the spread 0', () => {
    expect(withBook().classify(T0 + 10, 102, 1, 0)).toBe(1);
    expect(withBook().classify(T0 + 10, 100, 1, 0)).toBe(-1);
    expect(withBook().classify(T0 + 10, 101, 1, 0)).toBe(0);
  });

  it('signs prints through the book by the side they crossed', () => {
    expect(withBook().classify(T0 + 10, 105, 1, 0)).toBe(1);
    expect(withBook().classify(T0 + 10, 97, 1, 0)).toBe(-1);
  });

  it('uses a quote exactly 250 ms old (inclusive) and rejects one 251 ms old', () => {
    expect(withBook().classify(T0 + 250, 102, 1, 0)).toBe(1);
    const c = withBook();
    expect(c.classify(T0 + 251, 102, 1, 0)).toBe(0);
    expect(c.stats().staleOrMissingQuote).toBe(1);
    expect(c.stats().quoteSigned).toBe(0);
  });

  it('honours a configured staleness limit', () => {
    expect(withBook({ maxQuoteStalenessMs: 1000, tickRuleFallback: false }).classify(T0 + 1000, 100, 1, 0)).toBe(-1);
    // With a 0 ms limit only a quote stamped at the trade's own millisecond is fresh.
    expect(withBook({ maxQuoteStalenessMs: 0, tickRuleFallback: false }).classify(T0, 100, 1, 0)).toBe(-1);
    expect(withBook({ maxQuoteStalenessMs: 0, tickRuleFallback: false }).classify(T0 + 1, 100, 1, 0)).toBe(0);
  });

  it('leaves a trade ambiguous when no quote has arrived', () => {
    const c = new TradeSideClassifier();
    expect(c.classify(T0, 102, 3, 1)).toBe(0);
    const s = c.stats();
    expect(s.staleOrMissingQuote).toBe(1);
    expect(s.ambiguous).toBe(1);
    expect(s.ambiguousVolume).toBe(3);
    // Without a usable quote the trade is not part of the agreement base.
    expect(s.reportedWithQuote).toBe(0);
    expect(s.agreementRate).toBeNaN();
  });

  it('falls back to the tick rule when configured: up-tick +1, down-tick -1, zero-tick repeats', () => {
    const c = new TradeSideClassifier({ maxQuoteStalenessMs: 250, tickRuleFallback: true });
    // No quote at all: only the tick rule can sign, and the very first print has no prior price.
    expect(c.classify(T0, 100, 1, 0)).toBe(0);
    expect(c.classify(T0 + 1, 101, 1, 0)).toBe(1);
    expect(c.classify(T0 + 2, 101, 1, 0)).toBe(1);
    expect(c.classify(T0 + 3, 99, 1, 0)).toBe(-1);
    expect(c.classify(T0 + 4, 99, 1, 0)).toBe(-1);
    // A fresh quote takes precedence: 99 is at the ask of 98 × 99, even after a down-tick.
    c.onQuote(T0 + 5, 98, 99);
    expect(c.classify(T0 + 6, 99, 1, 0)).toBe(1);
    // Inside the spread of 97 × 100 the tick rule decides again: 98 < 99 is a down-tick.
    c.onQuote(T0 + 7, 97, 100);
    expect(c.classify(T0 + 8, 98, 1, 0)).toBe(-1);
    const s = c.stats();
    expect(s.tickRuleSigned).toBe(5);
    expect(s.quoteSigned).toBe(1);
    expect(s.insideSpread).toBe(1);
    expect(s.ambiguous).toBe(1);
  });

  it('keeps the tick rule off by default (seed 003 use_tick_rule_fallback: false)', () => {
    const c = withBook();
    c.classify(T0 + 1, 100, 1, 0);
    expect(c.classify(T0 + 2, 101, 1, 0)).toBe(0);
  });

  it('reports the agreement with exchange-reported sides (hand-computed)', () => {
    const c = withBook();
    c.classify(T0 + 1, 102, 1, 1); // agree
    c.classify(T0 + 2, 100, 1, -1); // agree
    c.classify(T0 + 3, 100, 1, 1); // disagree
    c.classify(T0 + 4, 101, 1, -1); // ambiguous
    c.classify(T0 + 5, 102, 1, 0); // no reported side: outside the base
    c.classify(T0 + 400, 102, 1, 1); // stale quote: outside the base
    const s = c.stats();
    expect(s.reportedWithQuote).toBe(4);
    expect(s.agreeing).toBe(2);
    expect(s.ambiguousAmongReported).toBe(1);
    expect(s.agreementRate).toBe(0.5);
    expect(s.ambiguousRateAmongReported).toBe(0.25);
    expect(s.trades).toBe(6);
    expect(s.volume).toBe(6);
  });
});

/** Plain reference: for each trade, scan every quote for the latest with ts <= trade ts. */
function referenceSigns(trades: Trade[], quotes: Quote[], maxAge: number): number[] {
  return trades.map((t) => {
    let q: Quote | undefined;
    for (const c of quotes) if (c.ts <= t.ts) q = c;
    if (!q || t.ts - q.ts > maxAge) return 0;
    if (t.price >= q.askPrice) return 1;
    if (t.price <= q.bidPrice) return -1;
    return 0;
  });
}

describe('inferTradeSides (bulk, columnar)', () => {
  it('applies a quote sharing the trade timestamp before the trade', () => {
    const trades = tradeColumnsOf([{ ts: T0, price: 102, size: 1, side: 0 }]);
    const quotes = quoteColumnsOf([
      { ts: T0 - 10, bidPrice: 101, bidSize: 1, askPrice: 103, askSize: 1 },
      { ts: T0, bidPrice: 100, bidSize: 1, askPrice: 102, askSize: 1 },
    ]);
    expect(Array.from(inferTradeSides(trades, quotes).signs)).toEqual([1]);
  });

  it('matches a plain recomputation on a random tape, and the streaming classifier', () => {
    const { trades, quotes } = syntheticTicks(7, 6_000, T0);
    const { signs, stats } = inferTradeSides(tradeColumnsOf(trades), quoteColumnsOf(quotes));
    expect(Array.from(signs)).toEqual(referenceSigns(trades, quotes, 250));
    expect(stats.trades).toBe(trades.length);

    // Streaming, fed one event at a time with quotes first on equal timestamps.
    const streaming = new TradeSideClassifier();
    const streamed: number[] = [];
    let j = 0;
    for (const t of trades) {
      while (j < quotes.length && quotes[j]!.ts <= t.ts) {
        streaming.onQuote(quotes[j]!.ts, quotes[j]!.bidPrice, quotes[j]!.askPrice);
        j++;
      }
      streamed.push(streaming.classify(t.ts, t.price, t.size, t.side));
    }
    expect(streamed).toEqual(Array.from(signs));
    expect(streaming.stats()).toEqual(stats);

    const ambiguous = signs.reduce((n, s) => n + (s === 0 ? 1 : 0), 0);
    expect(stats.ambiguous).toBe(ambiguous);
    expect(stats.ambiguous).toBeGreaterThan(0);
    expect(stats.quoteSigned).toBeGreaterThan(0);
  });

  it('is deterministic: the same tape gives the same signs and statistics', () => {
    const { trades, quotes } = syntheticTicks(11, 5_000, T0);
    const a = inferTradeSides(tradeColumnsOf(trades), quoteColumnsOf(quotes), { maxQuoteStalenessMs: 250, tickRuleFallback: true });
    const b = inferTradeSides(tradeColumnsOf(trades), quoteColumnsOf(quotes), { maxQuoteStalenessMs: 250, tickRuleFallback: true });
    expect(Array.from(a.signs)).toEqual(Array.from(b.signs));
    expect(a.stats).toEqual(b.stats);
  });
});
