// The hourly tick block encoding: round trips exactly, and refuses what 32 bits cannot hold.

import { describe, expect, it } from 'vitest';
import { decodeTradesInto, emptyTrades, encodeTrades } from '../../../native/store/tick-codec';

const HOUR = 1_700_000_000_000 - (1_700_000_000_000 % 3_600_000);

function trades(ts: number[], price: number[]) {
  return {
    length: ts.length,
    ts: Float64Array.from(ts),
    price: Float64Array.from(price),
    size: Float64Array.from(ts, (_, i) => 0.001 * (i + 1)),
    side: Int8Array.from(ts, (_, i) => (i % 3) - 1),
    id: Float64Array.from(ts, (_, i) => 5e9 + i),
  };
}

describe('encodeTrades', () => {
  it('round-trips times, prices, sizes, sides and ids exactly', () => {
    const t = trades([HOUR, HOUR + 1, HOUR + 3_599_999], [650001, 2147483647, -2147483648]);
    const out = emptyTrades(3);
    decodeTradesInto(encodeTrades(t, 0, 3, HOUR), 3, HOUR, out, 0);
    expect([...out.ts]).toEqual([...t.ts]);
    expect([...out.price]).toEqual([...t.price]);
    expect([...out.size]).toEqual([...t.size]);
    expect([...out.side]).toEqual([...t.side]);
    expect([...out.id]).toEqual([...t.id]);
  });

  it.each([
    ['a fractional price', 650001.5],
    ['a price above 32 bits', 2147483648],
    ['a price below 32 bits', -2147483649],
    ['a NaN price', Number.NaN],
    ['an infinite price', Number.POSITIVE_INFINITY],
  ])('refuses %s', (_name, price) => {
    expect(() => encodeTrades(trades([HOUR, HOUR + 1], [650001, price]), 0, 2, HOUR)).toThrow(/price .* cannot be stored as a 32-bit integer/);
  });

  it('refuses a time that is not a whole millisecond', () => {
    expect(() => encodeTrades(trades([HOUR + 0.5], [1]), 0, 1, HOUR)).toThrow(/time offset/);
  });
});
