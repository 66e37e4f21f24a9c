// Fans alerts out to the sinks (Discord, desktop/UI), holding back repeats of the same kind
// within a window so a flapping condition does not flood the trader; trades always go through.

import type { Alert, AlertKind, AlertSink } from './alert';

const ALWAYS: ReadonlySet<AlertKind> = new Set(['trade-open', 'trade-close', 'strategy-start', 'strategy-stop', 'daily-loss']);

export class AlertHub {
  private readonly lastByKind = new Map<AlertKind, number>();
  private sinks: readonly AlertSink[];
  /** Kinds the trader turned on (null: all). */
  private enabled: ReadonlySet<AlertKind> | null = null;

  constructor(
    sinks: readonly AlertSink[],
    private readonly repeatWindowMs = 60_000,
  ) {
    this.sinks = [...sinks];
  }

  /** Settings entry point: only these kinds are raised from now on (null: every kind). */
  setEnabled(kinds: Iterable<AlertKind> | null): void {
    this.enabled = kinds === null ? null : new Set(kinds);
  }

  /** Settings entry point: replaces the sink of that name (e.g. "discord"), or removes it with null. */
  setSink(name: string, sink: AlertSink | null): void {
    this.sinks = [...this.sinks.filter((s) => s.name !== name), ...(sink ? [sink] : [])];
  }

  raise(alert: Alert): boolean {
    if (this.enabled && !this.enabled.has(alert.kind)) return false;
    if (!ALWAYS.has(alert.kind)) {
      const last = this.lastByKind.get(alert.kind);
      if (last !== undefined && alert.ts - last < this.repeatWindowMs) return false;
      this.lastByKind.set(alert.kind, alert.ts);
    }
    for (const sink of this.sinks) sink.deliver(alert);
    return true;
  }
}
