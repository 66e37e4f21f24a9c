// How far an import has got, by rows and bytes read, reported at most every `everyMs` so a
// progress bar can follow a file of millions of lines without slowing the parse: the clock is
// read only once every CHECK_EVERY_ROWS rows.

export interface ImportFileProgress {
  readonly stage: 'reading' | 'writing';
  /** Lines read so far (header and skipped lines included): what a trader can check in an editor. */
  readonly rows: number;
  /** Of the (gunzipped) content. */
  readonly bytesRead: number;
  readonly totalBytes: number;
}

export type ImportProgressListener = (progress: ImportFileProgress) => void;

export const CHECK_EVERY_ROWS = 4096;
export const DEFAULT_PROGRESS_EVERY_MS = 100;

export class ProgressThrottle {
  private nextCheck = CHECK_EVERY_ROWS;
  private last: number;

  constructor(
    private readonly listener: ImportProgressListener | undefined,
    private readonly totalBytes: number,
    private readonly everyMs = DEFAULT_PROGRESS_EVERY_MS,
    private readonly clock: () => number = Date.now,
  ) {
    this.last = clock();
  }

  /** Rows seen so far (the last row number passed to `row`). */
  rows = 0;

  /** After each row; cheap unless a report is due. */
  row(rows: number, bytesRead: number): void {
    this.rows = rows;
    if (rows < this.nextCheck || !this.listener) return;
    this.nextCheck = rows + CHECK_EVERY_ROWS;
    const now = this.clock();
    if (now - this.last < this.everyMs) return;
    this.last = now;
    this.listener({ stage: 'reading', rows, bytesRead: Math.min(bytesRead, this.totalBytes), totalBytes: this.totalBytes });
  }
}
