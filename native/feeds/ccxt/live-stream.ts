// A MarketFeed on ccxt.pro websockets: trades and best bid/ask, each in its own watch loop that
// reconnects with exponential back-off. Trade id gaps are filled over REST before later trades
// go out, duplicates are dropped, events leave in time order, and stale quotes are reported.

import ccxt, { type Exchange } from 'ccxt';
import type { Quote, Trade } from '../../../core/market/events';
import type { Instrument } from '../../../core/market/instrument';
import { toTicks } from '../../../core/market/instrument';
import type { FeedSink, FeedState, MarketFeed } from '../feed';
import { bidAskSchema, parsePayload, tradesSchema, type CcxtTrade } from './ccxt-schemas';
import { EventOrderer } from './event-orderer';
import { tradeId, tradeSide } from './history-convert';
import { isRateLimit, retryAfterMs, sleep } from './rate-limit-retry';
import { reloadMarketsIfMissing } from './markets-reload';
import { fillTradeGap, type TradeStreamName } from './trade-gap-filler';

export interface LiveStreamOptions {
  /** A ccxt.pro client; the feed closes it on stop unless `ownsClient` is false. */
  readonly client: Exchange;
  /** REST client for gap fills (default: the pro client, which speaks REST too). */
  readonly restClient?: Exchange;
  readonly ownsClient?: boolean;
  /** ccxt unified symbol, e.g. BTC/USDT:USDT. */
  readonly symbol: string;
  readonly instrument: Instrument;
  /** Binance: aggregate trades (default; gaps fill without an API key) or raw trades. */
  readonly tradeStream?: TradeStreamName;
  /** No quote for this long means state 'stale' (default 5 s). */
  readonly staleQuoteMs?: number;
  /** How long events wait for the other stream before leaving (default 150 ms). */
  readonly holdMs?: number;
  /** Longest a quote waits for the trade stream to reach its time (default 1 s). */
  readonly quoteHoldMs?: number;
  readonly reconnectBaseMs?: number;
  readonly reconnectMaxMs?: number;
  /** Attempts per gap fill before the gap is reported as unfilled (default 4). */
  readonly fillAttempts?: number;
  readonly now?: () => number;
  /**
   * The last trade a consumer already has (a restarted paper run): trades after it that the
   * stream no longer carries are filled over REST before later ones go out.
   */
  readonly resumeAfter?: { readonly tradeId: number; readonly ts: number };
}

export interface LiveStreamStats {
  tradesEmitted: number;
  quotesEmitted: number;
  gapsFound: number;
  gapsFilled: number;
  gapsUnfilled: number;
  tradesFilled: number;
  duplicatesDropped: number;
  reconnects: number;
  outOfOrder: number;
  stalePeriods: number;
}

type Loop = 'trades' | 'quotes';

export class CcxtLiveFeed implements MarketFeed {
  readonly source: string;
  readonly instrument: Instrument;
  private readonly client: Exchange;
  private readonly rest: Exchange;
  private readonly now: () => number;
  private readonly orderer: EventOrderer;
  private readonly counts: LiveStreamStats = {
    tradesEmitted: 0,
    quotesEmitted: 0,
    gapsFound: 0,
    gapsFilled: 0,
    gapsUnfilled: 0,
    tradesFilled: 0,
    duplicatesDropped: 0,
    reconnects: 0,
    outOfOrder: 0,
    stalePeriods: 0,
  };
  private sink: FeedSink | null = null;
  private state: FeedState = 'disconnected';
  /** Each watch loop: waiting to reconnect ('down'), (re)subscribing, or receiving. */
  private readonly loops = new Map<Loop, 'down' | 'connecting' | 'live'>();
  private stale = false;
  /** Events wait while the trade stream is down: trades it missed may predate them. */
  private heldForTrades = false;
  private stopped = false;
  private lastId: number | null = null;
  private lastTradeTs = 0;
  private lastQuoteArrival = 0;
  private lastQuoteTs = -Infinity;
  private timer: ReturnType<typeof setInterval> | null = null;
  private running: Promise<void>[] = [];
  private closing: Promise<void> | null = null;

  constructor(private readonly options: LiveStreamOptions) {
    this.client = options.client;
    this.rest = options.restClient ?? options.client;
    this.instrument = options.instrument;
    this.source = `ccxt:${options.client.id}`;
    this.now = options.now ?? Date.now;
    this.orderer = new EventOrderer({ holdMs: options.holdMs ?? 150, quoteHoldMs: options.quoteHoldMs ?? 1_000 });
    if (options.resumeAfter) {
      this.lastId = options.resumeAfter.tradeId;
      this.lastTradeTs = options.resumeAfter.ts;
      // Nothing goes out until the trade stream has caught up: quotes arriving first would move
      // the consumer's clock past the trades printed while it was down, and those would then
      // arrive too old to use. The first trades watched reveal the gap, which is filled over REST.
      this.heldForTrades = true;
      this.orderer.pause();
    }
  }

