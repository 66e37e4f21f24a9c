// The 0–100 aggression score of seed 002 Component 3 ("Aggressive Flow Indicator"), computed per
// closed minute from volume, buy-aggressor volume and order flow, exactly as the seed scores it.

export interface AggressionConfig {
  /** Minutes of flow records in the CVD window (seed: lookback_minutes = 5). */
  readonly lookbackMinutes: number;
  /** Minutes averaged for the volume baseline (seed: calculate_average_volume(.., 60)). */
  readonly averageVolumeMinutes: number;
  /**
   * Whether the current minute is part of its own volume baseline. The seed's average is "the
   * last 60 minutes" taken at the same time as the current record, so it includes it (true).
   */
  readonly averageIncludesCurrent: boolean;
  /** Volume spike when volume / average > this (seed: 2.0). */
  readonly volumeSpikeRatio: number;
  /**
   * |cvd_momentum| above this scores (seed: 1000, in the seed's share units; scale it to the
   * instrument's contracts, e.g. a few BTC for BTCUSDT).
   */
  readonly cvdMomentumThreshold: number;
  /** Buy pressure, in percent of the minute's volume, above which it scores (seed: 70). */
  readonly buyPressureThreshold: number;
  /**
   * The seed awards its pressure points only for buying (buy_pressure > 70), so a SELL score tops
   * out at 70. Set true to also award them when sell pressure exceeds the threshold.
   */
  readonly symmetricPressure: boolean;
}

export const SEED002_AGGRESSION: AggressionConfig = {
  lookbackMinutes: 5,
  averageVolumeMinutes: 60,
  averageIncludesCurrent: true,
  volumeSpikeRatio: 2.0,
  cvdMomentumThreshold: 1000,
  buyPressureThreshold: 70,
  symmetricPressure: false,
};

/** Points per condition, as in the seed. */
export const AGGRESSION_POINTS = { volumeSpike: 30, cvdMomentum: 40, pressure: 30 } as const;

export interface AggressionScore {
  /** 0–100. */
  readonly score: number;
  /** 'BUY' when cvd_momentum > 0, else 'SELL' (the seed sends 0 to SELL). */
  readonly direction: 'BUY' | 'SELL';
  readonly volumeSpike: boolean;
  /** Current volume / baseline average (NaN when the baseline is 0). */
  readonly volumeRatio: number;
  /** (cvd_t − cvd_{t−lookback+1}) / lookbackMinutes, per the seed. */
  readonly cvdMomentum: number;
  /** 100 × buyVolume / volume of the current minute, ambiguous volume in the base (NaN at zero volume). */
  readonly buyPressure: number;
}

/** Sum over the last `capacity` values, re-summed at each wrap so float error cannot build up. */
class RingSum {
  private readonly ring: Float64Array;
  private head = 0;
  count = 0;
  sum = 0;

  constructor(capacity: number) {
    this.ring = new Float64Array(capacity);
  }

  push(x: number): void {
    const ring = this.ring;
    if (this.count === ring.length) this.sum -= ring[this.head]!;
    else this.count++;
    ring[this.head] = x;
    this.sum += x;
    if (++this.head === ring.length) {
      this.head = 0;
      let exact = 0;
      for (let i = 0; i < this.count; i++) exact += ring[i]!;
      this.sum = exact;
    }
  }
}

/**
 * Streaming scorer, one `update` per closed minute. Returns null until `lookbackMinutes` minutes
 * have been seen (the CVD change needs its whole window); the volume baseline uses the minutes
 * available, up to `averageVolumeMinutes`, as the seed's query over a short history would.
 */
export class AggressionScorer {
  private readonly config: AggressionConfig;
  private readonly volumes: RingSum;
  private readonly flows: RingSum;
  private minutes = 0;

  constructor(config: Partial<AggressionConfig> = {}) {
    this.config = { ...SEED002_AGGRESSION, ...config };
    const { lookbackMinutes, averageVolumeMinutes } = this.config;
    if (!Number.isInteger(lookbackMinutes) || lookbackMinutes < 2) throw new RangeError('lookbackMinutes must be an integer >= 2');
    if (!Number.isInteger(averageVolumeMinutes) || averageVolumeMinutes < 1) {
      throw new RangeError('averageVolumeMinutes must be an integer >= 1');
    }
    this.volumes = new RingSum(averageVolumeMinutes);
    // cvd[-1] − cvd[0] across `lookback` records is the flow of the last lookback − 1 minutes.
    this.flows = new RingSum(lookbackMinutes - 1);
  }

  /**
   * `of` is the minute's signed flow (its CVD increment) and `buyVolume` its buy-signed volume,
   * both from the same sign source (MinuteFlow's of and buyVolume).
   */
  update(volume: number, buyVolume: number, of: number): AggressionScore | null {
    const c = this.config;
    // Without the current minute, the baseline is read before it is pushed.
    let baselineSum = this.volumes.sum;
    let baselineCount = this.volumes.count;
    this.volumes.push(volume);
    if (c.averageIncludesCurrent) {
      baselineSum = this.volumes.sum;
      baselineCount = this.volumes.count;
    }
    this.flows.push(of);
    if (++this.minutes < c.lookbackMinutes) return null;

    const average = baselineCount > 0 ? baselineSum / baselineCount : NaN;
    const volumeRatio = average > 0 ? volume / average : NaN;
    const cvdMomentum = this.flows.sum / c.lookbackMinutes;
    const buyPressure = volume > 0 ? (100 * buyVolume) / volume : NaN;
    // of = buy − sell when both come from the same MinuteFlow, so sell volume is buy − of; with
    // inferred signs buy and sell need not add up to the volume (ambiguous prints).
    const sellPressure = volume > 0 ? (100 * (buyVolume - of)) / volume : NaN;

    const volumeSpike = volumeRatio > c.volumeSpikeRatio;
    let score = 0;
    if (volumeSpike) score += AGGRESSION_POINTS.volumeSpike;
    if (Math.abs(cvdMomentum) > c.cvdMomentumThreshold) score += AGGRESSION_POINTS.cvdMomentum;
    if (buyPressure > c.buyPressureThreshold || (c.symmetricPressure && sellPressure > c.buyPressureThreshold)) {
      score += AGGRESSION_POINTS.pressure;
    }
    return {
      score: Math.min(score, 100),
      direction: cvdMomentum > 0 ? 'BUY' : 'SELL',
      volumeSpike,
      volumeRatio,
      cvdMomentum,
      buyPressure,
    };
  }
}

/**
 * Bulk scores over columnar minute flow (e.g. MinuteFlowColumns): score is NaN and direction 0
 * until the window fills; direction +1 BUY, -1 SELL.
 */
export function computeAggression(
  minutes: { readonly volume: Float64Array; readonly buyVolume: Float64Array; readonly of: Float64Array },
  config: Partial<AggressionConfig> = {},
): { score: Float64Array; direction: Int8Array; volumeSpike: Uint8Array } {
  const n = minutes.volume.length;
  const score = new Float64Array(n);
  const direction = new Int8Array(n);
  const volumeSpike = new Uint8Array(n);
  const scorer = new AggressionScorer(config);
  for (let i = 0; i < n; i++) {
    const s = scorer.update(minutes.volume[i]!, minutes.buyVolume[i]!, minutes.of[i]!);
    if (s === null) {
      score[i] = NaN;
      continue;
    }
    score[i] = s.score;
    direction[i] = s.direction === 'BUY' ? 1 : -1;
    volumeSpike[i] = s.volumeSpike ? 1 : 0;
  }
  return { score, direction, volumeSpike };
}
