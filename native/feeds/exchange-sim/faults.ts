// Fault injection: the feed faults a client must survive (disconnects, gaps, duplicates, delays,
// stale quotes, rate limits), switched on through the server object, an HTTP query or CLI flags.

import { z } from 'zod';

const count = z.coerce.number().int().min(0).max(1_000_000);
const millis = z.coerce.number().int().min(0).max(3_600_000);

/** One request for faults; every field is optional and applies on top of the current state. */
export const faultSpecSchema = z.object({
  /** Drop every websocket connection now (TCP reset, no close frame). */
  disconnect: z
    .union([z.boolean(), z.enum(['1', 'true', '0', 'false'])])
    .transform((v) => v === true || v === '1' || v === 'true')
    .optional(),
  /** Leave the next N trades out of the websocket stream (REST history keeps them). */
  dropNextTrades: count.optional(),
  /** Leave this inclusive trade id range out of the stream: "FROM-TO" or [from, to]. */
  dropTradeIds: z
    .union([
      z.tuple([count, count]),
      z
        .string()
        .regex(/^\d+-\d+$/)
        .transform((s): [number, number] => {
          const [from = '0', to = '0'] = s.split('-');
          return [Number(from), Number(to)];
        }),
    ])
    .optional(),
  /** Send the next N trade messages twice. */
  duplicateNextTrades: count.optional(),
  /** Hold every outgoing stream message this long (0 clears); order is kept. */
  delayMs: millis.optional(),
  /** Send no bookTicker updates for this long, starting now. */
  staleQuotesMs: millis.optional(),
  /** Answer the next N REST calls with HTTP 429 and Retry-After. */
  rateLimitNext: count.optional(),
  retryAfterSeconds: z.coerce.number().int().min(0).max(3600).optional(),
});

export type FaultSpec = z.input<typeof faultSpecSchema>;

export interface FaultStats {
  readonly disconnects: number;
  readonly droppedTrades: number;
  readonly duplicatedTrades: number;
  readonly rateLimited: number;
  readonly delayMs: number;
  readonly staleUntil: number;
}

export class FaultController {
  private readonly disconnectHandlers = new Set<() => void>();
  private dropNext = 0;
  private readonly dropRanges: Array<[number, number]> = [];
  private duplicateNext = 0;
  private delay = 0;
  private staleUntil = 0;
  private rateLimitLeft = 0;
  private retryAfter = 1;
  private stats = { disconnects: 0, droppedTrades: 0, duplicatedTrades: 0, rateLimited: 0 };

  constructor(private readonly now: () => number = Date.now) {}

  /** Applies a validated or raw spec (query string, CLI flags); throws a ZodError when invalid. */
  apply(spec: FaultSpec | Record<string, unknown>): void {
    const s = faultSpecSchema.parse(spec);
    if (s.dropNextTrades !== undefined) this.dropNextTrades(s.dropNextTrades);
    if (s.dropTradeIds !== undefined) this.dropTradeIds(s.dropTradeIds[0], s.dropTradeIds[1]);
    if (s.duplicateNextTrades !== undefined) this.duplicateNextTrades(s.duplicateNextTrades);
    if (s.delayMs !== undefined) this.delayMessages(s.delayMs);
    if (s.staleQuotesMs !== undefined) this.staleQuotes(s.staleQuotesMs);
    if (s.rateLimitNext !== undefined) this.rateLimitNext(s.rateLimitNext, s.retryAfterSeconds);
    if (s.disconnect) this.disconnectAll();
  }

  disconnectAll(): void {
    this.stats.disconnects++;
    for (const handler of this.disconnectHandlers) handler();
  }

  dropNextTrades(n: number): void {
    this.dropNext = n;
  }

  dropTradeIds(fromId: number, toId: number): void {
    if (toId < fromId) throw new RangeError(`trade id range ${fromId}-${toId} is empty`);
    this.dropRanges.push([fromId, toId]);
  }

  duplicateNextTrades(n: number): void {
    this.duplicateNext = n;
  }

  delayMessages(ms: number): void {
    this.delay = ms;
  }

  staleQuotes(ms: number): void {
    this.staleUntil = this.now() + ms;
  }

  rateLimitNext(n: number, retryAfterSeconds = 1): void {
    this.rateLimitLeft = n;
    this.retryAfter = retryAfterSeconds;
  }

  /** Clears every pending fault (not the counters). */
  reset(): void {
    this.dropNext = 0;
    this.dropRanges.length = 0;
    this.duplicateNext = 0;
    this.delay = 0;
    this.staleUntil = 0;
    this.rateLimitLeft = 0;
  }

  snapshot(): FaultStats {
    return { ...this.stats, delayMs: this.delay, staleUntil: this.staleUntil };
  }

  // The stream and the REST handler ask these once per event or request, before fan-out,
  // so every client sees the same fault.

  onDisconnect(handler: () => void): () => void {
    this.disconnectHandlers.add(handler);
    return () => {
      this.disconnectHandlers.delete(handler);
    };
  }

  takeDropTrade(id: number): boolean {
    if (this.dropNext > 0) {
      this.dropNext--;
      this.stats.droppedTrades++;
      return true;
    }
    if (this.dropRanges.some(([from, to]) => id >= from && id <= to)) {
      this.stats.droppedTrades++;
      return true;
    }
    return false;
  }

  takeDuplicateTrade(): boolean {
    if (this.duplicateNext <= 0) return false;
    this.duplicateNext--;
    this.stats.duplicatedTrades++;
    return true;
  }

  delayMsNow(): number {
    return this.delay;
  }

  quotesStale(): boolean {
    return this.now() < this.staleUntil;
  }

  /** Seconds for Retry-After when this request must be rate-limited, else null. */
  takeRateLimit(): number | null {
    if (this.rateLimitLeft <= 0) return null;
    this.rateLimitLeft--;
    this.stats.rateLimited++;
    return this.retryAfter;
  }
}
