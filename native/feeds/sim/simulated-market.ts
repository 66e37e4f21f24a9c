// The simulated BTCUSDT perpetual: a deterministic stream of trades and L1 quotes for a seed.
// A latent fair value moves through balance (mean reversion around a value centre) and
// imbalance (initiative trends) regimes; aggressive orders arrive as a self-exciting (Hawkes)
// process, each sweeping one or more resting orders at the touch, so trades cluster in time
// and in price the way real perpetual prints do. Calibrated against ../shared/data, see
// native/feeds/sim/README.md.

import type { Instrument } from '../../../core/market/instrument';
import { toTicks } from '../../../core/market/instrument';
import type { MarketEvent, Quote, Trade } from '../../../core/market/events';
import { Random } from './random';

export type SimRegime = 'balance' | 'trend-up' | 'trend-down';

export interface SimulatedMarketConfig {
  readonly instrument: Instrument;
  readonly seed: number;
  /** Time of the first event, UTC ms. */
  readonly startTs: number;
  /** Opening price in quote currency. */
  readonly startPrice: number;
  /** Long-run average arrival rate of aggressive orders (each makes one or more fills). */
  readonly ordersPerSecond: number;
  /** Hawkes branching ratio: the share of orders triggered by earlier orders (0..1). */
  readonly clustering: number;
  /** Floor of the background order rate, per second: a liquid perpetual never goes quiet for long. */
  readonly minOrdersPerSecond: number;
  /** Decay rate of the Hawkes excitation, per second. */
  readonly clusterDecayPerSecond: number;
  /** Mean number of fills one aggressive order makes (fills share its millisecond). */
  readonly fillsPerOrder: number;
  readonly fillSizeMedian: number;
  /** Log-normal shape of fill sizes: larger means a heavier tail. */
  readonly fillSizeSigma: number;
  /** Median resting size at the touch, in contracts. */
  readonly touchSizeMedian: number;
  readonly touchSizeSigma: number;
  /** Passive quote changes (adds, cancels, spread changes) per aggressive order. */
  readonly quoteUpdatesPerOrder: number;
  /** Probability that a passive quote change widens the spread beyond one tick. */
  readonly wideSpreadChance: number;
  /** Volatility of the fair value, ticks per square-root second. */
  readonly volatilityTicksPerSqrtSecond: number;
  /** Half-life of the pull towards the value centre while in balance, minutes. */
  readonly balanceHalfLifeMinutes: number;
  readonly balanceMeanMinutes: number;
  readonly trendMeanMinutes: number;
  /** Trend drift range, ticks per second (a trend draws a value uniformly inside it). */
  readonly trendDriftTicksPerSecond: readonly [number, number];
}

export function defaultSimConfig(
  instrument: Instrument,
  overrides: Partial<SimulatedMarketConfig> = {},
): SimulatedMarketConfig {
  return {
    instrument,
    seed: 1,
    startTs: Date.UTC(2026, 0, 5, 0, 0, 0),
    startPrice: 65_000,
    ordersPerSecond: 7,
    clustering: 0.85,
    minOrdersPerSecond: 1.2,
    clusterDecayPerSecond: 0.7,
    fillsPerOrder: 3.3,
    fillSizeMedian: 0.013,
    fillSizeSigma: 2.05,
    touchSizeMedian: 1.2,
    touchSizeSigma: 1.6,
    quoteUpdatesPerOrder: 7,
    wideSpreadChance: 0.05,
    volatilityTicksPerSqrtSecond: 14,
    balanceHalfLifeMinutes: 20,
    balanceMeanMinutes: 45,
    trendMeanMinutes: 15,
    trendDriftTicksPerSecond: [0.6, 2.5],
    ...overrides,
  };
}

const MS_PER_SECOND = 1000;

export class SimulatedMarket {
  private readonly rng: Random;
  private readonly cfg: SimulatedMarketConfig;
  private readonly pending: MarketEvent[] = [];
  private pendingIndex = 0;

  private now: number;
  private fair: number;
  private valueCentre: number;
  private regime: SimRegime = 'balance';
  private regimeEndsAt: number;
  private trendDrift = 0;
  /** Excitation of the order arrival intensity at `now`, orders per second. */
  private excitation = 0;
  /** Slowly varying activity multiplier (volatility clustering). */
  private activity = 1;
  private activityMinute: number;

  private bid: number;
  private ask: number;
  private bidSize: number;
  private askSize: number;
  private nextTradeId = 1_000_000_000;

  constructor(config: SimulatedMarketConfig) {
    this.cfg = config;
    this.rng = new Random(config.seed);
    this.now = config.startTs;
    this.activityMinute = Math.floor(config.startTs / 60_000);
    this.fair = toTicks(config.startPrice, config.instrument.tickSize) + 0.5;
    this.valueCentre = this.fair;
    this.regimeEndsAt = this.now + this.drawRegimeLength('balance');
    this.bid = Math.floor(this.fair);
    this.ask = this.bid + 1;
    this.bidSize = this.drawTouchSize();
    this.askSize = this.drawTouchSize();
    this.pending.push({ kind: 'quote', quote: this.quote() });
  }

