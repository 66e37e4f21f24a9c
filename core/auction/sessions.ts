// Trading sessions of seed 004 (ASIA / LONDON / NY_AM / NY_PM, defined in US Eastern time, so
// their UTC hours move with US daylight saving) and the setup seed 002 recommends per session.

import { etSession, newYorkOffsetMinutes, type EtSessionName } from '../profile/sessions';

export type Session = EtSessionName;

export interface SessionProfile {
  /** Eastern-time hours as seed 004 lists them (start inclusive, end inclusive to the minute). */
  readonly etStart: string;
  readonly etEnd: string;
  /** Seed 004's note on the session's behaviour. */
  readonly character: string;
  /** Seed 002's recommended setup: it names the Trend Model for New York and nothing else. */
  readonly favouredSetup: 'TREND_MODEL' | null;
}

export const SESSION_PROFILES: Readonly<Record<Session, SessionProfile>> = {
  ASIA: { etStart: '18:00', etEnd: '02:59', character: 'Lower volatility / smoother trends', favouredSetup: null },
  LONDON: { etStart: '03:00', etEnd: '07:59', character: 'Trend initiation / breakouts', favouredSetup: null },
  NY_AM: { etStart: '08:00', etEnd: '11:59', character: 'Highest volatility / reversals', favouredSetup: 'TREND_MODEL' },
  NY_PM: { etStart: '12:00', etEnd: '16:59', character: 'Continuation or rotation', favouredSetup: 'TREND_MODEL' },
};

const HOUR_MS = 3_600_000;
const DAY_MS = 86_400_000;

/**
 * UTC offset of US Eastern time at `ts`, in ms (−4 h in daylight time, −5 h otherwise); the
 * daylight-saving rules live once, in core/profile/sessions.ts.
 */
export function easternOffsetMs(ts: number): number {
  return newYorkOffsetMinutes(ts) * 60_000;
}

/** Minute of the Eastern-time day (0 … 1439) at `ts`. */
export function easternMinuteOfDay(ts: number): number {
  const local = ts + easternOffsetMs(ts);
  return Math.floor((((local % DAY_MS) + DAY_MS) % DAY_MS) / 60_000);
}

/**
 * The seed 004 session at `ts`, or null in the 17:00–17:59 ET hour no session covers (the CME
 * daily break). Sessions apply every calendar day: a 24/7 crypto market has no weekend close.
 */
export function sessionAt(ts: number): Session | null {
  // etSession names are EtSessionName; its slot type widens them to string.
  return (etSession(ts)?.name as Session | undefined) ?? null;
}

/**
 * UTC ms at which the session (or the unsessioned hour) containing `ts` began: a number that
 * changes exactly at session boundaries, usable as MinuteFlowConfig.cvdReset to restart CVD
 * each session.
 */
export function sessionStartAt(ts: number): number {
  const offset = easternOffsetMs(ts);
  const local = ts + offset;
  const localDay = Math.floor(local / DAY_MS) * DAY_MS;
  const m = easternMinuteOfDay(ts);
  let localStart: number;
  if (m >= 18 * 60) localStart = localDay + 18 * HOUR_MS;
  else if (m < 3 * 60) localStart = localDay - 6 * HOUR_MS;
  else if (m < 8 * 60) localStart = localDay + 3 * HOUR_MS;
  else if (m < 12 * 60) localStart = localDay + 8 * HOUR_MS;
  else if (m < 17 * 60) localStart = localDay + 12 * HOUR_MS;
  else localStart = localDay + 17 * HOUR_MS;
  // The offset at the start can differ from now when a daylight switch fell inside the session.
  return localStart - easternOffsetMs(localStart - offset);
}

/** Seed 000's NY filter, kept as written: 13:00–21:00 UTC fixed (EST hours, no daylight shift). */
export function isSeed000NySession(ts: number): boolean {
  const hour = Math.floor((((ts % DAY_MS) + DAY_MS) % DAY_MS) / HOUR_MS);
  return hour >= 13 && hour < 21;
}
