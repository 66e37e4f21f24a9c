// Which profile session a minute belongs to: the UTC day, or seed 004's New York-time sessions
// (ASIA 18:00-02:59, LONDON 03:00-07:59, NY_AM 08:00-11:59, NY_PM 12:00-16:59 ET).

const MINUTE_MS = 60_000;
const DAY_MS = 86_400_000;

/** One session instance. Keys increase with time, so "a later session" is "a larger key". */
export interface SessionSlot {
  readonly key: number;
  readonly name: string;
}

/** Maps a minute's open time (UTC ms) to its session, or null for minutes outside every session. */
export type SessionClassifier = (minuteTs: number) => SessionSlot | null;

export const utcDaySession: SessionClassifier = (minuteTs) => ({ key: Math.floor(minuteTs / DAY_MS), name: 'UTC_DAY' });

export type EtSessionName = 'ASIA' | 'LONDON' | 'NY_AM' | 'NY_PM';

/** Seed 004 session table, minutes of the New York local day, end exclusive. */
export const SEED_004_SESSIONS: readonly { readonly name: EtSessionName; readonly startMinute: number; readonly endMinute: number }[] = [
  { name: 'ASIA', startMinute: 18 * 60, endMinute: 3 * 60 },
  { name: 'LONDON', startMinute: 3 * 60, endMinute: 8 * 60 },
  { name: 'NY_AM', startMinute: 8 * 60, endMinute: 12 * 60 },
  { name: 'NY_PM', startMinute: 12 * 60, endMinute: 17 * 60 },
];

const dstBoundsByYear = new Map<number, readonly [number, number]>();

/** Day of the month of the n-th Sunday (n >= 1), or of the last Sunday when n is 0. */
function sundayOfMonth(year: number, month: number, n: number): number {
  if (n === 0) {
    const last = new Date(Date.UTC(year, month + 1, 0));
    return last.getUTCDate() - last.getUTCDay();
  }
  const first = new Date(Date.UTC(year, month, 1)).getUTCDay();
  return 1 + ((7 - first) % 7) + 7 * (n - 1);
}

/**
 * US Eastern offset from UTC in minutes (-240 in daylight time, -300 otherwise). Since 2007
 * daylight time runs from the second Sunday of March 02:00 EST (07:00 UTC) to the first Sunday
 * of November 02:00 EDT (06:00 UTC); 1987-2006 from the first Sunday of April to the last
 * Sunday of October. Pure arithmetic so core stays deterministic and independent of the
 * host's time-zone database.
 */
export function newYorkOffsetMinutes(ts: number): number {
  const year = new Date(ts).getUTCFullYear();
  let bounds = dstBoundsByYear.get(year);
  if (!bounds) {
    bounds =
      year >= 2007
        ? [Date.UTC(year, 2, sundayOfMonth(year, 2, 2), 7), Date.UTC(year, 10, sundayOfMonth(year, 10, 1), 6)]
        : [Date.UTC(year, 3, sundayOfMonth(year, 3, 1), 7), Date.UTC(year, 9, sundayOfMonth(year, 9, 0), 6)];
    dstBoundsByYear.set(year, bounds);
  }
  return ts >= bounds[0] && ts < bounds[1] ? -240 : -300;
}

/**
 * Seed 004 sessions. The key is tradingDay * 4 + session index, where the trading day is the
 * New York date on which the session ends: ASIA opens at 18:00 the evening before, so Sunday
 * 18:00 ET belongs to Monday's ASIA. 17:00-17:59 ET (the CME maintenance hour) is in no session.
 */
export const etSession: SessionClassifier = (minuteTs) => {
  const local = minuteTs + newYorkOffsetMinutes(minuteTs) * MINUTE_MS;
  const localDay = Math.floor(local / DAY_MS);
  const minuteOfDay = Math.floor((local - localDay * DAY_MS) / MINUTE_MS);
  if (minuteOfDay >= 18 * 60) return { key: (localDay + 1) * 4, name: 'ASIA' };
  if (minuteOfDay < 3 * 60) return { key: localDay * 4, name: 'ASIA' };
  if (minuteOfDay < 8 * 60) return { key: localDay * 4 + 1, name: 'LONDON' };
  if (minuteOfDay < 12 * 60) return { key: localDay * 4 + 2, name: 'NY_AM' };
  if (minuteOfDay < 17 * 60) return { key: localDay * 4 + 3, name: 'NY_PM' };
  return null;
};
