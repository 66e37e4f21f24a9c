// The CVD pane: cumulative delta of the chart's bars, restarting at an anchor that fits the bar
// length, so each stretch holds enough bars to show a trend: the UTC day up to 1h bars, the UTC week
// (from Monday) for 4h bars, the UTC month for daily and the UTC year for weekly bars. With a
// daily restart on daily bars every bar would show only its own day's delta.

import type uPlot from 'uplot';
import type { Bar } from '../../../core/market/bars';

const DAY_MS = 86_400_000;
const HOUR_MS = 3_600_000;

export interface CvdAnchor {
  /** Which stretch a bar opening at `ts` belongs to: the sum restarts when this changes. */
  readonly periodOf: (ts: number) => number;
  /** For the pane's label: "resets each UTC day". */
  readonly label: string;
}

const DAY: CvdAnchor = { periodOf: (ts) => Math.floor(ts / DAY_MS), label: 'UTC day' };
// 1970-01-01 was a Thursday: three days on, the day count is a multiple of 7 at each Monday.
const WEEK: CvdAnchor = { periodOf: (ts) => Math.floor((Math.floor(ts / DAY_MS) + 3) / 7), label: 'UTC week' };
const MONTH: CvdAnchor = {
  periodOf: (ts) => {
    const d = new Date(ts);
    return d.getUTCFullYear() * 12 + d.getUTCMonth();
  },
  label: 'UTC month',
};
const YEAR: CvdAnchor = { periodOf: (ts) => new Date(ts).getUTCFullYear(), label: 'UTC year' };

export function cvdAnchorFor(barMs: number): CvdAnchor {
  if (barMs <= HOUR_MS) return DAY;
  if (barMs < DAY_MS) return WEEK;
  if (barMs < 7 * DAY_MS) return MONTH;
  return YEAR;
}

/** Times (s) and cumulative delta of the bars, restarting at each of the anchor's periods. */
export function cvdColumns(bars: readonly Bar[], anchor: CvdAnchor = DAY): uPlot.AlignedData {
  const xs = new Float64Array(bars.length);
  const cvd = new Float64Array(bars.length);
  let sum = 0;
  let period = NaN;
  bars.forEach((b, i) => {
    const p = anchor.periodOf(b.ts);
    if (p !== period) {
      sum = 0;
      period = p;
    }
    sum += b.delta;
    xs[i] = b.ts / 1000;
    cvd[i] = sum;
  });
  return [xs, cvd] as unknown as uPlot.AlignedData;
}
