// UTC times as a trader reads them, and the stored days merged into contiguous spans to pick from.

export const DAY_MS = 86_400_000;

/** "2025-01-03 14:05" (UTC). */
export function utcMinute(ts: number): string {
  return new Date(ts).toISOString().slice(0, 16).replace('T', ' ');
}

/** "2025-01-03". */
export function utcDay(ts: number): string {
  return new Date(ts).toISOString().slice(0, 10);
}

/** A time input's text for `ts`: "2025-01-03 14:05", UTC and 24-hour whatever the browser's locale. */
export function toInputValue(ts: number): string {
  return utcMinute(ts);
}

/** A time input's text read as UTC ("2025-01-03 14:05", or just the date for midnight); NaN when malformed. */
export function fromInputValue(value: string): number {
  const m = /^\s*(\d{4})-(\d{2})-(\d{2})(?:[ T](\d{2}):(\d{2}))?\s*$/.exec(value);
  if (!m) return Number.NaN;
  const [y, mo, d, h, mi] = [Number(m[1]), Number(m[2]), Number(m[3]), Number(m[4] ?? 0), Number(m[5] ?? 0)];
  const ts = Date.UTC(y, mo - 1, d, h, mi);
  // Date.UTC rolls 2025-02-31 over to March: refuse what is not a real time.
  return new Date(ts).getUTCDate() === d && h < 24 && mi < 60 ? ts : Number.NaN;
}

export interface Span {
  readonly fromTs: number;
  /** Exclusive: one minute after the last stored minute. */
  readonly toTs: number;
  readonly days: number;
  readonly count: number;
}

/** Consecutive stored days joined into spans, oldest first. */
export function contiguousSpans(days: ReadonlyArray<{ dayTs: number; firstTs: number; lastTs: number; count: number }>): Span[] {
  const spans: Array<{ fromTs: number; toTs: number; days: number; count: number; lastDay: number }> = [];
  for (const d of days) {
    const last = spans[spans.length - 1];
    const end = Math.floor(d.lastTs / 60_000) * 60_000 + 60_000;
    if (last && d.dayTs === last.lastDay + DAY_MS) {
      last.toTs = end;
      last.days++;
      last.count += d.count;
      last.lastDay = d.dayTs;
    } else spans.push({ fromTs: Math.floor(d.firstTs / 60_000) * 60_000, toTs: end, days: 1, count: d.count, lastDay: d.dayTs });
  }
  return spans.map(({ lastDay: _lastDay, ...s }) => s);
}

/** "3d 4h" for a span's length. */
export function spanLength(ms: number): string {
  const h = Math.round(ms / 3_600_000);
  return h >= 24 ? `${Math.floor(h / 24)}d${h % 24 ? ` ${h % 24}h` : ''}` : `${h}h`;
}