  start(sink: FeedSink): void {
    if (this.sink) throw new Error(`${this.source} feed already started`);
    this.sink = sink;
    this.loops.set('trades', 'connecting').set('quotes', 'connecting');
    this.update(`connecting to ${this.client.id} ${this.options.symbol}`);
    this.lastQuoteArrival = this.now();
    const staleMs = this.options.staleQuoteMs ?? 5_000;
    this.timer = setInterval(() => {
      this.flush(false);
      this.checkStale(staleMs);
    }, Math.max(10, Math.min(50, (this.options.holdMs ?? 150) / 3)));
    this.running = [this.runLoop('trades', () => this.watchTradesOnce()), this.runLoop('quotes', () => this.watchQuoteOnce())];
  }

  stop(): void {
    void this.close();
  }

  /** Stops the watch loops, sends what is held, and closes the client; resolves when all is done. */
  close(): Promise<void> {
    this.closing ??= (async () => {
      this.stopped = true;
      if (this.timer) clearInterval(this.timer);
      this.timer = null;
      // Closing the client rejects the pending watches; a borrowed client's watches end at their next message.
      if (this.options.ownsClient !== false) {
        await this.client.close().catch(() => undefined);
        await Promise.allSettled(this.running);
      }
      this.flush(true);
      this.state = 'disconnected';
      this.sink?.onState('disconnected', 'stopped');
    })();
    return this.closing;
  }

  stats(): Readonly<LiveStreamStats> {
    return { ...this.counts };
  }

  get currentState(): FeedState {
    return this.state;
  }

  private async runLoop(loop: Loop, watchOnce: () => Promise<void>): Promise<void> {
    const base = this.options.reconnectBaseMs ?? 250;
    const max = this.options.reconnectMaxMs ?? 10_000;
    let failures = 0;
    while (!this.stopped) {
      try {
        // A refused first request can leave ccxt holding a failed market load (markets-reload.ts).
        if (failures > 0) await reloadMarketsIfMissing(this.client);
        await watchOnce();
        if (this.stopped) return;
        failures = 0;
        if (loop === 'trades' && this.heldForTrades) {
          this.heldForTrades = false;
          this.orderer.resume();
        }
        if (this.loops.get(loop) !== 'live') {
          this.loops.set(loop, 'live');
          this.update(`${loop} stream live`);
        }
      } catch (error) {
        if (this.stopped) return;
        if (error instanceof ccxt.NotSupported || error instanceof ccxt.BadSymbol || error instanceof ccxt.AuthenticationError) {
          // Retrying cannot help: say so once and leave this stream down.
          this.loops.set(loop, 'down');
          this.update(`${loop} stream cannot run: ${describe(error)}`, true);
          return;
        }
        failures++;
        this.counts.reconnects++;
        this.loops.set(loop, 'down');
        if (loop === 'trades' && !this.heldForTrades) {
          this.heldForTrades = true;
          this.orderer.pause();
        }
        // A rate-limited client that comes back before Retry-After risks a ban (Binance: HTTP 418).
        const retryAfter = isRateLimit(error) ? (retryAfterMs(this.rest) ?? retryAfterMs(this.client) ?? 0) : 0;
        const delay = Math.max(retryAfter, Math.min(max, base * 2 ** (failures - 1)));
        this.update(`${loop} stream lost (${describe(error)}); reconnecting in ${delay} ms`, true);
        await sleep(delay);
        if (this.stopped) return;
        this.loops.set(loop, 'connecting');
        this.update(`${loop} stream reconnecting (attempt ${failures})`, true);
      }
    }
  }

  private async watchTradesOnce(): Promise<void> {
    const binance = this.client.id.startsWith('binance');
    const name = this.options.tradeStream ?? 'aggTrade';
    const raw = await this.client.watchTrades(this.options.symbol, undefined, undefined, binance && name === 'aggTrade' ? { name: 'aggTrade' } : {});
    if (this.stopped) return;
    const trades = parsePayload(tradesSchema, raw, 'watchTrades');
    await this.acceptTrades(trades, this.now());
  }

  private async watchQuoteOnce(): Promise<void> {
    const symbol = this.options.symbol;
    const raw: unknown = this.client.has['watchBidsAsks'] ? (await this.client.watchBidsAsks([symbol]))[symbol] : await this.client.watchTicker(symbol);
    if (this.stopped || raw === undefined) return;
    const t = parsePayload(bidAskSchema, raw, 'watchBidsAsks');
    const arrival = this.now();
    const tick = this.instrument.tickSize;
    const quote: Quote = {
      ts: t.timestamp ?? arrival,
      bidPrice: toTicks(t.bid, tick),
      bidSize: t.bidVolume ?? 0,
      askPrice: toTicks(t.ask, tick),
      askSize: t.askVolume ?? 0,
    };
    if (this.stale) {
      this.stale = false;
      this.update(`quotes resumed after ${arrival - this.lastQuoteArrival} ms`);
    }
    this.lastQuoteArrival = arrival;
    if (quote.ts < this.lastQuoteTs) {
      this.counts.outOfOrder++;
      this.report(`quote at ${quote.ts} arrived after one at ${this.lastQuoteTs}: dropped`);
      return;
    }
    this.lastQuoteTs = quote.ts;
    this.orderer.push({ kind: 'quote', quote }, arrival);
  }

