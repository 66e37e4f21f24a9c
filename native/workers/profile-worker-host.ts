// The main thread's handle on the profile worker: starts it with a SharedArrayBuffer, sends
// trade batches (transferring their buffers), and reads the published profile without copying.

import { Worker } from 'node:worker_threads';
import type { TradeColumns } from '../../core/market/columns';
import type { FootprintConfig, RollingProfileConfig } from '../../core/profile/config';
import { ProfileSnapshotReader, snapshotBytes, type ProfileView } from './profile-snapshot';
import { FromWorkerSchema, type ToWorker } from './profile-worker-protocol';
import { workerEntry } from './worker-entry';

export interface ProfileWorkerOptions {
  /** The bundled worker (dist/native/profile-worker.mjs); the source is bundled on the fly without it. */
  readonly workerFile?: string;
  readonly rolling?: Partial<RollingProfileConfig>;
  readonly footprint?: Partial<FootprintConfig>;
  readonly onError?: (message: string) => void;
}

export class ProfileWorkerHost {
  private worker: Worker | null = null;
  private readonly pending: Array<[unknown, ArrayBuffer[]]> = [];
  private readonly reader: ProfileSnapshotReader;
  private readonly flushes = new Map<number, (processed: number) => void>();
  private nextFlush = 1;
  private readonly ready: Promise<void>;

  constructor(options: ProfileWorkerOptions = {}) {
    const buffer = new SharedArrayBuffer(snapshotBytes());
    this.reader = new ProfileSnapshotReader(buffer);
    let markReady: () => void = () => {};
    this.ready = new Promise((resolve) => (markReady = resolve));
    void workerEntry('profile-worker', options.workerFile).then((file) => this.attach(new Worker(file), options, markReady), (error: unknown) => options.onError?.(String(error)));
    this.post({ type: 'init', buffer, rolling: options.rolling ?? {}, footprint: options.footprint ?? {} });
  }

  private attach(worker: Worker, options: ProfileWorkerOptions, markReady: () => void): void {
    this.worker = worker;
    worker.unref();
    worker.on('message', (raw: unknown) => {
      const message = FromWorkerSchema.safeParse(raw);
      if (!message.success) return options.onError?.(`profile worker sent a bad message: ${message.error.message}`);
      const m = message.data;
      if (m.type === 'ready') markReady();
      else if (m.type === 'flushed') {
        this.flushes.get(m.id)?.(m.tradesProcessed);
        this.flushes.delete(m.id);
      } else options.onError?.(m.message);
    });
    worker.on('error', (error) => options.onError?.(error.message));
    for (const [message, transfer] of this.pending.splice(0)) worker.postMessage(message, transfer);
  }

  whenReady(): Promise<void> {
    return this.ready;
  }

  private post(message: ToWorker | Record<string, unknown>, transfer: ArrayBuffer[] = []): void {
    // Messages sent before the worker has started are queued in order.
    if (this.worker) this.worker.postMessage(message, transfer);
    else this.pending.push([message, transfer]);
  }

  /** Sends a batch; its arrays are transferred (unusable here afterwards) unless `copy`. */
  addTrades(trades: TradeColumns, copy = false): void {
    const cols = copy
      ? { ts: trades.ts.slice(), price: trades.price.slice(), size: trades.size.slice(), side: trades.side.slice() }
      : { ts: trades.ts, price: trades.price, size: trades.size, side: trades.side };
    const transfer = [cols.ts.buffer, cols.price.buffer, cols.size.buffer, cols.side.buffer].filter(
      (b, i, all): b is ArrayBuffer => b instanceof ArrayBuffer && all.indexOf(b) === i,
    );
    this.post({ type: 'trades', ...cols }, transfer);
  }

  advanceTo(ts: number): void {
    this.post({ type: 'advance', ts });
  }

  /** Resolves once every batch sent before it is in the snapshot; gives the trade count. */
  flush(): Promise<number> {
    const id = this.nextFlush++;
    return new Promise((resolve) => {
      this.flushes.set(id, resolve);
      this.post({ type: 'flush', id });
    });
  }

  /** Reads the latest published profile; see ProfileSnapshotReader.read. */
  read<T>(fn: (view: ProfileView) => T): T {
    return this.reader.read(fn);
  }

  get version(): number {
    return this.reader.version;
  }

  async terminate(): Promise<void> {
    await this.ready;
    await this.worker?.terminate();
  }
}
