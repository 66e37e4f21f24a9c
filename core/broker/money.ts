// Quantity rounding, quote-currency money and position averaging for the paper broker.
// Quantities are snapped to the size step after every operation so float dust never accumulates.

import { decimalsOf, type Instrument } from '../market/instrument';

/** Snaps a quantity to the nearest multiple of step (used after adding two on-step quantities). */
export function snapQty(qty: number, step: number): number {
  return Number((Math.round(qty / step) * step).toFixed(decimalsOf(step)));
}

/** Rounds a quantity down to a multiple of step; the 1e-9 guards 0.3/0.1 = 2.9999999999999996. */
export function floorQty(qty: number, step: number): number {
  return Number((Math.floor(qty / step + 1e-9) * step).toFixed(decimalsOf(step)));
}

export function isOnStep(qty: number, step: number): boolean {
  return Math.abs(qty / step - Math.round(qty / step)) < 1e-9;
}

/** Quote-currency value of `ticks` price units on `qty` contracts. */
export function quoteValue(ticks: number, qty: number, inst: Instrument): number {
  return ticks * inst.tickSize * inst.contractSize * qty;
}

export interface PositionCore {
  /** Signed contracts. */
  qty: number;
  /** Average entry in ticks, 0 when flat. */
  avgEntry: number;
}

export interface PositionChange {
  readonly next: PositionCore;
  /** Gross PnL realised by the closing part of the fill. */
  readonly realized: number;
}

/**
 * Applies a signed fill to a position: the closing part realises PnL against the average entry,
 * an increasing part re-averages, and a fill that crosses zero opens the rest at the fill price.
 */
export function applyFill(pos: PositionCore, signedQty: number, price: number, inst: Instrument): PositionChange {
  const step = inst.sizeStep;
  const q = pos.qty;
  if (q === 0 || Math.sign(q) === Math.sign(signedQty)) {
    const qty = snapQty(q + signedQty, step);
    if (q === 0) return { next: { qty, avgEntry: price }, realized: 0 };
    // Weights in whole size steps keep the average exact when it is a whole number of ticks.
    const held = Math.round(q / step);
    const added = Math.round(signedQty / step);
    const avgEntry = (held * pos.avgEntry + added * price) / (held + added);
    return { next: { qty, avgEntry }, realized: 0 };
  }
  const closing = Math.min(Math.abs(q), Math.abs(signedQty));
  const realized = quoteValue(price - pos.avgEntry, closing * Math.sign(q), inst);
  const qty = snapQty(q + signedQty, step);
  if (qty === 0) return { next: { qty: 0, avgEntry: 0 }, realized };
  // Still on the same side: the average of what remains is unchanged; crossed: the rest opened here.
  const avgEntry = Math.sign(qty) === Math.sign(q) ? pos.avgEntry : price;
  return { next: { qty, avgEntry }, realized };
}

export function unrealizedPnl(pos: PositionCore, mark: number | null, inst: Instrument): number {
  if (pos.qty === 0 || mark === null) return 0;
  return quoteValue(mark - pos.avgEntry, pos.qty, inst);
}
