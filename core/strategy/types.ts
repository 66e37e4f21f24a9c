// The strategy API: at each closed 1m bar a strategy sees the bar, the seed 003 feature row,
// recent history and its position, and answers with intents. It never knows whether it runs in
// a backtest, a replay or live paper trading (DESIGN.md §2).

import type { z } from 'zod';
import type { Bar } from '../market/bars';
import type { Instrument } from '../market/instrument';
import type { Timeframe } from '../market/timeframes';
import type { FeatureRow } from '../features/minute-feature-stream';

export type Side = 'long' | 'short';

export interface Target {
  /** Price in ticks. */
  readonly price: number;
  /** Share of the position this target closes (the shares of one entry sum to 1). */
  readonly share: number;
}

export type Intent =
  | {
      readonly kind: 'enter';
      readonly side: Side;
      /** Protective stop, ticks: every entry has one. */
      readonly stop: number;
      readonly targets: readonly Target[];
      /** Which setup produced it (signals table strategy_tag). */
      readonly tag: string;
      /** Why, for the signals table and the chart (reason_code). */
      readonly reason: string;
    }
  | { readonly kind: 'exit'; readonly reason: string }
  | { readonly kind: 'move-stop'; readonly price: number; readonly reason: string };

export interface PositionView {
  readonly side: Side | 'flat';
  /** Contracts, positive. */
  readonly qty: number;
  /** Average entry, ticks (NaN when flat). */
  readonly avgEntry: number;
  readonly entryTs: number;
  /** Working stop, ticks (NaN when none). */
  readonly stop: number;
}

/** The last bars and feature rows, oldest first, the current minute last. */
export interface History {
  readonly bars: readonly Bar[];
  readonly features: readonly FeatureRow[];
}

export interface StrategyContext {
  /** Decision time: the end of the bar just closed, UTC ms. */
  readonly ts: number;
  readonly instrument: Instrument;
  readonly bar: Bar;
  readonly features: FeatureRow;
  readonly history: History;
  readonly position: PositionView;
}

/** One candidate a setup evaluated this minute: the signals table of seed 003 §3.3. */
export interface SignalRecord {
  readonly ts: number;
  readonly flags: Readonly<Record<string, boolean>>;
  /** Seed 003 acceptance state: closes outside value so far (+ above VAH, − below VAL). */
  readonly acceptanceState: number;
}

export interface Strategy {
  /** Called once per closed minute, in time order. */
  onMinute(ctx: StrategyContext): readonly Intent[];
  /** What the setups saw this minute (for the signals table). */
  lastSignals?(): SignalRecord | null;
}

export interface StrategyDefinition<S extends z.ZodType = z.ZodType> {
  readonly id: string;
  readonly name: string;
  readonly description: string;
  /** Parameters with defaults from the seed; the backtest form is built from this schema. */
  readonly params: S;
  /** How many closed minutes of history it needs in the context. */
  readonly historyMinutes: number;
  /**
   * Bar timeframes a bar-mode backtest may run it on (default 1m only): one whose rules are
   * written on candles of its own (seed 000's 15m route) also runs on klines of those candles.
   */
  readonly barTimeframes?: readonly Timeframe[];
  /** Why it needs 1m bars, for the refusal when asked to run on others. */
  readonly needsOneMinuteBecause?: string;
  create(params: z.output<S>): Strategy;
}