  get currentRegime(): SimRegime {
    return this.regime;
  }

  /** The next event in time order. The stream never ends. */
  next(): MarketEvent {
    while (this.pendingIndex >= this.pending.length) {
      this.pending.length = 0;
      this.pendingIndex = 0;
      this.step();
    }
    const event = this.pending[this.pendingIndex++];
    if (!event) throw new Error('simulated market: empty event buffer');
    return event;
  }

  /** Time of the next event without consuming it. */
  peekTs(): number {
    while (this.pendingIndex >= this.pending.length) {
      this.pending.length = 0;
      this.pendingIndex = 0;
      this.step();
    }
    const event = this.pending[this.pendingIndex];
    if (!event) throw new Error('simulated market: empty event buffer');
    return event.kind === 'trade' ? event.trade.ts : event.quote.ts;
  }

  /** Emits every event with a timestamp at or before `ts`. */
  emitUntil(ts: number, sink: (event: MarketEvent) => void): void {
    while (this.peekTs() <= ts) sink(this.next());
  }

  private baseRate(): number {
    return Math.max(this.cfg.minOrdersPerSecond, this.cfg.ordersPerSecond * (1 - this.cfg.clustering) * this.activity);
  }

  /** Produces the next arrival (aggressive order or passive quote change) into `pending`. */
  private step(): void {
    const quoteShare = this.cfg.quoteUpdatesPerOrder;
    const decay = this.cfg.clusterDecayPerSecond;
    // Ogata thinning: the intensity only decays between arrivals, so its current value bounds it.
    for (;;) {
      const bound = (this.baseRate() + this.excitation) * (1 + quoteShare);
      const waitSeconds = this.rng.exponential(bound);
      const elapsedMs = Math.max(1, Math.round(waitSeconds * MS_PER_SECOND));
      this.advanceTime(elapsedMs);
      this.excitation *= Math.exp(-decay * (elapsedMs / MS_PER_SECOND));
      const intensity = (this.baseRate() + this.excitation) * (1 + quoteShare);
      if (this.rng.uniform() * bound <= intensity) break;
    }
    this.repriceToFair();
    if (this.rng.uniform() * (1 + quoteShare) < 1) {
      this.excitation += this.cfg.clustering * decay;
      this.aggressiveOrder();
    } else {
      this.passiveQuoteChange();
    }
  }

  private advanceTime(ms: number): void {
    const dt = ms / MS_PER_SECOND;
    this.now += ms;
    const sigma = this.cfg.volatilityTicksPerSqrtSecond * Math.sqrt(this.activity);
    if (this.regime === 'balance') {
      const theta = Math.LN2 / (this.cfg.balanceHalfLifeMinutes * 60);
      const keep = Math.exp(-theta * dt);
      const spread = sigma * Math.sqrt((1 - keep * keep) / (2 * theta));
      this.fair = this.valueCentre + (this.fair - this.valueCentre) * keep + spread * this.rng.normal();
    } else {
      this.fair += this.trendDrift * dt + sigma * Math.sqrt(dt) * this.rng.normal();
    }
    const minute = Math.floor(this.now / 60_000);
    if (minute !== this.activityMinute) {
      // Log-activity follows an AR(1) per minute: busy and quiet periods persist for a while.
      for (let m = this.activityMinute; m < minute && m < this.activityMinute + 5; m++) {
        const logActivity = 0.9 * Math.log(this.activity) + 0.45 * this.rng.normal();
        this.activity = Math.min(6, Math.max(0.2, Math.exp(logActivity)));
      }
      this.activityMinute = minute;
    }
    if (this.now >= this.regimeEndsAt) this.switchRegime();
  }

  private switchRegime(): void {
    if (this.regime === 'balance') {
      this.regime = this.rng.chance(0.5) ? 'trend-up' : 'trend-down';
      const [lo, hi] = this.cfg.trendDriftTicksPerSecond;
      const speed = lo + (hi - lo) * this.rng.uniform();
      this.trendDrift = this.regime === 'trend-up' ? speed : -speed;
    } else {
      // A new balance forms where the trend ran out: value migrated.
      this.regime = 'balance';
      this.valueCentre = this.fair;
      this.trendDrift = 0;
    }
    this.regimeEndsAt = this.now + this.drawRegimeLength(this.regime);
  }

  private drawRegimeLength(regime: SimRegime): number {
    const meanMinutes =
      regime === 'balance' ? this.cfg.balanceMeanMinutes : this.cfg.trendMeanMinutes;
    return Math.max(60_000, Math.round(this.rng.exponential(1 / meanMinutes) * 60_000));
  }

