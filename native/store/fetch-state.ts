// What has already been fetched from an exchange, per instrument and kind, as disjoint time
// ranges: the memory that makes `auctioneer fetch` incremental and resumable.

import type { Store } from './store';

export interface TimeRange {
  readonly fromTs: number;
  /** Exclusive. */
  readonly toTs: number;
}

/** Sorted, disjoint union of `ranges`; touching ranges are joined. */
export function unionRanges(ranges: readonly TimeRange[]): TimeRange[] {
  const sorted = ranges.filter((r) => r.toTs > r.fromTs).sort((a, b) => a.fromTs - b.fromTs);
  const out: TimeRange[] = [];
  for (const r of sorted) {
    const last = out[out.length - 1];
    if (last && r.fromTs <= last.toTs) out[out.length - 1] = { fromTs: last.fromTs, toTs: Math.max(last.toTs, r.toTs) };
    else out.push({ fromTs: r.fromTs, toTs: r.toTs });
  }
  return out;
}

/** The parts of [fromTs, toTs) that `covered` (sorted, disjoint) leaves out. */
export function subtractRanges(want: TimeRange, covered: readonly TimeRange[]): TimeRange[] {
  const out: TimeRange[] = [];
  let at = want.fromTs;
  for (const c of covered) {
    if (c.toTs <= at) continue;
    if (c.fromTs >= want.toTs) break;
    if (c.fromTs > at) out.push({ fromTs: at, toTs: c.fromTs });
    at = Math.max(at, c.toTs);
  }
  if (at < want.toTs) out.push({ fromTs: at, toTs: want.toTs });
  return out;
}

export class FetchState {
  constructor(
    private readonly store: Store,
    private readonly instrumentId: number,
  ) {}

  covered(kind: string): TimeRange[] {
    return this.store.loadFetchRanges(this.instrumentId, kind);
  }

  missing(kind: string, want: TimeRange): TimeRange[] {
    return subtractRanges(want, this.covered(kind));
  }

  /** Records [fromTs, toTs) as fetched; run it in the transaction that stores that data. */
  markFetched(kind: string, range: TimeRange): void {
    if (range.toTs <= range.fromTs) return;
    this.store.replaceFetchRanges(this.instrumentId, kind, unionRanges([...this.covered(kind), range]));
  }
}
