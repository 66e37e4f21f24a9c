// Stop management arithmetic of seed 000: break-even after a 1.5 ATR move, a tighter lock-in after
// the first target. Prices are ticks; results are whole ticks rounded toward protecting more.

import type { Side } from '../broker/types';

/** True once price has moved `atrMultiple` ATRs in favour of the position (seed 000: 1.5). */
export function breakEvenDue(side: Side, avgEntry: number, price: number, atrTicks: number, atrMultiple = 1.5): boolean {
  const favourable = side === 'buy' ? price - avgEntry : avgEntry - price;
  return atrTicks > 0 && favourable >= atrTicks * atrMultiple;
}

/**
 * A stop locked `atrFraction` ATRs beyond the average entry (seed 000: 0.1 for break-even, 0.25
 * after the first target). Rounded away from the entry so the lock never gives back a tick.
 */
export function lockInStop(side: Side, avgEntry: number, atrTicks: number, atrFraction: number): number {
  return side === 'buy' ? Math.ceil(avgEntry + atrTicks * atrFraction) : Math.floor(avgEntry - atrTicks * atrFraction);
}

/** Stops only ever tighten: a long keeps the higher stop, a short the lower. */
export function tighterStop(side: Side, current: number, proposed: number): number {
  return side === 'buy' ? Math.max(current, proposed) : Math.min(current, proposed);
}
