// Seed 002's shared readings per closed minute: the Component 1 market state on the rolling
// value area, the Component 3 aggression score, and the LVNs of a leg of bars (Phase 2 step 3).

import { valueAreaMomentumState, stateCode } from '../../auction/market-state';
import { AggressionScorer, type AggressionScore } from '../../flow/aggression';
import type { Bar } from '../../market/bars';
import { candleColumnsFromBars, candleProfileOnTicks } from '../../profile/candle-profile';
import { thresholdVolumeNodes } from '../../profile/volume-nodes';
import type { ValueAreaPrices } from '../seed003/levels';
import type { MeanReversionParams, TrendModelParams } from './params';

type Common = TrendModelParams | MeanReversionParams;

/** +1 IMBALANCE_UP, −1 IMBALANCE_DOWN, 0 BALANCE at the last bar of `bars`. */
export function marketState(bars: readonly Bar[], va: ValueAreaPrices, p: Common): 1 | -1 | 0 {
  const close = bars.slice(-(p.momentum_lookback + 1)).map((b) => b.close);
  const reading = valueAreaMomentumState(close, close.length - 1, va, {
    momentumLookback: p.momentum_lookback,
    maxPocDistancePct: p.max_poc_distance_pct,
    momentumThreshold: p.momentum_threshold_pct,
  });
  return stateCode(reading.state);
}

/**
 * The seed's scorer fed with the bar's exchange-reported aggressor volumes (buy volume, and the
 * delta as the minute's CVD increment), so buy pressure and CVD share one sign source.
 */
export class BarAggression {
  private readonly scorer: AggressionScorer;

  constructor(p: Common) {
    this.scorer = new AggressionScorer({
      lookbackMinutes: p.aggression_lookback_minutes,
      averageVolumeMinutes: p.aggression_average_minutes,
      volumeSpikeRatio: p.volume_spike_ratio,
      cvdMomentumThreshold: p.cvd_momentum_threshold,
      buyPressureThreshold: p.buy_pressure_threshold,
      symmetricPressure: p.symmetric_pressure,
    });
  }

  update(bar: Bar): AggressionScore | null {
    return this.scorer.update(bar.volume, bar.buyVolume, bar.delta);
  }
}

/** True when the score is at least `min` and points the trade's way (+1 BUY, −1 SELL). */
export function aggressive(score: AggressionScore | null, direction: 1 | -1, min: number): boolean {
  return score !== null && score.score >= min && (score.direction === 'BUY') === (direction === 1);
}

/**
 * LVN prices (bin centres, ticks) of the volume profile of `bars`, on the rolling profile's bin
 * width so the leg shares the chart's grid.
 */
export function legLvns(bars: readonly Bar[], binTicks: number, lvnThreshold: number): number[] {
  const profile = candleProfileOnTicks(candleColumnsFromBars(bars), binTicks);
  return thresholdVolumeNodes(profile.volumes, lvnThreshold).lvn.map((b) => profile.firstBinPrice + (b + 0.5) * binTicks);
}

/** The seed's LVN alert: |price − lvn| / lvn below `pct` percent. */
export function nearLvn(price: number, lvn: number, pct: number): boolean {
  return (Math.abs(price - lvn) / lvn) * 100 < pct;
}
