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

/** The value of a datetime-local input showing `ts` in UTC. */
export function toInputValue(ts: number): string {
  return new Date(ts).toISOString().slice(0, 16);
}

/** A datetime-local input's value read as UTC; NaN when empty or malformed. */
export function fromInputValue(value: string): number {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/.exec(value);
  if (!m) return Number.NaN;
  return Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]), Number(m[4]), Number(m[5]));
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
