// Keeps what the live feed delivered: trades and quotes are written to the store as 'live'
// ticks once a minute (one transaction per write) with the 1m bars the session closed, and
// live ticks older than the retention (48 h by default, seed 003 §3.2) are purged; imported
// history is never touched. A write merges into the hour's block, so it costs a few ms on the
// main thread per minute.

import type { Bar } from '../../core/market/bars';
import type { MarketEvent } from '../../core/market/events';
import type { Instrument } from '../../core/market/instrument';
import { emptyQuotes, emptyTrades } from '../store/tick-codec';
import type { Store } from '../store/store';

export interface LiveCaptureOptions {
  readonly retentionMs?: number;
  readonly flushEveryMs?: number;
  readonly now?: () => number;
  readonly onError?: (message: string) => void;
}

export const DEFAULT_LIVE_RETENTION_MS = 48 * 3_600_000;

export class LiveCapture {
  private trades: MarketEvent[] = [];
  private quotes: MarketEvent[] = [];
  private bars: Bar[] = [];
  private timer: ReturnType<typeof setInterval> | null = null;
  private lastPurge = 0;
  private readonly instrumentId: number;

  constructor(
    private readonly store: Store,
    instrument: Instrument,
    private readonly options: LiveCaptureOptions = {},
  ) {
    this.instrumentId = store.ensureInstrument(instrument);
  }

  start(): void {
    this.purge();
    this.timer = setInterval(() => this.flush(), this.options.flushEveryMs ?? 60_000);
    this.timer.unref();
  }

  /** Buffers events as the feed delivers them (cheap: called on the hot path). */
  record(events: readonly MarketEvent[]): void {
    for (const e of events) (e.kind === 'trade' ? this.trades : this.quotes).push(e);
  }

  recordClosedBar(bar: Bar): void {
    this.bars.push(bar);
  }

  /** Writes what is buffered; also called on stop so nothing received is lost. */
  flush(): void {
    const trades = this.trades;
    const quotes = this.quotes;
    const bars = this.bars;
    this.trades = [];
    this.quotes = [];
    this.bars = [];
    if (trades.length === 0 && quotes.length === 0 && bars.length === 0) return;
    try {
      const t = emptyTrades(trades.length);
      trades.forEach((e, i) => {
        if (e.kind !== 'trade') return;
        t.ts[i] = e.trade.ts;
        t.price[i] = e.trade.price;
        t.size[i] = e.trade.size;
        t.side[i] = e.trade.side;
        t.id[i] = e.trade.id ?? Number.NaN;
      });
      const q = emptyQuotes(quotes.length);
      quotes.forEach((e, i) => {
        if (e.kind !== 'quote') return;
        q.ts[i] = e.quote.ts;
        q.bidPrice[i] = e.quote.bidPrice;
        q.bidSize[i] = e.quote.bidSize;
        q.askPrice[i] = e.quote.askPrice;
        q.askSize[i] = e.quote.askSize;
      });
      this.store.transaction(() => {
        this.store.writeTrades(this.instrumentId, 'live', t);
        this.store.writeQuotes(this.instrumentId, 'live', q);
        this.store.upsertBars(
          this.instrumentId,
          60,
          bars.map((b) => ({
            ...b,
            bidPxClose: b.closeQuote?.bidPrice ?? null,
            askPxClose: b.closeQuote?.askPrice ?? null,
            bidSzClose: b.closeQuote?.bidSize ?? null,
            askSzClose: b.closeQuote?.askSize ?? null,
          })),
          'live',
        );
      });
    } catch (error) {
      this.options.onError?.(`live capture: ${error instanceof Error ? error.message : String(error)}`);
    }
    const now = (this.options.now ?? Date.now)();
    if (now - this.lastPurge > 3_600_000) this.purge();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    this.flush();
  }

  private purge(): void {
    const now = (this.options.now ?? Date.now)();
    this.lastPurge = now;
    this.store.purgeLiveTicks(now, this.options.retentionMs ?? DEFAULT_LIVE_RETENTION_MS);
  }
}
