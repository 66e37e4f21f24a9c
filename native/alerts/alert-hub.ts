// Fans alerts out to the sinks (Discord, desktop/UI), holding back repeats of the same kind
// within a window so a flapping condition does not flood the trader; trades always go through.

import type { Alert, AlertKind, AlertSink } from './alert';

const ALWAYS: ReadonlySet<AlertKind> = new Set(['trade-open', 'trade-close', 'strategy-start', 'strategy-stop', 'daily-loss']);

export class AlertHub {
  private readonly lastByKind = new Map<AlertKind, number>();

  constructor(
    private readonly sinks: readonly AlertSink[],
    private readonly repeatWindowMs = 60_000,
  ) {}

  raise(alert: Alert): boolean {
    if (!ALWAYS.has(alert.kind)) {
      const last = this.lastByKind.get(alert.kind);
      if (last !== undefined && alert.ts - last < this.repeatWindowMs) return false;
      this.lastByKind.set(alert.kind, alert.ts);
    }
    for (const sink of this.sinks) sink.deliver(alert);
    return true;
  }
}
