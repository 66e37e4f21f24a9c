// Drives a PaperRun: steps its feed in committed batches, at the wall clock's pace or as fast as
// the machine goes, raises the alerts its committed log carries, and stops on request, at a
// market time, or on an error. The CLI's `paper` and the app's strategy runs both use it.

import type { Alert } from '../alerts/alert';
import { entryAlert } from './run-monitor';
import type { CommittedBatch, PaperRun } from './paper-run';

export interface PaperRunnerOptions {
  readonly speed: 'realtime' | 'max';
  /** Market events per committed batch. */
  readonly batch: number;
  /** Stop when the market reaches this time (ms). */
  readonly until?: number;
  /** Hears every committed batch (fills, log lines), after it is durable. */
  readonly onBatch?: (batch: CommittedBatch) => void;
  /** Where alerts go (the hub: rate-limited, never blocking). */
  readonly raise: (alert: Alert) => void;
  /**
   * At max speed a forward test covers days in minutes: its trade and condition alerts stay in
   * the log unless this is set (the CLI sets it when the trader gave a webhook for the run).
   */
  readonly alertsAtMaxSpeed?: boolean;
}

export type RunnerEnd = { readonly reason: 'stopped' | 'until' } | { readonly reason: 'error'; readonly error: Error };

export class PaperRunner {
  private stopping = false;
  readonly done: Promise<RunnerEnd>;

  constructor(
    readonly run: PaperRun,
    private readonly o: PaperRunnerOptions,
  ) {
    this.done = this.loop();
  }

  /** Asks the loop to stop after the batch in progress; `done` resolves when it has. */
  stop(): Promise<RunnerEnd> {
    this.stopping = true;
    return this.done;
  }

  /** Reports a batch: alerts from its committed log lines, then the listener. */
  report(batch: CommittedBatch): void {
    if (this.o.speed === 'realtime' || this.o.alertsAtMaxSpeed) {
      for (const entry of batch.log) {
        const alert = entryAlert(entry);
        if (alert) this.o.raise(alert);
      }
    }
    this.o.onBatch?.(batch);
  }

  private async loop(): Promise<RunnerEnd> {
    // Let the caller finish wiring before the first batch.
    await new Promise((r) => setImmediate(r));
    try {
      while (!this.stopping) {
        const next = this.run.nextEventTs();
        if (this.o.until !== undefined && next >= this.o.until) return { reason: 'until' };
        if (this.o.speed === 'realtime' && next > Date.now()) {
          await new Promise((r) => setTimeout(r, 20));
          continue;
        }
        // Realtime: only what is due, the market never runs ahead of the wall clock.
        const before = Math.min(this.o.until ?? Infinity, this.o.speed === 'realtime' ? Date.now() + 1 : Infinity);
        this.report(this.run.step(this.o.batch, before));
        // Let signals, requests and timers in between batches.
        await new Promise((r) => setImmediate(r));
      }
      return { reason: 'stopped' };
    } catch (error) {
      return { reason: 'error', error: error instanceof Error ? error : new Error(String(error)) };
    }
  }
}
