// Footprints as the chart shows them: levels grouped into coarser price steps, 1m bars merged
// into a higher timeframe's bar, and the volume profile of a set of footprint bars with its
// POC, value area and high/low volume nodes.

import { localVolumeNodes, type LocalNodeOptions } from './volume-nodes';
import { computeValueArea, DEFAULT_VA_FRACTION } from './value-area';

/** Footprint levels for the chart: one USD for BTC (10 ticks of 0.1), one tick elsewhere. */
export function defaultFootprintLevelTicks(tickSize: number): number {
  return tickSize < 1 ? Math.max(1, Math.round(1 / tickSize)) : 1;
}

/**
 * The smallest of `steps` (in footprint levels) whose rows are at least `minRowPx` tall when a
 * level is `levelPx` pixels: the automatic price step.
 */
export function autoPriceStep(levelPx: number, minRowPx: number, steps: readonly number[]): number {
  for (const s of steps) if (s * levelPx >= minRowPx) return s;
  return steps[steps.length - 1] ?? 1;
}

/**
 * The cells of one footprint bar: row r covers [firstLevelPrice + r*levelTicks, +levelTicks)
 * ticks; bid is volume sold at the bid (sell aggressors), ask volume bought at the ask.
 */
export interface FootprintCellsLike {
  readonly ts: number;
  readonly levelTicks: number;
  readonly firstLevelPrice: number;
  readonly bid: ArrayLike<number>;
  readonly ask: ArrayLike<number>;
}

export interface FootprintCellsView {
  readonly ts: number;
  readonly levelTicks: number;
  readonly firstLevelPrice: number;
  readonly bid: number[];
  readonly ask: number[];
  /** Low edge (ticks) of the row with the most volume (bid + ask), value-area.ts tie rule. */
  readonly pocPrice: number;
}

function withPoc(ts: number, levelTicks: number, firstLevelPrice: number, bid: number[], ask: number[]): FootprintCellsView {
  const volume = bid.map((b, r) => b + ask[r]!);
  const va = computeValueArea(volume);
  const pocRow = va.valid ? va.pocIndex : 0;
  return { ts, levelTicks, firstLevelPrice, bid, ask, pocPrice: firstLevelPrice + pocRow * levelTicks };
}

/**
 * Rows regrouped into levels of `factor` times the bar's level, aligned on multiples of the new
 * level (floor(price / newLevel)), as every profile in the core bins prices. Exact: each old row
 * lies inside exactly one new row, so no volume is split.
 */
export function groupFootprintLevels(bar: FootprintCellsLike, factor: number): FootprintCellsView {
  if (!Number.isInteger(factor) || factor < 1) throw new RangeError(`grouping factor must be a positive integer: ${factor}`);
  const rows = bar.bid.length;
  if (factor === 1 || rows === 0) return withPoc(bar.ts, bar.levelTicks, bar.firstLevelPrice, Array.from(bar.bid), Array.from(bar.ask));
  const level = bar.levelTicks * factor;
  const firstOld = bar.firstLevelPrice / bar.levelTicks;
  const firstNew = Math.floor(firstOld / factor);
  const count = Math.floor((firstOld + rows - 1) / factor) - firstNew + 1;
  const bid = new Array<number>(count).fill(0);
  const ask = new Array<number>(count).fill(0);
  for (let r = 0; r < rows; r++) {
    const to = Math.floor((firstOld + r) / factor) - firstNew;
    bid[to]! += bar.bid[r]!;
    ask[to]! += bar.ask[r]!;
  }
  return withPoc(bar.ts, level, firstNew * level, bid, ask);
}

/** Several bars of the same level size summed level by level into one bar opening at `ts`. */
export function mergeFootprints(bars: readonly FootprintCellsLike[], ts: number): FootprintCellsView | null {
  const first = bars[0];
  if (!first) return null;
  const levelTicks = first.levelTicks;
  let lo = Infinity;
  let hi = -Infinity;
  for (const b of bars) {
    if (b.levelTicks !== levelTicks) throw new RangeError(`cannot merge footprints of ${b.levelTicks} and ${levelTicks} tick levels`);
    if (b.bid.length === 0) continue;
    const l = b.firstLevelPrice / levelTicks;
    lo = Math.min(lo, l);
    hi = Math.max(hi, l + b.bid.length - 1);
  }
  if (lo > hi) return withPoc(ts, levelTicks, first.firstLevelPrice, [], []);
  const bid = new Array<number>(hi - lo + 1).fill(0);
  const ask = new Array<number>(hi - lo + 1).fill(0);
  for (const b of bars) {
    const offset = b.firstLevelPrice / levelTicks - lo;
    for (let r = 0; r < b.bid.length; r++) {
      bid[offset + r]! += b.bid[r]!;
      ask[offset + r]! += b.ask[r]!;
    }
  }
  return withPoc(ts, levelTicks, lo * levelTicks, bid, ask);
}

/** A volume profile on a price grid: volumes[b] covers [firstBinPrice + b*binTicks, +binTicks). */
export interface GridProfile {
  readonly firstBinPrice: number;
  readonly binTicks: number;
  readonly volumes: number[];
}

/** Volume at price (bid + ask per level) of footprint bars sharing one level size. */
export function footprintsProfile(bars: readonly FootprintCellsLike[]): GridProfile | null {
  const merged = mergeFootprints(bars, bars[0]?.ts ?? 0);
  if (!merged) return null;
  return { firstBinPrice: merged.firstLevelPrice, binTicks: merged.levelTicks, volumes: merged.bid.map((b, r) => b + merged.ask[r]!) };
}

/** POC, VAH, VAL (low edges of their bins, ticks) and HVN/LVN bins of a grid profile. */
export interface ProfileReading {
  readonly poc: number;
  readonly vah: number;
  readonly val: number;
  readonly hvn: number[];
  readonly lvn: number[];
}

/**
 * `nodes` are passed to localVolumeNodes: a chart smooths a long profile over a few bins so that
 * only the troughs and peaks a trader sees are marked.
 */
export function readGridProfile(profile: GridProfile, vaFraction: number = DEFAULT_VA_FRACTION, nodes: LocalNodeOptions = {}): ProfileReading | null {
  const va = computeValueArea(profile.volumes, vaFraction);
  if (!va.valid) return null;
  const price = (bin: number): number => profile.firstBinPrice + bin * profile.binTicks;
  const found = localVolumeNodes(profile.volumes, nodes);
  return { poc: price(va.pocIndex), vah: price(va.vahIndex), val: price(va.valIndex), hvn: found.hvn.map(price), lvn: found.lvn.map(price) };
}
