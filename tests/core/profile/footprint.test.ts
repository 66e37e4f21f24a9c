import { describe, expect, it } from 'vitest';
import { MinuteBarBuilder, type Bar } from '../../../core/market/bars';
import { tradeColumnsFrom } from '../../../core/market/columns';
import type { AggressorSide } from '../../../core/market/events';
import { RollingProfile } from '../../../core/profile/rolling-profile';
import { SessionProfile } from '../../../core/profile/session-profile';
import { utcDaySession } from '../../../core/profile/sessions';
import { FootprintBuilder, type FootprintBar } from '../../../core/profile/footprint';
import {
  BUY_IMBALANCE,
  diagonalImbalances,
  readFootprint,
  SELL_IMBALANCE,
  stackedImbalances,
  unfinishedAuction,
} from '../../../core/profile/footprint-analysis';
import { seededRng } from './prng';

const MIN = 60_000;
const T0 = Date.UTC(2024, 6, 18, 12, 0);

type Row = [price: number, size: number, side: AggressorSide];

function barOf(rows: Row[], levelTicks = 1): FootprintBar {
  const fp = new FootprintBuilder({ levelTicks });
  rows.forEach(([price, size, side], i) => fp.addTrade(T0 + i, price, size, side));
  return fp.openBar()!;
}

/** A bar with the given bid x ask cells, rows listed from the low price upward. */
function barFromCells(low: number, cells: [bid: number, ask: number][]): FootprintBar {
  const rows: Row[] = [];
  cells.forEach(([bid, ask], r) => {
    if (bid > 0) rows.push([low + r, bid, -1]);
    if (ask > 0) rows.push([low + r, ask, 1]);
  });
  return barOf(rows);
}

