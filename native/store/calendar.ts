// What the store holds for replay: per UTC day, the first and last tick and the counts.

import { blockSpanMs } from './bar-codec';
import type { Store } from './store';

export interface CalendarDay {
  readonly dayTs: number;
  readonly firstTs: number;
  readonly lastTs: number;
  readonly trades: number;
  readonly quotes: number;
}

export function tickCalendar(store: Store, instrumentId: number): CalendarDay[] {
  const rows = store
    .statement(
      `SELECT (hour_ts / 86400000) * 86400000 AS dayTs, MIN(first_ts) AS firstTs, MAX(last_ts) AS lastTs,
              SUM(CASE WHEN kind = 'trade' THEN count ELSE 0 END) AS trades,
              SUM(CASE WHEN kind = 'quote' THEN count ELSE 0 END) AS quotes
       FROM tick_blocks WHERE instrument_id = ? GROUP BY dayTs ORDER BY dayTs`,
    )
    .all(instrumentId) as CalendarDay[];
  return rows;
}

export interface BarDay {
  readonly dayTs: number;
  readonly firstTs: number;
  readonly lastTs: number;
  readonly bars: number;
}

const DAY_MS = 86_400_000;

/** What the store holds for bar backtests: per UTC day, the first and last bar and their count. */
export function barCalendar(store: Store, instrumentId: number, timeframeS = 60): BarDay[] {
  // A block of 1m bars is one UTC day, so the blocks' own first, last and count are the days'.
  if (blockSpanMs(timeframeS) <= DAY_MS) {
    return store
      .statement(
        `SELECT (first_ts / 86400000) * 86400000 AS dayTs, MIN(first_ts) AS firstTs, MAX(last_ts) AS lastTs, SUM(count) AS bars
         FROM bar_blocks WHERE instrument_id = ? AND timeframe_s = ? GROUP BY dayTs ORDER BY dayTs`,
      )
      .all(instrumentId, timeframeS) as BarDay[];
  }
  // Longer bars (klines of 15m and up) share a block over several days: the days from the bars'
  // times (a few hundred thousand at most, decoded in milliseconds).
  const { ts } = store.loadBarColumns(instrumentId, timeframeS, 0, Number.MAX_SAFE_INTEGER);
  const days: Array<{ dayTs: number; firstTs: number; lastTs: number; bars: number }> = [];
  for (const t of ts) {
    const dayTs = Math.floor(t / DAY_MS) * DAY_MS;
    const day = days[days.length - 1];
    if (day && day.dayTs === dayTs) {
      day.lastTs = t;
      day.bars++;
    } else days.push({ dayTs, firstTs: t, lastTs: t, bars: 1 });
  }
  return days;
}
