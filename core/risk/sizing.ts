// Position sizing: a fixed number of contracts (seed 003) or a risk percent of balance capped by a
// maximum notional (seed 000), always rounded down to the instrument's size step.

import { floorQty } from '../broker/money';
import type { Instrument } from '../market/instrument';

export type SizingRule =
  | { readonly kind: 'fixed'; readonly contracts: number }
  | {
      readonly kind: 'risk-percent';
      /** Percent of balance lost if the stop fills at its price (0.5 = 0.5 %). */
      readonly riskPercent: number;
      /** Cap on entry notional in quote currency (null: none). */
      readonly maxNotional: number | null;
      /** Cap on entry notional as a percent of balance (seed 000: 10). Null: none. */
      readonly maxNotionalPercent: number | null;
      /**
       * Taker fee bps counted into the risk per contract (entry and stop both pay it), so the loss at
       * the stop including fees stays within the budget. 0 ignores fees, as the seed formula does.
       */
      readonly feeBps: number;
    };

export interface SizeResult {
  /** Contracts, a multiple of sizeStep; 0 means "too small to trade". */
  readonly qty: number;
  /** Loss at the stop for qty, fees included when the rule counts them. */
  readonly riskAmount: number;
  readonly notional: number;
  /** True when a notional cap, not the risk budget, set the size. */
  readonly capped: boolean;
}

/**
 * qty = balance * riskPercent/100 / (|entry - stop| * tickSize * contractSize [+ fees per contract]),
 * capped so qty * entry * tickSize * contractSize <= the notional caps, then floored to sizeStep.
 * Prices are ticks. A fixed rule ignores balance and stop and is only floored to the step.
 */
export function positionSize(rule: SizingRule, balance: number, entry: number, stop: number, inst: Instrument): SizeResult {
  const unit = inst.tickSize * inst.contractSize;
  const feePerContract = rule.kind === 'risk-percent' ? ((entry + stop) * unit * rule.feeBps) / 10_000 : 0;
  const riskPerContract = Math.abs(entry - stop) * unit + feePerContract;
  if (rule.kind === 'fixed') {
    const qty = floorQty(rule.contracts, inst.sizeStep);
    return { qty, riskAmount: qty * riskPerContract, notional: qty * entry * unit, capped: false };
  }
  const budget = (balance * rule.riskPercent) / 100;
  let raw = riskPerContract > 0 ? budget / riskPerContract : 0;
  let capped = false;
  const caps = [rule.maxNotional, rule.maxNotionalPercent === null ? null : (balance * rule.maxNotionalPercent) / 100];
  for (const cap of caps) {
    if (cap === null || entry <= 0) continue;
    const capQty = cap / (entry * unit);
    if (capQty < raw) {
      raw = capQty;
      capped = true;
    }
  }
  const qty = floorQty(Math.max(0, raw), inst.sizeStep);
  return { qty, riskAmount: qty * riskPerContract, notional: qty * entry * unit, capped };
}
