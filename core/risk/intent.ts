// The risk gate between a strategy's entry intent and the broker (seed 003 §7.1: always a stop):
// validates the stop and targets, sizes the trade and hands back a ready bracket, or a reason code.

import type { BracketRequest, EntrySpec, Side, TargetSpec } from '../broker/types';
import type { Instrument } from '../market/instrument';
import { positionSize, type SizingRule } from './sizing';

export interface EntryIntent {
  readonly side: Side;
  /** The price the entry is expected at, in ticks (the decision bar's close, or the limit price). */
  readonly entryPrice: number;
  /** How to enter; a market entry when absent. */
  readonly entry?: EntrySpec;
  readonly stopPrice: number | null;
  readonly targets: readonly TargetSpec[];
  readonly tag?: string;
}

export interface RiskConfig {
  readonly sizing: SizingRule;
  /** Minimum reward-to-risk when targets are given (seed 001: 2); null: no check. */
  readonly minRewardRisk: number | null;
}

export type RiskRejectReason = 'no-balance' | 'missing-stop' | 'stop-wrong-side' | 'target-wrong-side' | 'reward-risk-below-min' | 'zero-size' | 'bad-input';

export type RiskDecision =
  | { readonly ok: true; readonly bracket: BracketRequest; readonly riskAmount: number; readonly notional: number; readonly capped: boolean; readonly rewardRisk: number | null }
  | { readonly ok: false; readonly reason: RiskRejectReason; readonly message: string };

/**
 * Reward-to-risk of a bracket: the share-weighted mean distance to the targets over the distance to
 * the stop, so a 50/50 split at 1R and 3R counts as 2R.
 */
export function rewardRisk(side: Side, entry: number, stop: number, targets: readonly TargetSpec[]): number {
  const dir = side === 'buy' ? 1 : -1;
  const shares = targets.reduce((a, t) => a + t.share, 0);
  const reward = targets.reduce((a, t) => a + t.share * (t.price - entry) * dir, 0) / shares;
  return reward / Math.abs(entry - stop);
}

/** A refusal (a function, not a closure in evaluateEntry: the engine calls that per candidate). */
function no(reason: RiskRejectReason, message: string): RiskDecision {
  return { ok: false, reason, message };
}

export function evaluateEntry(intent: EntryIntent, balance: number, inst: Instrument, cfg: RiskConfig): RiskDecision {
  const { side, entryPrice: entry, stopPrice: stop } = intent;
  const dir = side === 'buy' ? 1 : -1;
  // An account at or below zero cannot size a trade: said apart from malformed input, because a
  // backtest whose account is spent refuses every later candidate with it.
  if (!(balance > 0)) return no('no-balance', `the balance ${balance} is not positive: no entry until the account is funded`);
  if (!Number.isInteger(entry)) return no('bad-input', `entry ${entry} must be integer ticks`);
  if (stop === null) return no('missing-stop', 'every entry needs a stop (seed 003 §7.1)');
  if (!Number.isInteger(stop)) return no('bad-input', `stop ${stop} must be integer ticks`);
  if ((stop - entry) * dir >= 0) return no('stop-wrong-side', `a ${side} needs its stop ${dir > 0 ? 'below' : 'above'} the entry ${entry}, got ${stop}`);
  for (const t of intent.targets) {
    if (!Number.isInteger(t.price) || !(t.share > 0)) return no('bad-input', `target ${t.price} x ${t.share} must be integer ticks with a positive share`);
    if ((t.price - entry) * dir <= 0) return no('target-wrong-side', `target ${t.price} is not on the profit side of ${entry}`);
  }
  const rr = intent.targets.length > 0 ? rewardRisk(side, entry, stop, intent.targets) : null;
  if (rr !== null && cfg.minRewardRisk !== null && rr < cfg.minRewardRisk - 1e-9) {
    return no('reward-risk-below-min', `reward:risk ${rr.toFixed(2)} < ${cfg.minRewardRisk}`);
  }
  const size = positionSize(cfg.sizing, balance, entry, stop, inst);
  if (size.qty <= 0) return no('zero-size', `size rounds down to 0 contracts (step ${inst.sizeStep})`);
  const bracket: BracketRequest = {
    side,
    qty: size.qty,
    entry: intent.entry ?? { type: 'market' },
    stopPrice: stop,
    targets: intent.targets,
    ...(intent.tag !== undefined ? { tag: intent.tag } : {}),
  };
  return { ok: true, bracket, riskAmount: size.riskAmount, notional: size.notional, capped: size.capped, rewardRisk: rr };
}