describe('FootprintBuilder cells and bar statistics (hand-computed)', () => {
  it('splits volume at each price into bid (sell aggressor) and ask (buy aggressor)', () => {
    const bar = barOf([
      [100, 2, 1], // delta 2
      [101, 5, 1], // 7
      [99, 3, -1], // 4
      [100, 1, -1], // 3
      [100, 1, 0], // unknown side: volume only
      [99, 6, -1], // -3
      [101, 1, 1], // -2
    ]);
    expect(bar.firstLevelPrice).toBe(99);
    expect(Array.from(bar.bid)).toEqual([9, 1, 0]);
    expect(Array.from(bar.ask)).toEqual([0, 2, 6]);
    expect(Array.from(bar.volume)).toEqual([9, 4, 6]);
    expect(Array.from(bar.tradeCount)).toEqual([2, 3, 2]);
    expect([bar.open, bar.high, bar.low, bar.close]).toEqual([100, 101, 99, 101]);
    expect(bar.totalVolume).toBe(19);
    expect(bar.buyVolume).toBe(8);
    expect(bar.sellVolume).toBe(10);
    expect(bar.delta).toBe(-2);
    // Running delta: 2, 7, 4, 3, 3, -3, -2.
    expect(bar.maxDelta).toBe(7);
    expect(bar.minDelta).toBe(-3);
    // Last trade at the high (101) left delta at -2; at the low (99) at -3.
    expect(bar.deltaSinceHigh).toBe(0);
    expect(bar.deltaSinceLow).toBe(1);
    expect(bar.trades).toBe(7);
    expect(bar.pocRow).toBe(0);
    expect(bar.pocPrice).toBe(99);
  });

  it('groups ticks into levels of levelTicks (low-edge prices)', () => {
    const bar = barOf(
      [
        [100, 1, 1],
        [104, 2, -1],
        [105, 4, 1],
        [109, 8, 1],
        [97, 16, -1],
      ],
      5,
    );
    expect(bar.firstLevelPrice).toBe(95);
    expect(Array.from(bar.bid)).toEqual([16, 2, 0]);
    expect(Array.from(bar.ask)).toEqual([0, 1, 12]);
    expect(bar.pocPrice).toBe(95);
  });

  it('closes bars on the bar duration and returns them from addTrade / addTrades', () => {
    const fp = new FootprintBuilder({ barMs: 5 * MIN });
    expect(fp.addTrade(T0 + 10, 100, 1, 1)).toBeNull();
    expect(fp.addTrade(T0 + 4 * MIN, 101, 1, -1)).toBeNull();
    const closed = fp.addTrade(T0 + 5 * MIN, 102, 1, 1);
    expect(closed?.ts).toBe(T0);
    expect(closed?.totalVolume).toBe(2);
    expect(fp.advanceTo(T0 + 9 * MIN)).toBeNull();
    expect(fp.advanceTo(T0 + 10 * MIN)?.ts).toBe(T0 + 5 * MIN);
    expect(fp.openBar()).toBeNull();
    expect(() => {
      fp.addTrade(T0 + 11 * MIN, 100, 1, 1);
      fp.addTrade(T0 + 9 * MIN, 100, 1, 1);
    }).toThrow(RangeError);
  });

  it('takes the market layer\'s TradeColumns batches as they are', () => {
    const batch = tradeColumnsFrom([
      { ts: T0, price: 100, size: 1, side: 1 },
      { ts: T0 + MIN, price: 101, size: 2, side: -1 },
    ]);
    expect(new FootprintBuilder().addTrades(batch).map((b) => b.totalVolume)).toEqual([1]);
    const rolling = new RollingProfile();
    rolling.addTrades(batch);
    expect(rolling.levels(1).poc).toBe(100);
    const sessions = new SessionProfile(utcDaySession);
    sessions.addTrades(batch);
    expect(sessions.developing()?.levels.poc).toBe(100);
  });

  it('a closed bar is a copy: later trades do not change it', () => {
    const fp = new FootprintBuilder();
    fp.addTrade(T0, 100, 2, 1);
    const closed = fp.addTrade(T0 + MIN, 100, 5, -1)!;
    fp.addTrade(T0 + MIN + 1, 101, 5, 1);
    expect(Array.from(closed.ask)).toEqual([2]);
    expect(Array.from(closed.bid)).toEqual([0]);
    expect(closed.totalVolume).toBe(2);
  });

  it('rejects invalid settings naming the field', () => {
    expect(() => new FootprintBuilder({ levelTicks: 0 })).toThrow(/levelTicks/);
    expect(() => new FootprintBuilder({ stackedMinLevels: 1 })).toThrow(/stackedMinLevels/);
  });

  it('a bar closed by the clock is final: a late trade inside it is rejected', () => {
    const fp = new FootprintBuilder();
    fp.addTrade(T0 + 5, 100, 1, 1);
    expect(fp.advanceTo(T0 + MIN)?.totalVolume).toBe(1);
    expect(() => fp.addTrade(T0 + 10, 100, 1, 1)).toThrow(RangeError);
    expect(fp.addTrade(T0 + MIN, 100, 1, 1)).toBeNull();
  });

  it('totals equal MinuteBarBuilder bars and a Map recomputation of cells on random trades', () => {
    for (let c = 0; c < 20; c++) {
      const rng = seededRng(500 + c);
      const levelTicks = rng.pick([1, 2, 5, 10]);
      const n = rng.int(50, 3000);
      const ts = new Float64Array(n);
      const price = new Int32Array(n);
      const size = new Float64Array(n);
      const side = new Int8Array(n);
      let t = T0;
      let p = 600_000;
      for (let i = 0; i < n; i++) {
        t += rng.int(0, 3000);
        p += rng.int(-4, 4);
        ts[i] = t;
        price[i] = p;
        size[i] = rng.int(1, 5000) * 0.001;
        side[i] = rng.pick([1, -1, -1, 1, 0]);
      }
      const bars: Bar[] = [];
      const builder = new MinuteBarBuilder();
      for (let i = 0; i < n; i++) {
        const bar = builder.onTrade({ ts: ts[i]!, price: price[i]!, size: size[i]!, side: side[i]! as AggressorSide });
        if (bar) bars.push(bar);
      }
      bars.push(builder.advanceTo(Infinity)!);

      const fp = new FootprintBuilder({ levelTicks });
      const footprints = fp.addTrades({ ts, price, size, side });
      footprints.push(fp.advanceTo(Infinity)!);
      expect(footprints.length).toBe(bars.length);

      footprints.forEach((f, b) => {
        const bar = bars[b]!;
        expect(f.ts).toBe(bar.ts);
        expect([f.open, f.high, f.low, f.close, f.trades]).toEqual([bar.open, bar.high, bar.low, bar.close, bar.trades]);
        expect(f.totalVolume).toBe(bar.volume);
        expect(f.buyVolume).toBe(bar.buyVolume);
        expect(f.sellVolume).toBe(bar.sellVolume);
        expect(f.delta).toBe(bar.delta);
        expect(f.volume.reduce((s, v) => s + v, 0)).toBeCloseTo(bar.volume, 9);
        expect(f.ask.reduce((s, v) => s + v, 0)).toBeCloseTo(bar.buyVolume, 9);
        expect(f.bid.reduce((s, v) => s + v, 0)).toBeCloseTo(bar.sellVolume, 9);
        // Cells against a plain recomputation.
        const cells = new Map<number, { bid: number; ask: number; vol: number }>();
        let running = 0;
        let maxDelta = -Infinity;
        let minDelta = Infinity;
        for (let i = 0; i < n; i++) {
          if (Math.floor(ts[i]! / MIN) * MIN !== f.ts) continue;
          const level = Math.floor(price[i]! / levelTicks) * levelTicks;
          const cell = cells.get(level) ?? { bid: 0, ask: 0, vol: 0 };
          cell.vol += size[i]!;
          if (side[i] === 1) cell.ask += size[i]!;
          if (side[i] === -1) cell.bid += size[i]!;
          cells.set(level, cell);
          running += side[i]! * size[i]!;
          maxDelta = Math.max(maxDelta, running);
          minDelta = Math.min(minDelta, running);
        }
        expect(f.maxDelta).toBeCloseTo(maxDelta, 9);
        expect(f.minDelta).toBeCloseTo(minDelta, 9);
        for (let r = 0; r < f.volume.length; r++) {
          const cell = cells.get(f.firstLevelPrice + r * levelTicks) ?? { bid: 0, ask: 0, vol: 0 };
          expect(f.bid[r]).toBeCloseTo(cell.bid, 9);
          expect(f.ask[r]).toBeCloseTo(cell.ask, 9);
          expect(f.volume[r]).toBeCloseTo(cell.vol, 9);
        }
        const maxVolume = Math.max(...[...cells.values()].map((c) => c.vol));
        expect(f.volume[f.pocRow]).toBeCloseTo(maxVolume, 9);
      });
    }
  });
});

