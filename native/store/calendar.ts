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
