// A sequence lock over one Int32 slot of a SharedArrayBuffer: the single writer makes the
// counter odd while it writes and even when done; a reader retries until it saw the same even
// value before and after reading, so it never acts on a half-written update.

export class SeqLock {
  constructor(
    private readonly control: Int32Array,
    private readonly index = 0,
  ) {}

  write(fn: () => void): void {
    Atomics.add(this.control, this.index, 1);
    try {
      fn();
    } finally {
      Atomics.add(this.control, this.index, 1);
    }
  }

  /** Runs `fn` until it completes without a concurrent write; throws after `maxAttempts`. */
  read<T>(fn: () => T, maxAttempts = 10_000): T {
    for (let attempt = 0; attempt < maxAttempts; attempt++) {
      const before = Atomics.load(this.control, this.index);
      if ((before & 1) === 1) continue;
      const value = fn();
      if (Atomics.load(this.control, this.index) === before) return value;
    }
    throw new Error('seqlock: the writer kept the snapshot busy; no consistent read');
  }

  /** Even counter value of the latest completed write (0 before any). */
  get version(): number {
    return Atomics.load(this.control, this.index) & ~1;
  }
}
