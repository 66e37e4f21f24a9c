// Loader thread of a tick backtest: reads and decodes the range's hour blocks on its own
// connection to the store, a few hours ahead of the engine, into a ring of shared-memory slots
// (see tick-hours-protocol.ts and native/store/tick-hours-prefetch.ts).

import { MessagePort, workerData } from 'node:worker_threads';
import { Store } from '../store/store';
import type { QuoteBlock, TradeBlock } from '../store/tick-codec';
import { parseTickHoursJob, POSTED, STARTED, TAKEN, type TickHoursMessage } from './tick-hours-protocol';

const job = parseTickHoursJob(workerData);
const given: unknown = (workerData as { port?: unknown }).port;
if (!(given instanceof MessagePort)) throw new Error('tick-hours-worker must run in a worker thread given a port');
const port: MessagePort = given;
const state = new Int32Array(job.state);

const f64 = (n: number): Float64Array => new Float64Array(new SharedArrayBuffer(n * Float64Array.BYTES_PER_ELEMENT));
const sharedTrades = (n: number): TradeBlock => ({ length: n, ts: f64(n), price: f64(n), size: f64(n), side: new Int8Array(new SharedArrayBuffer(n)), id: f64(n) });
const sharedQuotes = (n: number): QuoteBlock => ({ length: n, ts: f64(n), bidPrice: f64(n), bidSize: f64(n), askPrice: f64(n), askSize: f64(n) });
const roomFor = (n: number): number => n + (n >> 3);

/** ahead + 1 slots: the hour the engine holds, `ahead` queued, and the one being decoded. */
const slots = Array.from({ length: job.ahead + 1 }, () => ({ trades: sharedTrades(0), quotes: sharedQuotes(0) }));
let hour = 0;

function slotWithRoom(trades: number, quotes: number): { trades: TradeBlock; quotes: QuoteBlock } {
  const slot = slots[hour % slots.length]!;
  if (slot.trades.ts.length < trades) slot.trades = sharedTrades(roomFor(trades));
  if (slot.quotes.ts.length < quotes) slot.quotes = sharedQuotes(roomFor(quotes));
  return slot;
}

/** An hour merged from two origins arrives in arrays of its own: into the slot with it. */
function inSlot(trades: TradeBlock, quotes: QuoteBlock): { trades: TradeBlock; quotes: QuoteBlock } {
  if (trades.ts.buffer instanceof SharedArrayBuffer && quotes.ts.buffer instanceof SharedArrayBuffer) return { trades, quotes };
  const slot = slotWithRoom(trades.length, quotes.length);
  const t = { ...slot.trades, length: trades.length };
  for (const k of ['ts', 'price', 'size', 'side', 'id'] as const) t[k].set(trades[k].subarray(0, trades.length));
  const q = { ...slot.quotes, length: quotes.length };
  for (const k of ['ts', 'bidPrice', 'bidSize', 'askPrice', 'askSize'] as const) q[k].set(quotes[k].subarray(0, quotes.length));
  return { trades: t, quotes: q };
}

function post(message: TickHoursMessage): void {
  port.postMessage(message);
  Atomics.add(state, POSTED, 1);
  Atomics.notify(state, POSTED);
}

Atomics.store(state, STARTED, 1);
Atomics.notify(state, STARTED);
let store: Store | null = null;
try {
  store = Store.open(job.dbPath);
  const hours = store.tickHours(job.instrumentId, job.fromTs, job.toTs, slotWithRoom);
  for (;;) {
    // The slot about to be written must not be one the engine may still read.
    for (;;) {
      const taken = Atomics.load(state, TAKEN);
      if (hour - taken < job.ahead) break;
      Atomics.wait(state, TAKEN, taken);
    }
    const next = hours.next();
    if (next.done) break;
    post({ type: 'hour', ...inSlot(next.value.trades, next.value.quotes) });
    hour++;
  }
  post({ type: 'done' });
} catch (error) {
  post({ type: 'error', message: error instanceof Error ? error.message : String(error) });
} finally {
  store?.close();
}
