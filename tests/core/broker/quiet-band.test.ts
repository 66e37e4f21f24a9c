// The broker's quiet band: the quote and trade prices (and times) that can change nothing but its
// clock and marks, so a tick driver may skip calling it for them and tell it only the last one.
// Long 0.01 with a sell stop at 999_000 and a sell target (limit) at 1_001_000.

import { describe, expect, it } from 'vitest';
import { QuietBand } from '../../../core/broker/quiet-band';
import type { PaperBroker } from '../../../core/broker/paper-broker';
import type { QuoteColumns, TradeColumns } from '../../../core/market/columns';
import { broker, must, quote, T0 } from './helpers';

const STOP = 999_000;
const TARGET = 1_001_000;

function longWithBracket(overrides: Parameters<typeof broker>[0] = {}): PaperBroker {
  const b = broker(overrides);
  b.onQuote(quote(T0, 1_000_000, 1_000_002));
  must(b.submitBracket({ side: 'buy', qty: 0.01, entry: { type: 'market' }, stopPrice: STOP, targets: [{ price: TARGET, share: 1 }] }, T0));
  b.onQuote(quote(T0 + 1, 1_000_000, 1_000_002)); // entry fills; stop and target placed
  return b;
}

const band = (b: PaperBroker): QuietBand => {
  const out = new QuietBand();
  b.quietBand(out);
  return out;
};

const quotes = (rows: Array<[number, number, number]>): QuoteColumns => ({
  length: rows.length,
  ts: Float64Array.from(rows, (r) => r[0]),
  bidPrice: Float64Array.from(rows, (r) => r[1]),
  bidSize: Float64Array.from(rows, () => 1),
  askPrice: Float64Array.from(rows, (r) => r[2]),
  askSize: Float64Array.from(rows, () => 1),
});
const trades = (rows: Array<[number, number]>): TradeColumns => ({
  length: rows.length,
  ts: Float64Array.from(rows, (r) => r[0]),
  price: Float64Array.from(rows, (r) => r[1]),
  size: Float64Array.from(rows, () => 0.1),
  side: Int8Array.from(rows, () => 0),
});

describe('quiet band', () => {
  it('is everything for a broker with no order and no position', () => {
    const b = broker();
    const q = band(b);
    expect(q.quoteQuiet(T0, 1, 2)).toBe(true);
    expect(q.tradeQuiet(T0, 5)).toBe(true);
  });

  it('has no quiet quote while a new target has not yet rested, then lies strictly between stop and target', () => {
    const b = longWithBracket();
    expect(b.positionQty()).toBe(0.01);
    // The target placed at the fill rests on the next quote that does not cross it: a change.
    expect(band(b).quoteQuiet(T0 + 2, 1_000_000, 1_000_002)).toBe(false);
    b.onQuote(quote(T0 + 2, 1_000_000, 1_000_002));
    const q = band(b);
    expect(q).toMatchObject({ after: T0 + 1, until: Infinity, bidFloor: STOP, bidCeil: TARGET, tradeFloor: STOP, restCeil: TARGET });
    expect(q.quoteQuiet(T0 + 3, STOP + 1, STOP + 3)).toBe(true);
    expect(q.quoteQuiet(T0 + 3, STOP, STOP + 2)).toBe(false); // bid at the stop triggers it
    expect(q.quoteQuiet(T0 + 3, TARGET, TARGET + 2)).toBe(false); // bid at the target fills it
    expect(q.tradeQuiet(T0 + 3, TARGET)).toBe(true); // a print at a resting limit does not fill it
    expect(q.tradeQuiet(T0 + 3, TARGET + 1)).toBe(false);
    expect(q.tradeQuiet(T0 + 3, STOP)).toBe(false);
    expect(q.quoteQuiet(T0 + 1, 1_000_000, 1_000_002)).toBe(false); // not after the orders went live
  });

  it('ends at the next funding charge while a position is held', () => {
    const b = longWithBracket({ funding: { kind: 'schedule', events: [{ ts: T0 + 60_000, rate: 0.0001 }] } });
    b.onQuote(quote(T0 + 2, 1_000_000, 1_000_002));
    expect(band(b).until).toBe(T0 + 60_000);
    expect(band(b).quoteQuiet(T0 + 60_000, 1_000_000, 1_000_002)).toBe(false);
  });

  it('skipping quiet events leaves the broker as taking them one by one would', () => {
    const q = quotes([
      [T0 + 3, 1_000_100, 1_000_102],
      [T0 + 5, 999_500, 999_502],
      [T0 + 9, 1_000_900, 1_000_902],
    ]);
    const t = trades([
      [T0 + 4, 999_001],
      [T0 + 8, TARGET],
    ]);
    const oneByOne = longWithBracket();
    const skipping = longWithBracket();
    for (const b of [oneByOne, skipping]) b.onQuote(quote(T0 + 2, 1_000_000, 1_000_002));
    const quiet = band(skipping);
    for (const [ts, i, j] of [[T0 + 3, -1, 0], [T0 + 4, 0, -1], [T0 + 5, -1, 1], [T0 + 8, 1, -1], [T0 + 9, -1, 2]] as const) {
      if (j >= 0) {
        expect(quiet.quoteQuiet(ts, q.bidPrice[j]!, q.askPrice[j]!)).toBe(true);
        oneByOne.quoteRow(q, j);
      } else {
        expect(quiet.tradeQuiet(ts, t.price[i]!)).toBe(true);
        oneByOne.tradeRow(t, i);
      }
    }
    skipping.skipQuiet(t, 1, q, 2);
    expect(skipping.drainEvents()).toEqual(oneByOne.drainEvents());
    expect(skipping.snapshot()).toEqual(oneByOne.snapshot());
    expect(skipping.snapshot().clock).toBe(T0 + 9);
    expect(skipping.account().markPrice).toBe(1_000_901);
  });

  it('refuses to skip an event outside the band', () => {
    const b = longWithBracket();
    b.onQuote(quote(T0 + 2, 1_000_000, 1_000_002));
    expect(() => b.skipQuiet(trades([[T0 + 3, STOP]]), 0, quotes([]), -1)).toThrow(/quiet band/);
    expect(() => b.skipQuiet(trades([]), -1, quotes([[T0 + 3, TARGET, TARGET + 2]]), 0)).toThrow(/quiet band/);
  });
});