describe('footprint imbalances (FOOTPRINT.md diagonal rule)', () => {
  // Rows 100..105 from the low up, bid x ask:
  //   105:  2 x 0
  //   104: 10 x 1
  //   103:  1 x 40
  //   102:  4 x 30
  //   101:  8 x 12
  //   100:  5 x 3
  const bar = barFromCells(100, [
    [5, 3],
    [8, 12],
    [4, 30],
    [1, 40],
    [10, 1],
    [2, 0],
  ]);

  it('flags buy when ask(p) >= ratio * bid(p - 1) and sell when bid(p) >= ratio * ask(p + 1)', () => {
    const flags = diagonalImbalances(bar, 3, 0);
    // Buy: 101: 12 vs 3*5=15 no; 102: 30 vs 24 yes; 103: 40 vs 12 yes; 104: 1 vs 3 no; 105: ask 0 no.
    // Sell: 100: 5 vs 3*12 no; 101: 8 vs 90 no; 102: 4 vs 120 no; 103: 1 vs 3 no;
    //       104: 10 vs 3*0 yes; 105: top row, nothing above to compare.
    expect(Array.from(flags)).toEqual([0, 0, BUY_IMBALANCE, BUY_IMBALANCE, SELL_IMBALANCE, 0]);
    // At 1.5 (NinjaTrader's default) 101 qualifies too: 12 >= 7.5; and 104's ask 1 vs 1.5 does not.
    expect(Array.from(diagonalImbalances(bar, 1.5, 0))).toEqual([0, BUY_IMBALANCE, BUY_IMBALANCE, BUY_IMBALANCE, SELL_IMBALANCE, 0]);
  });

  it('a minimum volume keeps small cells from counting', () => {
    expect(Array.from(diagonalImbalances(bar, 3, 31))).toEqual([0, 0, 0, BUY_IMBALANCE, 0, 0]);
  });

  it('a row can carry both sides', () => {
    const both = barFromCells(10, [
      [1, 0],
      [9, 9],
      [0, 1],
    ]);
    // Row 11: ask 9 >= 3 * bid(10)=3 and bid 9 >= 3 * ask(12)=3.
    expect(diagonalImbalances(both, 3, 0)[1]).toBe(BUY_IMBALANCE | SELL_IMBALANCE);
  });

  it('stacked imbalances: >= 3 consecutive levels on the same side, with prices', () => {
    const stack = barFromCells(200, [
      [1, 0], // 200
      [1, 5], // 201 buy (5 >= 3)
      [1, 6], // 202 buy
      [1, 7], // 203 buy
      [9, 1], // 204: ask 1 < 3 -> breaks the run; bid 9 >= 3*ask(205)=0 -> sell
      [9, 0], // 205 sell (9 >= 3*ask(206)=3)
      [9, 1], // 206 sell (9 >= 3*ask(207)=1.5)
      [0, 0.5], // 207: ask 0.5 vs 3*9 no; top row
    ]);
    const flags = diagonalImbalances(stack, 3, 0);
    const zones = stackedImbalances(stack, flags, 3);
    expect(zones).toEqual([
      { side: 1, fromRow: 1, toRow: 3, fromPrice: 201, toPrice: 203, levels: 3 },
      { side: -1, fromRow: 4, toRow: 6, fromPrice: 204, toPrice: 206, levels: 3 },
    ]);
    expect(stackedImbalances(stack, flags, 4)).toEqual([]);
  });

  it('unfinished auction: both bid and ask at the extreme', () => {
    expect(unfinishedAuction(bar)).toEqual({ atHigh: false, atLow: true }); // high 2 x 0, low 5 x 3
    const finished = barFromCells(0, [
      [0, 4],
      [3, 3],
    ]);
    expect(unfinishedAuction(finished)).toEqual({ atHigh: true, atLow: false });
    const reading = readFootprint(bar);
    expect(reading.unfinishedLow).toBe(true);
    expect(reading.unfinishedHigh).toBe(false);
    expect(reading.stacked).toEqual([]);
  });
});
