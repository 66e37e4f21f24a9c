import { describe, expect, it } from 'vitest';
import { SessionProfile, type SessionLevels } from '../../../core/profile/session-profile';
import { etSession, newYorkOffsetMinutes, utcDaySession } from '../../../core/profile/sessions';
import { seededRng } from './prng';
import { plainLevels } from './plain-profile';

const MIN = 60_000;
const HOUR = 60 * MIN;

/** New York wall-clock offset from the host's time-zone database: an independent oracle. */
const nyFormat = new Intl.DateTimeFormat('en-US', {
  timeZone: 'America/New_York',
  hourCycle: 'h23',
  year: 'numeric',
  month: 'numeric',
  day: 'numeric',
  hour: 'numeric',
  minute: 'numeric',
});
function intlOffsetMinutes(ts: number): number {
  const parts = Object.fromEntries(nyFormat.formatToParts(new Date(ts)).map((p) => [p.type, p.value]));
  const wall = Date.UTC(+parts.year!, +parts.month! - 1, +parts.day!, +parts.hour!, +parts.minute!);
  return Math.round((wall - Math.floor(ts / MIN) * MIN) / MIN);
}

describe('sessions (seed 004 hours, New York time)', () => {
  it('switches to daylight time at 07:00 UTC on the second Sunday of March and back at 06:00 UTC on the first Sunday of November', () => {
    expect(newYorkOffsetMinutes(Date.UTC(2024, 2, 10, 7) - 1)).toBe(-300);
    expect(newYorkOffsetMinutes(Date.UTC(2024, 2, 10, 7))).toBe(-240);
    expect(newYorkOffsetMinutes(Date.UTC(2024, 10, 3, 6) - 1)).toBe(-240);
    expect(newYorkOffsetMinutes(Date.UTC(2024, 10, 3, 6))).toBe(-300);
    // The 1987-2006 rule: first Sunday of April to the last Sunday of October.
    expect(newYorkOffsetMinutes(Date.UTC(2006, 3, 2, 7) - 1)).toBe(-300);
    expect(newYorkOffsetMinutes(Date.UTC(2006, 3, 2, 7))).toBe(-240);
    expect(newYorkOffsetMinutes(Date.UTC(2006, 9, 29, 6) - 1)).toBe(-240);
    expect(newYorkOffsetMinutes(Date.UTC(2006, 9, 29, 6))).toBe(-300);
  });

  it('agrees with the time-zone database on random minutes 1990-2035', () => {
    const rng = seededRng(99);
    for (let i = 0; i < 4000; i++) {
      const ts = Date.UTC(1990, 0, 1) + rng.int(0, 45 * 365 * 24 * 60) * MIN;
      expect(newYorkOffsetMinutes(ts)).toBe(intlOffsetMinutes(ts));
    }
  });

  it('classifies by New York hours, with ASIA belonging to the next trading day', () => {
    // Monday 2024-07-15, EDT (UTC-4).
    expect(etSession(Date.UTC(2024, 6, 15, 6, 59))?.name).toBe('ASIA'); // 02:59 ET
    expect(etSession(Date.UTC(2024, 6, 15, 7, 0))?.name).toBe('LONDON'); // 03:00
    expect(etSession(Date.UTC(2024, 6, 15, 12, 0))?.name).toBe('NY_AM'); // 08:00
    expect(etSession(Date.UTC(2024, 6, 15, 16, 0))?.name).toBe('NY_PM'); // 12:00
    expect(etSession(Date.UTC(2024, 6, 15, 20, 59))?.name).toBe('NY_PM'); // 16:59
    expect(etSession(Date.UTC(2024, 6, 15, 21, 0))).toBeNull(); // 17:00 maintenance hour
    const eveningAsia = etSession(Date.UTC(2024, 6, 15, 22, 0))!; // 18:00 Monday
    const morningAsia = etSession(Date.UTC(2024, 6, 16, 6, 0))!; // 02:00 Tuesday
    expect(eveningAsia).toEqual(morningAsia);
    expect(eveningAsia.key).toBeGreaterThan(etSession(Date.UTC(2024, 6, 15, 20, 0))!.key);
    // Winter, EST (UTC-5): 08:00 ET is 13:00 UTC.
    expect(etSession(Date.UTC(2024, 0, 15, 12, 59))?.name).toBe('LONDON');
    expect(etSession(Date.UTC(2024, 0, 15, 13, 0))?.name).toBe('NY_AM');
  });

  it('agrees with New York wall-clock hours on random minutes, and keys never decrease', () => {
    const rng = seededRng(5);
    let ts = Date.UTC(2023, 9, 1);
    let lastKey = -Infinity;
    for (let i = 0; i < 5000; i++) {
      ts += rng.int(1, 90) * MIN;
      const local = new Date(ts + intlOffsetMinutes(ts) * MIN);
      const hour = local.getUTCHours();
      const expected = hour >= 18 || hour < 3 ? 'ASIA' : hour < 8 ? 'LONDON' : hour < 12 ? 'NY_AM' : hour < 17 ? 'NY_PM' : null;
      const slot = etSession(ts);
      expect(slot?.name ?? null).toBe(expected);
      if (slot) {
        expect(slot.key).toBeGreaterThanOrEqual(lastKey);
        lastKey = slot.key;
      }
    }
  });

  it('UTC day sessions', () => {
    expect(utcDaySession(Date.UTC(2024, 6, 15, 23, 59))).toEqual(utcDaySession(Date.UTC(2024, 6, 15, 0, 0)));
    expect(utcDaySession(Date.UTC(2024, 6, 16))!.key).toBe(utcDaySession(Date.UTC(2024, 6, 15))!.key + 1);
  });
});

