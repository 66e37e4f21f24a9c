// What the store holds for replay: per UTC day, the first and last tick and the counts.

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

/** What the store holds for bar backtests: per UTC day, the first and last bar and their count. */
export function barCalendar(store: Store, instrumentId: number, timeframeS = 60): BarDay[] {
  return store
    .statement(
      `SELECT (first_ts / 86400000) * 86400000 AS dayTs, MIN(first_ts) AS firstTs, MAX(last_ts) AS lastTs, SUM(count) AS bars
       FROM bar_blocks WHERE instrument_id = ? AND timeframe_s = ? GROUP BY dayTs ORDER BY dayTs`,
    )
    .all(instrumentId, timeframeS) as BarDay[];
}
