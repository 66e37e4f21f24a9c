// Append-only typed columns: a day of live simulated trades stays a few arrays, not millions
// of objects.

export class GrowableColumn {
  private data: Float64Array;
  length = 0;

  constructor(capacity = 1 << 16) {
    this.data = new Float64Array(capacity);
  }

  push(value: number): void {
    if (this.length === this.data.length) {
      const next = new Float64Array(this.data.length * 2);
      next.set(this.data);
      this.data = next;
    }
    this.data[this.length++] = value;
  }

  /** Overwrites the last value (used to grow the open aggregate trade). */
  setLast(value: number): void {
    if (this.length === 0) throw new RangeError('column is empty');
    this.data[this.length - 1] = value;
  }

  at(index: number): number {
    return this.data[index] as number;
  }

  /** A live view of the filled part; valid until the next push. */
  view(): Float64Array {
    return this.data.subarray(0, this.length);
  }
}
