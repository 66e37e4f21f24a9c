// The bulk paths FootprintBuilder.addTrades and RollingProfile.addTrades (fed in random blocks)
// against their per-trade addTrade, bit for bit: bars, levels at every minute close, the window.

import { describe, expect, it } from 'vitest';
import type { TradeColumns as MarketTradeColumns } from '../../../core/market/columns';
import { FootprintBuilder, type FootprintBar } from '../../../core/profile/footprint';
import type { ProfileLevels } from '../../../core/profile/profile-levels';
import { RollingProfile } from '../../../core/profile/rolling-profile';
import type { TradeColumns } from '../../../core/profile/trade-columns';
import { mulberry32 } from '../flow/synthetic-ticks';
import { differingColumns, randomTape } from '../market/random-tape';

/** Cuts [0, n) into random blocks, so the bulk loops are also resumed mid-minute. */
function blocks(n: number, seed: number): Array<[number, number]> {
  const rnd = mulberry32(seed);
  const out: Array<[number, number]> = [];
  for (let from = 0; from < n; ) {
    const to = Math.min(n, from + 1 + Math.floor(rnd() * 3000));
    out.push([from, to]);
    from = to;
  }
  return out;
}

function expectSameBars(a: FootprintBar[], b: FootprintBar[]): void {
  expect(a.length).toBe(b.length);
  a.forEach((bar, i) => expect(differingColumns(bar, b[i]!), `bar ${i}`).toEqual([]));
}

const tapes = (): MarketTradeColumns[] => [
  randomTape(201, 30_000).trades,
  randomTape(202, 30_000, undefined, { jump: 0.003, unknownSide: 0.3 }).trades,
];

describe('FootprintBuilder.addTrades against addTrade', () => {
  it('gives the same bars at 1-tick and 5-tick levels, in blocks, with and without a side column', () => {
    for (const trades of tapes()) {
      for (const levelTicks of [1, 5]) {
        const one = new FootprintBuilder({ levelTicks });
        const expected: FootprintBar[] = [];
        for (let i = 0; i < trades.length; i++) {
          const bar = one.addTrade(trades.ts[i]!, trades.price[i]!, trades.size[i]!, trades.side[i]!);
          if (bar) expected.push(bar);
        }
        const bulk = new FootprintBuilder({ levelTicks });
        const got: FootprintBar[] = [];
        for (const [from, to] of blocks(trades.length, levelTicks)) got.push(...bulk.addTrades(trades, from, to));
        expectSameBars(got, expected);
        expectSameBars([bulk.openBar()!], [one.openBar()!]);

        const noSide: TradeColumns = { ts: trades.ts, price: Int32Array.from(trades.price), size: trades.size };
        const plain = new FootprintBuilder({ levelTicks });
        const unsided: FootprintBar[] = [];
        for (let i = 0; i < trades.length; i++) {
          const bar = plain.addTrade(trades.ts[i]!, trades.price[i]!, trades.size[i]!, 0);
          if (bar) unsided.push(bar);
        }
        expectSameBars(new FootprintBuilder({ levelTicks }).addTrades(noSide), unsided);
      }
    }
  });

  it('rejects a trade that goes back to a closed bar, as addTrade does', () => {
    const { trades } = randomTape(203, 5_000);
    const bad = { ...trades, ts: trades.ts.slice() };
    bad.ts[trades.length - 10] = bad.ts[0]!;
    expect(() => new FootprintBuilder().addTrades(bad)).toThrow(RangeError);
  });
});

describe('RollingProfile.addTrades against addTrade', () => {
  it('gives the same levels and bin widths at every minute close and the same window, in blocks', () => {
    for (const trades of tapes()) {
      for (const config of [{}, { rollingWindowMinutes: 20, baseBinTicks: 2 }]) {
        const seen = (into: Array<[number, ProfileLevels, number]>) => (minute: number, p: RollingProfile) => into.push([minute, p.levels(), p.binWidthState.sigma]);
        const expected: Array<[number, ProfileLevels, number]> = [];
        const one = new RollingProfile(config, seen(expected));
        for (let i = 0; i < trades.length; i++) one.addTrade(trades.ts[i]!, trades.price[i]!, trades.size[i]!);
        const got: Array<[number, ProfileLevels, number]> = [];
        const bulk = new RollingProfile(config, seen(got));
        for (const [from, to] of blocks(trades.length, 3)) bulk.addTrades(trades, from, to);
        expect(got.length).toBe(expected.length);
        got.forEach((g, i) => expect(differingColumns({ m: g[0], s: g[2], ...g[1] }, { m: expected[i]![0], s: expected[i]![2], ...expected[i]![1] })).toEqual([]));
        const end = trades.ts[trades.length - 1]! + 60_000;
        one.advanceTo(end);
        bulk.advanceTo(end);
        expect(differingColumns({ ...bulk.levels(), lo: bulk.lo, hi: bulk.hi }, { ...one.levels(), lo: one.lo, hi: one.hi })).toEqual([]);
        for (let key = one.lo; key <= one.hi; key++) expect(Object.is(bulk.volumeAt(key), one.volumeAt(key))).toBe(true);
      }
    }
  });

  it('rejects a trade that goes back to a closed minute, and NaN times, as addTrade does', () => {
    const { trades } = randomTape(204, 5_000);
    const back = { ...trades, ts: trades.ts.slice() };
    back.ts[trades.length - 10] = back.ts[0]!;
    expect(() => new RollingProfile().addTrades(back)).toThrow(RangeError);
    const nan = { ...trades, ts: trades.ts.slice() };
    nan.ts[10] = NaN;
    expect(() => new RollingProfile().addTrades(nan)).toThrow(RangeError);
  });
});
