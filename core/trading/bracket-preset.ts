// A one-click bracket preset (stop and targets as distances from the entry) turned into the
// prices of a bracket. Traders set the stop in ticks or points (price units) and the targets in
// ticks, points or R, the multiple of the stop distance (2R = twice as far as the stop).

import type { Side, TargetSpec } from '../broker/types';

export type StopUnit = 'ticks' | 'points';
export type TargetUnit = StopUnit | 'R';

export interface BracketPreset {
  readonly stop: number;
  readonly stopUnit: StopUnit;
  readonly targetUnit: TargetUnit;
  /** Distances in targetUnit with the share of the quantity each closes (shares sum to at most 1). */
  readonly targets: readonly { readonly distance: number; readonly share: number }[];
}

export interface BracketPrices {
  readonly stopPrice: number;
  readonly targets: readonly TargetSpec[];
}

/** A distance in ticks, at least one tick: a stop or target at the entry price protects nothing. */
function toTicks(distance: number, unit: StopUnit, tickSize: number): number {
  const ticks = unit === 'points' ? distance / tickSize : distance;
  return Math.max(1, Math.round(ticks + 1e-9));
}

/** The stop distance in whole ticks. */
export function stopDistanceTicks(preset: BracketPreset, tickSize: number): number {
  return toTicks(preset.stop, preset.stopUnit, tickSize);
}

/** Target distances in whole ticks (R multiplies the stop distance after it was rounded to ticks). */
export function targetDistancesTicks(preset: BracketPreset, tickSize: number): number[] {
  const stopTicks = stopDistanceTicks(preset, tickSize);
  return preset.targets.map((t) => (preset.targetUnit === 'R' ? Math.max(1, Math.round(t.distance * stopTicks + 1e-9)) : toTicks(t.distance, preset.targetUnit, tickSize)));
}

/** Stop and target prices (ticks) of a `side` entry expected at `entryRef` (ticks). */
export function bracketPrices(preset: BracketPreset, side: Side, entryRef: number, tickSize: number): BracketPrices {
  const dir = side === 'buy' ? 1 : -1;
  const distances = targetDistancesTicks(preset, tickSize);
  return {
    stopPrice: entryRef - dir * stopDistanceTicks(preset, tickSize),
    targets: preset.targets.map((t, i) => ({ price: entryRef + dir * (distances[i] ?? 0), share: t.share })),
  };
}
