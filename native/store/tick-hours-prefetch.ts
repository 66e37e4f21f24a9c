// A range's hour blocks for a tick backtest, read and decoded on a loader thread a few hours ahead
// of the engine (native/workers/tick-hours-worker.ts): reading SQLite and decoding then overlap the
// backtest instead of coming before each hour, which was about half the time of a stored day on
// one thread. The backtest runs synchronously, so it waits for each hour on a shared counter and
// takes the message off the port directly. Where no loader thread can start (an in-memory store,
// no worker bundle), the hours are read on this thread by Store.tickHours. Either way the same
// columns in the same order, under the same contract: use each hour before asking for the next.

import { MessageChannel, receiveMessageOnPort, Worker, type MessagePort } from 'node:worker_threads';
import { z } from 'zod';
import type { TickData } from '../../core/engine/tick-backtest';
import { POSTED, STARTED, STATE_SLOTS, TAKEN, type TickHoursJob } from '../workers/tick-hours-protocol';
import { workerEntrySync } from '../workers/worker-entry';
import { HOUR_MS, type Store } from './store';
import type { QuoteBlock, TradeBlock } from './tick-codec';

/** Hours decoded ahead of the engine: enough to hide a slow read, ~25 MB each for a busy hour. */
const AHEAD = 2;
/**
 * Shorter ranges are read on this thread: starting a loader (~50 ms) costs more than it can hide
 * when there are few hours to read while others run.
 */
const MIN_HOURS = 4;
/** A loader thread that has not started by then (a broken bundle) is given up for this thread. */
const START_TIMEOUT_MS = 10_000;

const f64 = z.custom<Float64Array>((v) => v instanceof Float64Array);
const MessageSchema = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('hour'),
    trades: z.custom<TradeBlock>((v) => z.object({ length: z.number().int().nonnegative(), ts: f64, price: f64, size: f64, side: z.custom<Int8Array>((s) => s instanceof Int8Array), id: f64 }).safeParse(v).success),
    quotes: z.custom<QuoteBlock>((v) => z.object({ length: z.number().int().nonnegative(), ts: f64, bidPrice: f64, bidSize: f64, askPrice: f64, askSize: f64 }).safeParse(v).success),
  }),
  z.object({ type: z.literal('done') }),
  z.object({ type: z.literal('error'), message: z.string() }),
]);

/**
 * A loader that has posted nothing for this long is taken for dead (killed, or out of memory: it
 * cannot say so, and its exit event needs the event loop this thread is not running); the hours
 * it has not delivered are then read on this thread. An hour takes well under a second to read
 * and decode, so a loader that is only slow loses time here, never data.
 */
const STALL_MS = 30_000;

export interface PrefetchOptions {
  /** How long a silent loader is waited for (tests shorten it). */
  readonly stallMs?: number;
  /** Called with the loader thread once started (tests stop it to play a crash). */
  readonly onLoader?: (worker: Worker) => void;
}

export function* prefetchTickHours(store: Store, instrumentId: number, fromTs: number, toTs: number, options: PrefetchOptions = {}): Generator<TickData> {
  const hours = Math.ceil(toTs / HOUR_MS) - Math.floor(fromTs / HOUR_MS);
  // The loader starts at the second hour: this thread reads and runs the first while it boots.
  const secondHour = Math.floor(fromTs / HOUR_MS) * HOUR_MS + HOUR_MS;
  const loader = hours >= MIN_HOURS ? startLoader(store.path, instrumentId, secondHour, toTs) : null;
  if (!loader) {
    yield* store.tickHours(instrumentId, fromTs, toTs);
    return;
  }
  const { worker, state, port } = loader;
  options.onLoader?.(worker);
  const stallMs = options.stallMs ?? STALL_MS;
  try {
    yield* store.tickHours(instrumentId, fromTs, secondHour);
    // A worker that fails to load never starts: its error event needs the event loop this
    // thread is not running, so give it a while and then read the rest here.
    if (Atomics.wait(state, STARTED, 0, START_TIMEOUT_MS) === 'timed-out' && Atomics.load(state, STARTED) === 0) {
      yield* store.tickHours(instrumentId, secondHour, toTs);
      return;
    }
    let taken = 0;
    let hoursReceived = 0;
    for (;;) {
      if (!waitForPost(state, taken, stallMs)) {
        // The loader yields every hour of its range in order, empty ones too: it stopped here.
        yield* store.tickHours(instrumentId, secondHour + hoursReceived * HOUR_MS, toTs);
        return;
      }
      const received = receiveMessageOnPort(port);
      if (!received) throw new Error('tick loader: a message was counted but none arrived');
      // Taking hour k frees the slot of hour k - 1, which the engine has finished with.
      taken++;
      Atomics.store(state, TAKEN, taken);
      Atomics.notify(state, TAKEN);
      const message = MessageSchema.parse(received.message);
      if (message.type === 'done') return;
      if (message.type === 'error') throw new Error(`reading stored ticks: ${message.message}`);
      hoursReceived++;
      yield { trades: message.trades, quotes: message.quotes };
    }
  } finally {
    port.close();
    void worker.terminate();
  }
}

/** Waits until the loader has posted more than `taken` messages: false if it stays silent for `stallMs`. */
function waitForPost(state: Int32Array, taken: number, stallMs: number): boolean {
  const deadline = performance.now() + stallMs;
  for (;;) {
    if (Atomics.load(state, POSTED) > taken) return true;
    const left = deadline - performance.now();
    if (left <= 0) return false;
    Atomics.wait(state, POSTED, taken, left);
  }
}

function startLoader(path: string, instrumentId: number, fromTs: number, toTs: number): { worker: Worker; state: Int32Array; port: MessagePort } | null {
  if (path === '' || path === ':memory:') return null;
  const shared = new SharedArrayBuffer(STATE_SLOTS * Int32Array.BYTES_PER_ELEMENT);
  const state = new Int32Array(shared);
  const { port1, port2 } = new MessageChannel();
  let worker: Worker;
  try {
    const job: TickHoursJob = { dbPath: path, instrumentId, fromTs, toTs, ahead: AHEAD, state: shared };
    // A plain bundle: no flags of this process (a TypeScript loader would add ~200 ms a start).
    worker = new Worker(workerEntrySync('tick-hours-worker'), { workerData: { ...job, port: port2 }, transferList: [port2], execArgv: [] });
    // Its failures after starting come as messages; one before (a bad bundle) by the time limit.
    worker.on('error', () => undefined);
    // A backtest abandoned without finishing its hours must not keep the process alive.
    worker.unref();
  } catch {
    port1.close();
    return null;
  }
  return { worker, state, port: port1 };
}
