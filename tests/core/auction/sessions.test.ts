// Session boundaries in US Eastern time, daylight-saving switches, session starts as CVD reset
// keys, and seed 000's fixed-UTC NY filter.

import { describe, expect, it } from 'vitest';
import { SESSION_PROFILES, easternOffsetMs, isSeed000NySession, sessionAt, sessionStartAt } from '../../../core/auction/sessions';
import { computeMinuteFlow } from '../../../core/flow/minute-flow';
import { quoteColumnsOf, tradeColumnsOf } from '../../../core/flow/columns';
import { etSession } from '../../../core/profile/sessions';

const HOUR = 3_600_000;
const utc = (y: number, mo: number, d: number, h: number, mi = 0) => Date.UTC(y, mo - 1, d, h, mi);

describe('seed 004 sessions in US Eastern time', () => {
  it('maps summer (EDT, UTC−4) hours to sessions at their exact boundaries', () => {
    const day = (h: number, mi = 0) => sessionAt(utc(2024, 7, 18, h, mi));
    expect(day(6, 59)).toBe('ASIA'); // 02:59 ET
    expect(day(7, 0)).toBe('LONDON'); // 03:00 ET
    expect(day(11, 59)).toBe('LONDON'); // 07:59 ET
    expect(day(12, 0)).toBe('NY_AM'); // 08:00 ET
    expect(day(14, 45)).toBe('NY_AM'); // 10:45 ET, seed 002's example
    expect(day(16, 0)).toBe('NY_PM'); // 12:00 ET
    expect(day(20, 59)).toBe('NY_PM'); // 16:59 ET
    expect(day(21, 0)).toBeNull(); // 17:00 ET: the daily break
    expect(day(21, 59)).toBeNull();
    expect(day(22, 0)).toBe('ASIA'); // 18:00 ET
  });

  it('shifts one hour later in UTC in winter (EST, UTC−5)', () => {
    expect(sessionAt(utc(2024, 1, 17, 12, 59))).toBe('LONDON');
    expect(sessionAt(utc(2024, 1, 17, 13, 0))).toBe('NY_AM');
    expect(sessionAt(utc(2024, 1, 17, 22, 0))).toBeNull();
    expect(sessionAt(utc(2024, 1, 17, 23, 0))).toBe('ASIA');
  });

  it('switches daylight time at 02:00 local on the 2nd Sunday of March and the 1st Sunday of November', () => {
    expect(easternOffsetMs(utc(2024, 3, 10, 7) - 1)).toBe(-5 * HOUR);
    expect(easternOffsetMs(utc(2024, 3, 10, 7))).toBe(-4 * HOUR);
    expect(easternOffsetMs(utc(2024, 11, 3, 6) - 1)).toBe(-4 * HOUR);
    expect(easternOffsetMs(utc(2024, 11, 3, 6))).toBe(-5 * HOUR);
    expect(easternOffsetMs(utc(2025, 3, 9, 7))).toBe(-4 * HOUR);
    expect(easternOffsetMs(utc(2025, 11, 2, 6))).toBe(-5 * HOUR);
    // Before 2007: first Sunday of April to last Sunday of October.
    expect(easternOffsetMs(utc(2006, 4, 2, 7) - 1)).toBe(-5 * HOUR);
    expect(easternOffsetMs(utc(2006, 4, 2, 7))).toBe(-4 * HOUR);
    expect(easternOffsetMs(utc(2006, 10, 29, 6))).toBe(-5 * HOUR);
  });

  it('gives the UTC start of the session in progress, across midnight and daylight switches', () => {
    expect(sessionStartAt(utc(2024, 7, 18, 14, 45))).toBe(utc(2024, 7, 18, 12));
    // 01:00 ET on the 19th is in the ASIA session that began 18:00 ET on the 18th.
    expect(sessionStartAt(utc(2024, 7, 19, 5))).toBe(utc(2024, 7, 18, 22));
    // ASIA spanning the spring switch began 18:00 EST (23:00 UTC); LONDON begins 03:00 EDT.
    expect(sessionStartAt(utc(2024, 3, 10, 6, 30))).toBe(utc(2024, 3, 9, 23));
    expect(sessionStartAt(utc(2024, 3, 10, 7, 30))).toBe(utc(2024, 3, 10, 7));
    // ASIA spanning the autumn switch began 18:00 EDT (22:00 UTC).
    expect(sessionStartAt(utc(2024, 11, 3, 6, 30))).toBe(utc(2024, 11, 2, 22));
    // The unsessioned hour is its own period.
    expect(sessionStartAt(utc(2024, 7, 18, 21, 30))).toBe(utc(2024, 7, 18, 21));
  });

  it('restarts CVD each session when its start is the reset key', () => {
    // 11:59 UTC is LONDON, 12:00 UTC is NY_AM (EDT).
    const t1 = utc(2024, 7, 18, 11, 59);
    const t2 = utc(2024, 7, 18, 12, 0);
    const trades = tradeColumnsOf([
      { ts: t1, price: 101, size: 3, side: 1 },
      { ts: t2, price: 101, size: 2, side: 1 },
      { ts: t2 + 60_000, price: 101, size: 1, side: 1 },
    ]);
    const quotes = quoteColumnsOf([]);
    const { flow } = computeMinuteFlow(trades, quotes, { signSource: 'exchange', cvdReset: sessionStartAt });
    expect(Array.from(flow.cvd)).toEqual([3, 2, 3]);
  });

  it('states what each session favours: seed 002 recommends the Trend Model in New York only', () => {
    expect(SESSION_PROFILES.NY_AM.favouredSetup).toBe('TREND_MODEL');
    expect(SESSION_PROFILES.NY_PM.favouredSetup).toBe('TREND_MODEL');
    expect(SESSION_PROFILES.ASIA.favouredSetup).toBeNull();
    expect(SESSION_PROFILES.LONDON.character).toBe('Trend initiation / breakouts');
  });
});

describe('agreement with core/profile session slots', () => {
  it('names the same seed 004 session as the profile layer for every 15 minutes of 2024–2025', () => {
    const mismatches: number[] = [];
    for (let ts = utc(2024, 1, 1, 0); ts < utc(2026, 1, 1, 0); ts += 15 * 60_000) {
      if ((etSession(ts)?.name ?? null) !== sessionAt(ts)) mismatches.push(ts);
    }
    expect(mismatches).toEqual([]);
  });
});

describe("seed 000's fixed NY filter", () => {
  it('is 13:00–21:00 UTC whatever the season', () => {
    expect(isSeed000NySession(utc(2024, 7, 18, 12, 59))).toBe(false);
    expect(isSeed000NySession(utc(2024, 7, 18, 13))).toBe(true);
    expect(isSeed000NySession(utc(2024, 1, 17, 20, 59))).toBe(true);
    expect(isSeed000NySession(utc(2024, 1, 17, 21))).toBe(false);
  });
});
