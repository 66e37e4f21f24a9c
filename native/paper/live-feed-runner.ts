// Drives a PaperRun on a live feed (the local exchange simulator or an exchange through ccxt):
// each batch the feed delivers is written ahead and processed by the run (PaperRun.ingest), its
// committed alerts raised, and the feed's own health (stale, reconnecting) reported. Stops on
// request, when the market reaches `until`, or on an error.

import type { MarketEvent } from '../../core/market/events';
import type { Alert } from '../alerts/alert';
import type { MarketFeed } from '../feeds/feed';
import type { CommittedBatch, PaperRun } from './paper-run';
import type { RunnerEnd } from './paper-runner';
import { entryAlert } from './run-monitor';

export interface LiveFeedRunnerOptions {
  /** Stop when the market reaches this time (ms); events from then on are not processed. */
  readonly until?: number;
  readonly onBatch?: (batch: CommittedBatch) => void;
  readonly raise: (alert: Alert) => void;
  /** The run's clock: when a batch arrived (default: the host's wall clock). */
  readonly now?: () => number;
  /** Releases the feed (closes its client, and a simulator started for it). */
  readonly close: () => Promise<void>;
}

const eventTs = (e: MarketEvent): number => (e.kind === 'trade' ? e.trade.ts : e.quote.ts);

export class LiveFeedRunner {
  readonly done: Promise<RunnerEnd>;
  private finish!: (end: RunnerEnd) => void;
  private ended = false;

  constructor(
    readonly run: PaperRun,
    private readonly feed: MarketFeed,
    private readonly o: LiveFeedRunnerOptions,
  ) {
    this.done = new Promise<RunnerEnd>((resolve) => (this.finish = resolve));
    feed.start({
      onEvents: (events) => this.onEvents(events),
      onState: (state, message) => {
        if (state === 'stale') this.o.raise({ kind: 'feed-stale', ts: Date.now(), title: `Feed stale: ${feed.source} (${run.name})`, message });
      },
    });
  }

  stop(): Promise<RunnerEnd> {
    void this.end({ reason: 'stopped' });
    return this.done;
  }

  report(batch: CommittedBatch): void {
    for (const entry of batch.log) {
      const alert = entryAlert(entry);
      if (alert) this.o.raise(alert);
    }
    this.o.onBatch?.(batch);
  }

  private onEvents(events: readonly MarketEvent[]): void {
    if (this.ended) return;
    const until = this.o.until;
    const due = until === undefined ? events : events.filter((e) => eventTs(e) < until);
    try {
      if (due.length > 0) this.report(this.run.ingest(due, (this.o.now ?? Date.now)()));
    } catch (error) {
      void this.end({ reason: 'error', error: error instanceof Error ? error : new Error(String(error)) });
      return;
    }
    if (due.length < events.length) void this.end({ reason: 'until' });
  }

  private async end(end: RunnerEnd): Promise<void> {
    if (this.ended) return;
    this.ended = true;
    await this.o.close().catch(() => undefined);
    this.finish(end);
  }
}