describe('SessionProfile', () => {
  const D1 = Date.UTC(2024, 6, 15);
  const D2 = Date.UTC(2024, 6, 16);

  it('develops levels minute by minute and freezes them when the day ends (hand-computed)', () => {
    const developing: [number, number, number, number][] = [];
    const sp = new SessionProfile(utcDaySession, {}, (minute, profile) => {
      const d = profile.developing();
      if (d) developing.push([minute, d.levels.poc, d.levels.val, d.levels.vah]);
    });
    sp.addTrade(D1 + 10 * MIN, 100, 5);
    sp.addTrade(D1 + 10 * MIN + 1, 101, 1);
    sp.addTrade(D1 + 11 * MIN, 102, 6); // 100:5 101:1 102:6 -> POC 102 (6/12); 101 (1) vs none above? 103 absent -> 101, then 100
    sp.addTrade(D2 + 5 * MIN, 110, 1); // next day: completes D1
    expect(developing).toEqual([
      [D1 + 10 * MIN, 100, 100, 100], // 5/6 = .83
      [D1 + 11 * MIN, 102, 100, 102],
    ]);
    const [day1] = sp.completed() as SessionLevels[];
    expect(day1).toMatchObject({ name: 'UTC_DAY', firstMinute: D1 + 10 * MIN, lastMinute: D1 + 11 * MIN, high: 102, low: 100 });
    expect(day1!.levels).toMatchObject({ poc: 102, val: 100, vah: 102, total: 12 });
    expect(sp.nakedPocs()).toEqual([{ sessionKey: day1!.key, name: 'UTC_DAY', poc: 102, binTicks: 1, sessionLastMinute: D1 + 11 * MIN }]);
    // The open minute of day 2 is not visible yet.
    expect(sp.developing()).toBeNull();
    sp.advanceTo(D2 + 6 * MIN);
    expect(sp.developing()!.levels).toMatchObject({ poc: 110, total: 1 });
  });

  it('a naked POC stays naked until a later minute trades through it', () => {
    const sp = new SessionProfile(utcDaySession);
    sp.addTrade(D1 + HOUR, 100, 10);
    sp.addTrade(D1 + HOUR + 1, 105, 1);
    sp.addTrade(D2, 103, 1); // minute 0 of day 2: low 101, high 103
    sp.addTrade(D2 + 1, 101, 1);
    sp.advanceTo(D2 + MIN);
    expect(sp.nakedPocs().map((p) => p.poc)).toEqual([100]);
    sp.addTrade(D2 + 2 * MIN, 101, 1);
    sp.addTrade(D2 + 2 * MIN + 1, 99, 1); // 99..101 contains 100
    expect(sp.nakedPocs().map((p) => p.poc)).toEqual([100]); // minute still open
    sp.advanceTo(D2 + 3 * MIN);
    expect(sp.nakedPocs()).toEqual([]);
  });

  it('a minute closed by the clock is final: a late trade inside it is rejected', () => {
    const sp = new SessionProfile(utcDaySession);
    sp.addTrade(D1 + 5, 100, 1);
    sp.advanceTo(D1 + MIN);
    expect(() => sp.addTrade(D1 + 10, 100, 1)).toThrow(RangeError);
    expect(sp.developing()!.levels.total).toBe(1);
  });

  it('keeps several naked POCs and removes only the ones touched', () => {
    const sp = new SessionProfile(utcDaySession);
    sp.addTrade(D1, 100, 1);
    sp.addTrade(D2, 120, 1);
    sp.addTrade(D2 + 86_400_000, 110, 5); // day 3, POC 110
    sp.addTrade(D2 + 86_400_000 + MIN, 112, 1);
    sp.addTrade(D2 + 86_400_000 + MIN + 1, 121, 1); // 112..121 touches 120, not 100
    sp.advanceTo(D2 + 2 * 86_400_000 + MIN);
    expect(sp.nakedPocs().map((p) => p.poc)).toEqual([100, 110]);
  });

  it('ET sessions: the maintenance hour belongs to no session but still touches POCs', () => {
    // 2024-07-15 NY_PM 12:00-16:59 ET = 16:00-20:59 UTC.
    const sp = new SessionProfile(etSession);
    sp.addTrade(Date.UTC(2024, 6, 15, 20, 30), 500, 3);
    sp.addTrade(Date.UTC(2024, 6, 15, 21, 10), 498, 1); // 17:10 ET: no session
    sp.addTrade(Date.UTC(2024, 6, 15, 21, 10, 5), 501, 1);
    sp.addTrade(Date.UTC(2024, 6, 15, 22, 0), 700, 1); // 18:00 ET: ASIA
    const done = sp.completed();
    expect(done.map((s) => [s.name, s.levels.poc, s.levels.total])).toEqual([['NY_PM', 500, 3]]);
    expect(sp.nakedPocs()).toEqual([]); // 498..501 traded through 500
    sp.advanceTo(Date.UTC(2024, 6, 15, 22, 1));
    expect(sp.developing()).toMatchObject({ name: 'ASIA', levels: { poc: 700, total: 1 } });
  });

  it('developing levels equal a recomputation from the session\'s closed minutes; no look-ahead', () => {
    const rng = seededRng(31);
    const trades: { ts: number; price: number; size: number }[] = [];
    let ts = Date.UTC(2024, 2, 8, 20); // spans the March DST switch
    let price = 50_000;
    for (let i = 0; i < 6000; i++) {
      ts += rng.int(0, 90_000);
      price += rng.int(-5, 5);
      trades.push({ ts, price, size: rng.int(1, 8) * 0.5 });
    }
    const run = (count: number) => {
      const seen = new Map<number, SessionLevels | null>();
      const sp = new SessionProfile(etSession, { binTicks: 4 }, (minute, p) => seen.set(minute, p.developing()));
      for (let i = 0; i < count; i++) sp.addTrade(trades[i]!.ts, trades[i]!.price, trades[i]!.size);
      return { seen, sp };
    };
    const minuteOf = trades.map((t) => Math.floor(t.ts / MIN) * MIN);
    const sessionKeyOf = minuteOf.map((m) => etSession(m)?.key ?? NaN);
    const full = run(trades.length);
    const half = run(3000);
    let compared = 0;
    for (const [minute, levels] of full.seen) {
      const slot = etSession(minute);
      if (!slot) {
        expect(levels).toBeNull();
        continue;
      }
      const byKey = new Map<number, number>();
      trades.forEach((t, i) => {
        if (minuteOf[i]! <= minute && sessionKeyOf[i] === slot.key) byKey.set(t.price, (byKey.get(t.price) ?? 0) + t.size);
      });
      const want = plainLevels(byKey, 1, 4, 0.7);
      expect(levels?.name).toBe(slot.name);
      expect({ poc: levels!.levels.poc, val: levels!.levels.val, vah: levels!.levels.vah, total: levels!.levels.total }).toEqual({
        poc: want.poc,
        val: want.val,
        vah: want.vah,
        total: want.total,
      });
      compared++;
    }
    expect(compared).toBeGreaterThan(1000);
    for (const [minute, levels] of half.seen) expect(full.seen.get(minute)).toEqual(levels);
    expect(half.sp.completed().length).toBeGreaterThan(3);
    expect(full.sp.completed().slice(0, half.sp.completed().length)).toEqual(half.sp.completed());
  });
});
