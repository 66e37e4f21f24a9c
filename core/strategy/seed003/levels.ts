// Value-area levels as prices for the setups. The profile reports bin low edges (ticks); the
// value area spans from the low edge of the VAL bin to the top of the VAH bin, and the POC is
// read at the middle of its bin.

import type { FeatureRow } from '../../features/minute-feature-stream';

export interface ValueAreaPrices {
  readonly vah: number;
  readonly val: number;
  readonly poc: number;
}

export function valueAreaPrices(f: FeatureRow): ValueAreaPrices | null {
  if (!Number.isFinite(f.vah) || !Number.isFinite(f.val) || !Number.isFinite(f.poc) || !(f.bin_width > 0)) return null;
  return { vah: f.vah + f.bin_width, val: f.val, poc: f.poc + Math.floor(f.bin_width / 2) };
}

export type ConfirmMode = 'either' | 'both' | 'of' | 'qimb';

/**
 * Initiative confirmation: order flow and/or quote imbalance past their thresholds in the
 * trade's direction. `passes(x, min)` is the comparison the setup uses (> for A, >= for B...).
 */
export function confirmed(
  mode: ConfirmMode,
  useQimb: boolean,
  of: number,
  qimb: number,
  ofPasses: (of: number) => boolean,
  qimbPasses: (qimb: number) => boolean,
): boolean {
  return confirmedBy(mode, useQimb, Number.isFinite(of) && ofPasses(of), useQimb && Number.isFinite(qimb) && qimbPasses(qimb));
}

/**
 * confirmed() from the two tests already made: `ofOk` (OF finite and past its threshold) and
 * `qimbOk` (qimb in use, finite and past its threshold). No closures, for per-minute callers.
 */
export function confirmedBy(mode: ConfirmMode, useQimb: boolean, ofOk: boolean, qimbOk: boolean): boolean {
  if (!useQimb || mode === 'of') return ofOk;
  if (mode === 'qimb') return qimbOk;
  return mode === 'both' ? ofOk && qimbOk : ofOk || qimbOk;
}
