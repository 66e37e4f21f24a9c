// Bracket arithmetic: checking that stop and targets sit on the right sides, and splitting the
// entry quantity across take-profits on the size step.

import { floorQty, snapQty } from './money';
import type { BracketRequest, RejectReason, Side, TargetSpec } from './types';

/**
 * Quantity of each target: share * qty rounded down to the step, the last target taking what the
 * shares add up to so a 50/50 split of an odd number of steps still closes everything. A target
 * whose share rounds to nothing gets 0 (the caller skips it; the stop still covers that quantity).
 */
export function splitTargets(qty: number, targets: readonly TargetSpec[], step: number): number[] {
  const total = targets.reduce((a, t) => a + t.share, 0);
  const wanted = floorQty(qty * Math.min(total, 1) + 1e-12, step);
  const out: number[] = [];
  let given = 0;
  targets.forEach((t, i) => {
    const q = i === targets.length - 1 ? snapQty(wanted - given, step) : floorQty(qty * t.share, step);
    out.push(Math.max(0, q));
    given = snapQty(given + q, step);
  });
  return out;
}

export interface BracketProblem {
  readonly reason: RejectReason;
  readonly message: string;
}

/**
 * Validates a bracket's geometry. entryRef is the price the entry is expected near (its limit or
 * stop price, else the current mark); when it is unknown only stop-vs-target ordering is checked.
 */
export function bracketProblem(req: BracketRequest, entryRef: number | null, requireStop: boolean): BracketProblem | null {
  const dir = req.side === 'buy' ? 1 : -1;
  if (req.stopPrice === null) {
    if (requireStop) return { reason: 'stop-required', message: 'a bracket needs a stop (requireStop)' };
  } else {
    if (!Number.isInteger(req.stopPrice)) return { reason: 'bad-price', message: 'stop price must be integer ticks' };
    if (entryRef !== null && (req.stopPrice - entryRef) * dir >= 0) {
      return { reason: 'stop-wrong-side', message: `stop ${req.stopPrice} is not ${dir > 0 ? 'below' : 'above'} the entry ${entryRef}` };
    }
  }
  let shares = 0;
  for (const t of req.targets) {
    if (!Number.isInteger(t.price)) return { reason: 'bad-price', message: 'target price must be integer ticks' };
    if (!(t.share > 0)) return { reason: 'bad-target-shares', message: 'each target share must be > 0' };
    shares += t.share;
    const wrongVsEntry = entryRef !== null && (t.price - entryRef) * dir <= 0;
    const wrongVsStop = req.stopPrice !== null && (t.price - req.stopPrice) * dir <= 0;
    if (wrongVsEntry || wrongVsStop) return { reason: 'target-wrong-side', message: `target ${t.price} is not on the profit side` };
  }
  if (shares > 1 + 1e-9) return { reason: 'bad-target-shares', message: `target shares add up to ${shares} > 1` };
  return null;
}

export function opposite(side: Side): Side {
  return side === 'buy' ? 'sell' : 'buy';
}

export function sideSign(side: Side): 1 | -1 {
  return side === 'buy' ? 1 : -1;
}
