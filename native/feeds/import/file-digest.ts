// A file's bytes for import, and the SHA-256 of its (gunzipped) content that recognises a
// re-import. For large files the hash is computed on a worker thread while the import parses:
// it took ~0.08 s of a ~0.9 s import of 2M trade rows on the main thread. The file is read once
// into shared memory, so the worker hashes exactly the bytes the import parses.

import { createHash } from 'node:crypto';
import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
import { Worker } from 'node:worker_threads';
import { gunzipSync } from 'node:zlib';

/** Below this size the hash is computed in place (a worker costs more than it saves). */
export const DIGEST_WORKER_MIN_BYTES = 8 << 20;

const PENDING = 0;
const DONE = 1;
const FAILED = 2;

// Plain JavaScript, evaluated as the worker's script: it needs only Node's own modules, so it
// runs the same from source, in tests and in the bundled app.
const WORKER_SOURCE = `
const { workerData } = require('node:worker_threads');
const { createHash } = require('node:crypto');
const { gunzipSync } = require('node:zlib');
const state = new Int32Array(workerData.state);
try {
  let bytes = new Uint8Array(workerData.raw);
  if (bytes.length > 2 && bytes[0] === 0x1f && bytes[1] === 0x8b) bytes = gunzipSync(bytes);
  new Uint8Array(workerData.digest).set(createHash('sha256').update(bytes).digest());
  Atomics.store(state, 0, ${DONE});
} catch {
  Atomics.store(state, 0, ${FAILED});
}
Atomics.notify(state, 0);
`;

export interface PendingDigest {
  /** The hex SHA-256; waits for the worker if it has not finished. */
  result(): string;
}

export interface ImportBytes {
  /** The file's content, gunzipped when it is gzipped. */
  readonly bytes: Buffer;
  readonly sha256: PendingDigest;
}

export interface DigestOptions {
  /** Files at least this large are hashed on a worker thread (default DIGEST_WORKER_MIN_BYTES). */
  readonly workerMinBytes?: number;
  /** For tests: the worker's script instead of the real one. */
  readonly workerSource?: string;
}

function sha256Hex(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

function isGzip(bytes: Uint8Array): boolean {
  return bytes.length > 2 && bytes[0] === 0x1f && bytes[1] === 0x8b;
}

/** Reads `path` whole into shared memory (readable by a worker without a copy). */
function readShared(path: string): Uint8Array {
  const fd = openSync(path, 'r');
  try {
    const size = fstatSync(fd).size;
    const raw = new Uint8Array(new SharedArrayBuffer(size));
    let at = 0;
    while (at < size) {
      const n = readSync(fd, raw, at, size - at, null);
      if (n === 0) break;
      at += n;
    }
    return at === size ? raw : raw.subarray(0, at);
  } finally {
    closeSync(fd);
  }
}

/** The file's bytes and their SHA-256, the hash on a worker thread for large files. */
export function readImportBytes(path: string, options: DigestOptions = {}): ImportBytes {
  const raw = readShared(path);
  const content = (): Buffer => {
    const view = Buffer.from(raw.buffer, raw.byteOffset, raw.byteLength);
    return isGzip(raw) ? gunzipSync(view) : view;
  };
  if (raw.byteLength < (options.workerMinBytes ?? DIGEST_WORKER_MIN_BYTES)) {
    const bytes = content();
    const sha256 = sha256Hex(bytes);
    return { bytes, sha256: { result: () => sha256 } };
  }
  const sha256 = digestOnWorker(raw, options.workerSource ?? WORKER_SOURCE);
  return { bytes: content(), sha256 };
}

/**
 * Starts hashing `raw` (gunzipped if gzipped) on a worker thread. result() blocks on an Atomics
 * wait; when the worker fails, cannot start or takes far longer than hashing should, or this
 * thread may not block, the hash is computed here instead, so a result is always given.
 */
function digestOnWorker(raw: Uint8Array, source: string): PendingDigest {
  const state = new Int32Array(new SharedArrayBuffer(4));
  const digest = new Uint8Array(new SharedArrayBuffer(32));
  let worker: Worker | null = null;
  try {
    // The whole SharedArrayBuffer: a Uint8Array view over part of one cannot be posted.
    const whole = raw.byteOffset === 0 && raw.byteLength === raw.buffer.byteLength ? raw.buffer : new Uint8Array(raw).buffer;
    worker = new Worker(source, { eval: true, workerData: { raw: whole, state: state.buffer, digest: digest.buffer } });
    // Never keeps the process alive, and a failure is seen through `state`.
    worker.unref();
    worker.on('error', () => undefined);
  } catch {
    worker = null;
  }
  let answer: string | null = null;
  return {
    result(): string {
      if (answer !== null) return answer;
      if (worker && waitFor(state, raw.byteLength)) {
        answer = Buffer.from(digest).toString('hex');
      } else {
        void worker?.terminate();
        const view = Buffer.from(raw.buffer, raw.byteOffset, raw.byteLength);
        answer = sha256Hex(isGzip(raw) ? gunzipSync(view) : view);
      }
      return answer;
    },
  };
}

/** True when the worker finished; false when it failed, timed out or this thread may not wait. */
function waitFor(state: Int32Array, bytes: number): boolean {
  // SHA-256 and gunzip run well above 50 MB/s even on a slow machine; a worker that has not
  // started or finished by then is not coming.
  const deadline = performance.now() + 2_000 + bytes / 50_000;
  try {
    for (;;) {
      const s = Atomics.load(state, 0);
      if (s !== PENDING) return s === DONE;
      const left = deadline - performance.now();
      if (left <= 0) return false;
      Atomics.wait(state, 0, PENDING, left);
    }
  } catch {
    // Atomics.wait is refused on threads that must not block (a browser's main thread).
    return false;
  }
}
