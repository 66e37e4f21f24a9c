// Profile worker thread: runs the core rolling profile and footprint on the live trade stream
// and publishes them into shared memory after every batch, so the main thread stays free.
// Same core code as the backtests: the worker changes where it runs, not the arithmetic.

import { parentPort } from 'node:worker_threads';
import { FootprintBuilder } from '../../core/profile/footprint';
import { RollingProfile } from '../../core/profile/rolling-profile';
import { ProfileSnapshotWriter } from './profile-snapshot';
import { ToWorkerSchema, type FromWorker } from './profile-worker-protocol';

if (!parentPort) throw new Error('profile-worker must run in a worker thread');
const port = parentPort;

let profile: RollingProfile | null = null;
let footprint: FootprintBuilder | null = null;
let writer: ProfileSnapshotWriter | null = null;
let processed = 0;

function send(message: FromWorker): void {
  port.postMessage(message);
}

function publish(): void {
  if (!profile || !footprint || !writer) return;
  writer.publish(profile, profile.levels(), profile.lastClosedMinute, processed, footprint.openBar());
}

port.on('message', (raw: unknown) => {
  const parsed = ToWorkerSchema.safeParse(raw);
  if (!parsed.success) {
    send({ type: 'error', message: `profile worker: bad message: ${parsed.error.message}` });
    return;
  }
  const message = parsed.data;
  try {
    switch (message.type) {
      case 'init':
        profile = new RollingProfile(message.rolling);
        footprint = new FootprintBuilder(message.footprint);
        writer = new ProfileSnapshotWriter(message.buffer);
        processed = 0;
        send({ type: 'ready' });
        return;
      case 'trades': {
        if (!profile || !footprint) throw new Error('trades before init');
        const n = message.ts.length;
        const columns = { length: n, ts: message.ts, price: message.price, size: message.size, side: message.side };
        profile.addTrades(columns);
        footprint.addTrades(columns);
        processed += n;
        publish();
        return;
      }
      case 'advance':
        profile?.advanceTo(message.ts);
        footprint?.advanceTo(message.ts);
        publish();
        return;
      case 'flush':
        publish();
        send({ type: 'flushed', id: message.id, tradesProcessed: processed });
        return;
    }
  } catch (error) {
    send({ type: 'error', message: error instanceof Error ? error.message : String(error) });
  }
});
