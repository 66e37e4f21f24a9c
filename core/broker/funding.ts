// Which funding periods fall due as market time advances: flat-rate boundaries at multiples of the
// instrument's interval (00/08/16 UTC for 8 h), or the next events of a replayed schedule.

import type { FundingModel } from './config';

const HOUR_MS = 3_600_000;

/** The part of the broker snapshot that remembers how far funding has been charged. */
export interface FundingCursor {
  nextFundingTs: number | null;
  fundingCursor: number;
}

export interface DueFunding {
  readonly ts: number;
  readonly rate: number;
  /** From the schedule when it carries one; null means "the broker's mark". */
  readonly markPrice: number | null;
}

/**
 * Funding periods stamped at or before `ts` not yet charged, oldest first; advances the cursor.
 * The flat model starts at the first boundary after the first event seen (nothing is held before).
 */
export function dueFunding(model: FundingModel, intervalHours: number, cursor: FundingCursor, ts: number): DueFunding[] {
  const due: DueFunding[] = [];
  if (model.kind === 'flat') {
    const interval = intervalHours * HOUR_MS;
    if (interval <= 0) return due;
    if (cursor.nextFundingTs === null) cursor.nextFundingTs = Math.floor(ts / interval) * interval + interval;
    const rate = (model.ratePer8h * intervalHours) / 8;
    while (cursor.nextFundingTs <= ts) {
      due.push({ ts: cursor.nextFundingTs, rate, markPrice: null });
      cursor.nextFundingTs += interval;
    }
  } else if (model.kind === 'schedule') {
    while (cursor.fundingCursor < model.events.length) {
      const ev = model.events[cursor.fundingCursor];
      if (ev === undefined || ev.ts > ts) break;
      cursor.fundingCursor++;
      due.push({ ts: ev.ts, rate: ev.rate, markPrice: ev.markPrice ?? null });
    }
  }
  return due;
}
