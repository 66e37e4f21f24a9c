// What the trader is told about (seed 001, seed 002, seed 003 §11): trades opening and closing,
// strategies starting and stopping, a stale feed, unreliable order flow, no value area, the daily
// loss limit, and price near an LVN.

export type AlertKind =
  | 'trade-open'
  | 'trade-close'
  | 'strategy-start'
  | 'strategy-stop'
  | 'feed-stale'
  | 'ambiguous-flow'
  | 'va-invalid'
  | 'daily-loss'
  | 'near-lvn';

export interface Alert {
  readonly kind: AlertKind;
  readonly ts: number;
  readonly title: string;
  readonly message: string;
}

export interface AlertSink {
  readonly name: string;
  /** Queues the alert; must never block or throw into the trading path. */
  deliver(alert: Alert): void;
}
