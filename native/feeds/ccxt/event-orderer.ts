// Holds live events briefly so trades and quotes from separate websocket streams leave in time
// order, and holds everything while a trade gap is being filled so the fill comes out first.

import type { MarketEvent } from '../../../core/market/events';

export interface OrdererOptions {
  /** Every event waits at least this long after arrival, so a slower stream can catch up. */
  readonly holdMs: number;
  /** A quote also waits until the trade stream has reached its time, but no longer than this. */
  readonly quoteHoldMs: number;
}

interface Held {
  readonly event: MarketEvent;
  readonly ts: number;
  readonly arrival: number;
  readonly seq: number;
}

export interface Released {
  readonly events: MarketEvent[];
  /** Events older than something already released: trades still go out, quotes are dropped. */
  readonly outOfOrder: number;
}

const tsOf = (e: MarketEvent): number => (e.kind === 'trade' ? e.trade.ts : e.quote.ts);

export class EventOrderer {
  private held: Held[] = [];
  private seq = 0;
  private pauses = 0;
  private lastTradeTs = -Infinity;
  private lastReleasedTs = -Infinity;

  constructor(private readonly options: OrdererOptions) {}

  push(event: MarketEvent, arrival: number): void {
    const ts = tsOf(event);
    if (event.kind === 'trade') this.lastTradeTs = Math.max(this.lastTradeTs, ts);
    this.held.push({ event, ts, arrival, seq: this.seq++ });
  }

  /** Nothing is released until every pause has its resume. */
  pause(): void {
    this.pauses++;
  }

  resume(): void {
    this.pauses = Math.max(0, this.pauses - 1);
  }

  get size(): number {
    return this.held.length;
  }

  /** The time-ordered prefix of held events that may leave now (all of them when `all`). */
  release(now: number, all = false): Released {
    if (this.pauses > 0 && !all) return { events: [], outOfOrder: 0 };
    this.held.sort((a, b) => a.ts - b.ts || a.seq - b.seq);
    let n = 0;
    for (; n < this.held.length && !all; n++) {
      const h = this.held[n] as Held;
      if (now - h.arrival < this.options.holdMs) break;
      if (h.event.kind === 'quote' && h.ts > this.lastTradeTs && now - h.arrival < this.options.quoteHoldMs) break;
    }
    if (all) n = this.held.length;
    const out = this.held.slice(0, n);
    this.held = this.held.slice(n);
    const events: MarketEvent[] = [];
    let outOfOrder = 0;
    for (const h of out) {
      if (h.ts < this.lastReleasedTs) {
        outOfOrder++;
        // A stale quote is superseded by the newer one already sent; a trade must not be lost.
        if (h.event.kind === 'quote') continue;
      } else this.lastReleasedTs = h.ts;
      events.push(h.event);
    }
    return { events, outOfOrder };
  }
}