  /** Makers re-quote around the fair value once it leaves the current touch. */
  private repriceToFair(): void {
    const fairBid = Math.floor(this.fair);
    if (fairBid >= this.ask) {
      this.bid = fairBid;
      this.ask = fairBid + 1;
    } else if (fairBid < this.bid) {
      this.bid = fairBid;
      this.ask = fairBid + 1;
    } else {
      return;
    }
    this.bidSize = this.drawTouchSize();
    this.askSize = this.drawTouchSize();
    this.pending.push({ kind: 'quote', quote: this.quote() });
  }

  private aggressiveOrder(): void {
    const mid = (this.bid + this.ask) / 2;
    let bias = 0;
    if (this.regime === 'trend-up') bias = 0.08;
    else if (this.regime === 'trend-down') bias = -0.08;
    else {
      // Responsive activity: buyers below value, sellers above it.
      const stationarySd =
        this.cfg.volatilityTicksPerSqrtSecond /
        Math.sqrt((2 * Math.LN2) / (this.cfg.balanceHalfLifeMinutes * 60));
      bias = 0.1 * Math.tanh((this.valueCentre - this.fair) / stationarySd);
    }
    const informed = 0.25 * Math.max(-1, Math.min(1, this.fair - mid));
    const buyProbability = Math.min(0.9, Math.max(0.1, 0.5 + bias + informed));
    const side: 1 | -1 = this.rng.chance(buyProbability) ? 1 : -1;

    const fills = this.rng.geometric(1 / this.cfg.fillsPerOrder);
    const step = this.cfg.instrument.sizeStep;
    for (let i = 0; i < fills; i++) {
      const size = Math.max(
        step,
        Math.round(this.rng.logNormal(this.cfg.fillSizeMedian, this.cfg.fillSizeSigma) / step) * step,
      );
      const price = side === 1 ? this.ask : this.bid;
      const trade: Trade = {
        ts: this.now,
        price,
        size: roundSize(size, step),
        side,
        id: this.nextTradeId++,
      };
      this.pending.push({ kind: 'trade', trade });
      this.consumeTouch(side, size);
    }
    this.pending.push({ kind: 'quote', quote: this.quote() });
  }

  /** Takes liquidity at the touch; an emptied level moves the quote one tick (price impact). */
  private consumeTouch(side: 1 | -1, size: number): void {
    if (side === 1) {
      this.askSize -= size;
      if (this.askSize > 0) return;
      this.bid = this.ask;
      this.ask = this.ask + 1;
      this.fair = Math.max(this.fair, this.bid + 0.5);
    } else {
      this.bidSize -= size;
      if (this.bidSize > 0) return;
      this.ask = this.bid;
      this.bid = this.bid - 1;
      this.fair = Math.min(this.fair, this.ask - 0.5);
    }
    this.bidSize = this.drawTouchSize();
    this.askSize = this.drawTouchSize();
  }

  private passiveQuoteChange(): void {
    const r = this.rng.uniform();
    if (this.ask - this.bid > 1 && r < 0.6) {
      // Someone improves the wide quote back to one tick.
      if (this.rng.chance(0.5)) {
        this.bid = this.ask - 1;
        this.bidSize = this.drawTouchSize() * 0.3;
      } else {
        this.ask = this.bid + 1;
        this.askSize = this.drawTouchSize() * 0.3;
      }
    } else if (r < this.cfg.wideSpreadChance) {
      // The touch is pulled: the spread opens for a moment.
      const gap = this.rng.chance(0.7) ? 1 : 2;
      if (this.rng.chance(0.5)) this.ask += gap;
      else this.bid -= gap;
      this.bidSize = this.drawTouchSize();
      this.askSize = this.drawTouchSize();
    } else {
      // Orders join or cancel at the touch.
      const factor = this.rng.logNormal(1, 0.45);
      if (this.rng.chance(0.5)) this.bidSize = Math.max(this.cfg.instrument.sizeStep, this.bidSize * factor);
      else this.askSize = Math.max(this.cfg.instrument.sizeStep, this.askSize * factor);
    }
    this.pending.push({ kind: 'quote', quote: this.quote() });
  }

  private drawTouchSize(): number {
    return Math.max(
      this.cfg.instrument.sizeStep,
      this.rng.logNormal(this.cfg.touchSizeMedian, this.cfg.touchSizeSigma),
    );
  }

  private quote(): Quote {
    const step = this.cfg.instrument.sizeStep;
    return {
      ts: this.now,
      bidPrice: this.bid,
      bidSize: roundSize(this.bidSize, step),
      askPrice: this.ask,
      askSize: roundSize(this.askSize, step),
    };
  }
}

function roundSize(size: number, step: number): number {
  const decimals = Math.max(0, Math.round(-Math.log10(step)));
  return Number(Math.max(step, size).toFixed(decimals));
}
