// Reading a footprint bar the way FOOTPRINT.md describes: diagonal bid/ask imbalances, stacked
// imbalance zones, and unfinished auctions at the bar's high and low.

import { DEFAULT_FOOTPRINT_CONFIG, type FootprintConfig } from './config';
import { rowPrice, type FootprintBar } from './footprint';

/** Flag bits per row: a row can be both (buyers lifted it and sellers hit it, diagonally). */
export const BUY_IMBALANCE = 1;
export const SELL_IMBALANCE = 2;

/**
 * Diagonal imbalances, one flag byte per row:
 * - buy at row r when ask(r) >= ratio * bid(r - 1) (the buyer lifting the offer at p meets the
 *   seller hitting the bid one level lower);
 * - sell at row r when bid(r) >= ratio * ask(r + 1).
 * The dominant cell must also be > 0 and >= minVolume. A counterpart level outside the bar's
 * range is not compared (there is nothing to compare with, and flagging every bar's extreme
 * would be noise); an empty counterpart inside the range counts as infinitely outweighed.
 */
export function diagonalImbalances(bar: FootprintBar, ratio: number, minVolume: number): Uint8Array {
  const rows = bar.volume.length;
  const flags = new Uint8Array(rows);
  for (let r = 0; r < rows; r++) {
    const ask = bar.ask[r]!;
    if (r > 0 && ask > 0 && ask >= minVolume && ask >= ratio * bar.bid[r - 1]!) flags[r]! |= BUY_IMBALANCE;
    const bid = bar.bid[r]!;
    if (r < rows - 1 && bid > 0 && bid >= minVolume && bid >= ratio * bar.ask[r + 1]!) flags[r]! |= SELL_IMBALANCE;
  }
  return flags;
}

export interface StackedImbalance {
  /** 1: buy imbalances (support afterwards), -1: sell imbalances (resistance). */
  readonly side: 1 | -1;
  readonly fromRow: number;
  readonly toRow: number;
  /** Low-edge prices (ticks) of the lowest and highest level of the zone. */
  readonly fromPrice: number;
  readonly toPrice: number;
  readonly levels: number;
}

/** Runs of >= minLevels consecutive rows carrying the same imbalance flag, low to high. */
export function stackedImbalances(bar: FootprintBar, flags: Uint8Array, minLevels: number): StackedImbalance[] {
  const zones: StackedImbalance[] = [];
  for (const [bit, side] of [
    [BUY_IMBALANCE, 1],
    [SELL_IMBALANCE, -1],
  ] as const) {
    let runStart = -1;
    for (let r = 0; r <= flags.length; r++) {
      const on = r < flags.length && (flags[r]! & bit) !== 0;
      if (on && runStart < 0) runStart = r;
      if (!on && runStart >= 0) {
        const levels = r - runStart;
        if (levels >= minLevels) {
          zones.push({ side, fromRow: runStart, toRow: r - 1, fromPrice: rowPrice(bar, runStart), toPrice: rowPrice(bar, r - 1), levels });
        }
        runStart = -1;
      }
    }
  }
  return zones.sort((a, b) => a.fromRow - b.fromRow || b.side - a.side);
}

/**
 * Unfinished auction at an extreme: volume on both the bid and the ask at the bar's highest
 * (lowest) level; a finished auction has zero on one side there.
 */
export function unfinishedAuction(bar: FootprintBar): { readonly atHigh: boolean; readonly atLow: boolean } {
  const top = bar.volume.length - 1;
  return {
    atHigh: bar.bid[top]! > 0 && bar.ask[top]! > 0,
    atLow: bar.bid[0]! > 0 && bar.ask[0]! > 0,
  };
}

export interface FootprintReading {
  readonly imbalances: Uint8Array;
  readonly stacked: StackedImbalance[];
  readonly unfinishedHigh: boolean;
  readonly unfinishedLow: boolean;
}

export function readFootprint(bar: FootprintBar, config: FootprintConfig = DEFAULT_FOOTPRINT_CONFIG): FootprintReading {
  const imbalances = diagonalImbalances(bar, config.imbalanceRatio, config.imbalanceMinVolume);
  const unfinished = unfinishedAuction(bar);
  return {
    imbalances,
    stacked: stackedImbalances(bar, imbalances, config.stackedMinLevels),
    unfinishedHigh: unfinished.atHigh,
    unfinishedLow: unfinished.atLow,
  };
}
