// Stop arithmetic of seed 000's position management, in ticks: a lock beyond the average entry
// and the rule that a stop only ever tightens.

import type { Side } from '../types';

/** Stop `atrFraction` ATRs beyond the entry in the trade's favour, rounded to protect more. */
export function lockStop(side: Side, avgEntry: number, atr: number, atrFraction: number): number {
  return side === 'long' ? Math.ceil(avgEntry + atr * atrFraction) : Math.floor(avgEntry - atr * atrFraction);
}

/** True when `proposed` protects more than `current` (any stop beats none). */
export function tightens(side: Side, current: number, proposed: number): boolean {
  if (!Number.isFinite(current)) return true;
  return side === 'long' ? proposed > current : proposed < current;
}
