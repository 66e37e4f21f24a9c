import { describe, expect, it } from 'vitest';
import { RollingProfile, type RollingProfileFeatures } from '../../../core/profile/rolling-profile';
import type { TradeColumns } from '../../../core/profile/trade-columns';
import { seededRng, type Rng } from './prng';
import { plainLevels } from './plain-profile';

const MIN = 60_000;
const T0 = Date.UTC(2024, 6, 18, 0, 0);

interface T {
  ts: number;
  price: number;
  size: number;
}

/** A random walk of trades with quiet minutes and gaps; sizes are multiples of 1/4 (exact sums). */
function randomStream(rng: Rng, minutes: number): T[] {
  const trades: T[] = [];
  let price = 100_000 + rng.int(-500, 500);
  for (let m = 0; m < minutes; m++) {
    if (rng.next() < 0.15) continue; // minute without trades
    if (rng.next() < 0.02) m += rng.int(1, 40); // data gap
    const n = rng.int(1, 12);
    const offsets = Array.from({ length: n }, () => rng.int(0, MIN - 1)).sort((a, b) => a - b);
    for (const off of offsets) {
      price += rng.int(-3, 3);
      trades.push({ ts: T0 + m * MIN + off, price, size: rng.int(1, 12) * 0.25 });
    }
  }
  return trades;
}

function columns(trades: T[]): TradeColumns {
  return {
    ts: Float64Array.from(trades, (t) => t.ts),
    price: Int32Array.from(trades, (t) => t.price),
    size: Float64Array.from(trades, (t) => t.size),
  };
}