  /** Drops duplicates, fills id gaps over REST before the trades that revealed them. */
  private async acceptTrades(trades: readonly CcxtTrade[], arrival: number): Promise<void> {
    const sorted = [...trades].sort((a, b) => tradeId(a.id) - tradeId(b.id));
    for (const t of sorted) {
      const id = tradeId(t.id);
      if (Number.isNaN(id)) {
        this.pushTrade(t, arrival);
        continue;
      }
      if (this.lastId !== null && id <= this.lastId) {
        this.counts.duplicatesDropped++;
        continue;
      }
      if (this.lastId !== null && id > this.lastId + 1) await this.fillGap(this.lastId + 1, id - 1, arrival);
      this.pushTrade(t, arrival);
    }
  }

  private async fillGap(fromId: number, toId: number, arrival: number): Promise<void> {
    this.counts.gapsFound++;
    this.report(`trade gap: ids ${fromId}..${toId} missing from the stream, filling over REST`);
    this.orderer.pause();
    try {
      const filled = await fillTradeGap(
        this.rest,
        this.options.symbol,
        this.options.tradeStream ?? 'aggTrade',
        { fromId, toId, sinceTs: this.lastTradeTs },
        { attempts: this.options.fillAttempts ?? 4, baseDelayMs: 200, maxDelayMs: 5_000, retryNetworkErrors: true },
      );
      for (const t of filled) this.pushTrade(t, arrival);
      this.counts.tradesFilled += filled.length;
      const wanted = toId - fromId + 1;
      if (filled.length === wanted) {
        this.counts.gapsFilled++;
        this.report(`trade gap ${fromId}..${toId} filled (${filled.length} trades)`);
      } else {
        this.counts.gapsUnfilled++;
        this.report(`trade gap ${fromId}..${toId}: only ${filled.length} of ${wanted} trades could be fetched`);
      }
    } catch (error) {
      this.counts.gapsUnfilled++;
      this.report(`trade gap ${fromId}..${toId} could not be filled: ${describe(error)}`);
    } finally {
      this.orderer.resume();
    }
  }

  private pushTrade(t: CcxtTrade, arrival: number): void {
    const id = tradeId(t.id);
    const trade: Trade = {
      ts: t.timestamp,
      price: toTicks(t.price, this.instrument.tickSize),
      size: t.amount,
      side: tradeSide(t.side),
      ...(Number.isNaN(id) ? {} : { id }),
    };
    if (!Number.isNaN(id)) this.lastId = Math.max(this.lastId ?? id, id);
    this.lastTradeTs = Math.max(this.lastTradeTs, t.timestamp);
    this.orderer.push({ kind: 'trade', trade }, arrival);
  }

  private flush(all: boolean): void {
    const { events, outOfOrder } = this.orderer.release(this.now(), all);
    if (outOfOrder > 0) {
      this.counts.outOfOrder += outOfOrder;
      this.report(`${outOfOrder} events older than events already sent (late trades sent, stale quotes dropped)`);
    }
    if (events.length === 0) return;
    for (const e of events) {
      if (e.kind === 'trade') this.counts.tradesEmitted++;
      else this.counts.quotesEmitted++;
    }
    this.sink?.onEvents(events);
  }

  private checkStale(staleMs: number): void {
    if (this.stale || this.loops.get('quotes') !== 'live') return;
    const quiet = this.now() - this.lastQuoteArrival;
    if (quiet < staleMs) return;
    this.stale = true;
    this.counts.stalePeriods++;
    this.update(`no quote for ${quiet} ms (limit ${staleMs} ms)`);
  }

  /** Recomputes the feed state from the loops; tells the sink on a change, or always when `always`. */
  private update(message: string, always = false): void {
    const states = [...this.loops.values()];
    const state: FeedState = states.includes('down') ? 'disconnected' : states.includes('connecting') ? 'connecting' : this.stale ? 'stale' : 'live';
    if (state === this.state && !always) return;
    this.state = state;
    this.sink?.onState(state, message);
  }

  /** A message that does not change the state (gaps, out-of-order data). */
  private report(message: string): void {
    this.sink?.onState(this.state, message);
  }
}

function describe(error: unknown): string {
  return error instanceof Error ? `${error.constructor.name}: ${error.message.slice(0, 160)}` : String(error);
}
