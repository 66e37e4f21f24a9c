// The defense layer (seed 004, seed 003 §7): every entry candidate passes a pipeline of
// filters (market state) and blockers (risk and structure rules); the first one that refuses
// it gives its reason code, which the signals table records beside the candidate.

import type { FeatureRow } from '../../features/minute-feature-stream';
import type { Bar } from '../../market/bars';
import type { Intent, Side } from '../types';

export interface ClosedTradeSummary {
  readonly side: Side;
  readonly exitTs: number;
  /** Net PnL in quote currency. */
  readonly pnl: number;
}

export interface Candidate {
  /** Decision time, UTC ms. */
  readonly ts: number;
  readonly intent: Extract<Intent, { kind: 'enter' }>;
  /** The price the decision is taken at (the bar close), ticks. */
  readonly price: number;
  readonly bar: Bar;
  readonly features: FeatureRow;
  /** Closed trades so far, oldest first. */
  readonly closedTrades: readonly ClosedTradeSummary[];
  /** Time since the last market event, ms (0 in backtests; live feeds report it). */
  readonly dataAgeMs: number;
}

export type Verdict = { readonly pass: true } | { readonly pass: false; readonly reason: string };

export interface Guard {
  /** Stable name, e.g. "session", "cooldown": shown in settings and logs. */
  readonly id: string;
  check(candidate: Candidate): Verdict;
}

export const PASS: Verdict = { pass: true };
export const refuse = (reason: string): Verdict => ({ pass: false, reason });