describe('RollingProfile window maintenance (seed 003 §5.4.2)', () => {
  it('keeps exactly the last N minutes (hand-computed)', () => {
    const seen: [number, number, number][] = [];
    const p = new RollingProfile({ rollingWindowMinutes: 2 }, (minute, profile) => {
      seen.push([minute, profile.volumeAt(100), profile.volumeAt(101)]);
    });
    p.addTrade(T0 + 1_000, 100, 1); // minute 0
    p.addTrade(T0 + MIN + 5, 100, 2); // minute 1 (closes 0)
    p.addTrade(T0 + MIN + 6, 101, 4);
    p.addTrade(T0 + 2 * MIN, 101, 8); // minute 2 (closes 1)
    p.advanceTo(T0 + 3 * MIN); // closes 2: minute 0 leaves the 2-minute window
    expect(seen).toEqual([
      [T0, 1, 0],
      [T0 + MIN, 3, 4],
      [T0 + 2 * MIN, 2, 12],
    ]);
    expect(p.minutesInWindow).toBe(2);
    // POC 101 (12 of 14 = .857 >= .7).
    expect(p.levels(1)).toMatchObject({ valid: true, poc: 101, val: 101, vah: 101, total: 14 });
  });

  it('measures the window in calendar minutes, so a gap empties it instead of stretching it', () => {
    const p = new RollingProfile({ rollingWindowMinutes: 3 });
    p.addTrade(T0, 100, 1);
    p.addTrade(T0 + 10 * MIN, 105, 2); // closes minute 0
    p.advanceTo(T0 + 11 * MIN); // closes minute 10: minute 0 is 10 minutes old
    expect(p.volumeAt(100)).toBe(0);
    expect(p.levels(1)).toMatchObject({ poc: 105, total: 2 });
  });

  it('the open minute is not part of the profile until it closes', () => {
    const p = new RollingProfile({ rollingWindowMinutes: 5 });
    p.addTrade(T0, 100, 1);
    p.addTrade(T0 + MIN, 200, 50);
    expect(p.levels(1)).toMatchObject({ poc: 100, total: 1 });
    expect(p.volumeAt(200)).toBe(0);
  });

  it('leaves bins exactly empty after fractional sizes enter and leave (no float residue)', () => {
    const rng = seededRng(5);
    const p = new RollingProfile({ rollingWindowMinutes: 3 });
    for (let m = 0; m < 54; m++) {
      p.addTrade(T0 + m * MIN, 990, 1); // keeps the active range open around the middle bins
      if (m < 50) for (let i = 1; i <= 20; i++) p.addTrade(T0 + m * MIN + i, 1000 + rng.int(0, 4), rng.int(1, 999) * 0.001);
      p.addTrade(T0 + m * MIN + 30, 1010, 1);
    }
    p.advanceTo(T0 + 60 * MIN); // the window (minutes 51..53) holds only 990 and 1010
    expect([p.lo, p.hi]).toEqual([990, 1010]);
    for (let k = 1000; k <= 1004; k++) expect(p.volumeAt(k)).toBe(0);
    expect(p.levels(1)).toMatchObject({ valid: true, total: 6 });
  });

  it('rejects a trade from an earlier minute', () => {
    const p = new RollingProfile();
    p.addTrade(T0 + MIN, 100, 1);
    expect(() => p.addTrade(T0 + 5, 100, 1)).toThrow(RangeError);
    expect(() => p.addTrade(NaN, 100, 1)).toThrow(RangeError);
  });

  it('a minute closed by the clock is final: a late trade inside it is rejected', () => {
    const p = new RollingProfile();
    p.addTrade(T0 + 5, 100, 1);
    p.advanceTo(T0 + MIN);
    expect(() => p.addTrade(T0 + 10, 100, 1)).toThrow(RangeError);
    p.addTrade(T0 + MIN, 101, 1);
    expect(p.levels(1)).toMatchObject({ poc: 100, total: 1 });
  });

  it('matches a from-scratch Map recomputation at every minute close on random streams', () => {
    for (let c = 0; c < 60; c++) {
      const rng = seededRng(1000 + c);
      const windowMinutes = rng.int(1, 40);
      const baseBinTicks = rng.pick([1, 1, 2, 3]);
      const fixedWidth = rng.pick([1, 2, 5, 10]);
      const trades = randomStream(rng, rng.int(5, 150));
      let checked = 0;
      const profile = new RollingProfile({ rollingWindowMinutes: windowMinutes, baseBinTicks, alphaBin: 2 }, (minute, p) => {
        const inWindow = trades.filter((t) => t.ts >= minute - (windowMinutes - 1) * MIN && t.ts < minute + MIN);
        const byKey = new Map<number, number>();
        for (const t of inWindow) {
          const key = Math.floor(t.price / baseBinTicks);
          byKey.set(key, (byKey.get(key) ?? 0) + t.size);
        }
        const keys = [...new Set([...byKey.keys(), p.lo - 1, p.hi + 1])].sort((a, b) => a - b);
        expect(keys.map((key) => p.volumeAt(key))).toEqual(keys.map((key) => byKey.get(key) ?? 0));
        expect([p.lo, p.hi]).toEqual([Math.min(...byKey.keys()), Math.max(...byKey.keys())]);
        for (const width of [p.binTicks, fixedWidth]) {
          const got = p.levels(width);
          const want = plainLevels(byKey, baseBinTicks, width, 0.7);
          expect({ valid: got.valid, poc: got.poc, val: got.val, vah: got.vah, total: got.total }).toEqual(want);
        }
        checked++;
      });
      if (rng.next() < 0.5) profile.addTrades(columns(trades));
      else for (const t of trades) profile.addTrade(t.ts, t.price, t.size);
      profile.advanceTo(Infinity);
      expect(checked).toBeGreaterThan(0);
    }
  });

  it('has no look-ahead: features at a minute close do not change when later data is appended', () => {
    const rng = seededRng(77);
    const trades = randomStream(rng, 400);
    const record = (upTo: number): Map<number, RollingProfileFeatures> => {
      const out = new Map<number, RollingProfileFeatures>();
      const p = new RollingProfile({ rollingWindowMinutes: 60, alphaBin: 5 }, (minute, profile) => out.set(minute, profile.features()));
      for (let i = 0; i < upTo; i++) p.addTrade(trades[i]!.ts, trades[i]!.price, trades[i]!.size);
      return out;
    };
    const short = record(Math.floor(trades.length / 2));
    const full = record(trades.length);
    expect(short.size).toBeGreaterThan(50);
    for (const [minute, features] of short) expect(full.get(minute)).toEqual(features);
    // The width really moved during the stream, so the comparison covered rebuckets too.
    expect(new Set([...full.values()].map((f) => f.binTicks)).size).toBeGreaterThan(1);
  });
});
