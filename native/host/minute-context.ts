// The live feature row of each closed minute with its auction context (market state, distance
// from POC, session and the setup it favours): what the order-flow panel shows.

import type { EventPayload } from '../../core/api/contract';
import { valueAreaMomentumState } from '../../core/auction/market-state';
import { SESSION_PROFILES, sessionAt } from '../../core/auction/sessions';
import { MinuteFeatureStream, type MinuteSnapshot } from '../../core/features/minute-feature-stream';
import { AggressionScorer } from '../../core/flow/aggression';
import type { Quote, Trade } from '../../core/market/events';

export type MinuteFeaturesPayload = NonNullable<EventPayload<'market.update'>['features']>;

const finite = (x: number): number | null => (Number.isFinite(x) ? x : null);
const MOMENTUM_LOOKBACK = 20;
/**
 * The seed's CVD-momentum threshold (1000) is in US shares; a BTC perpetual trades a few
 * contracts a minute, so the panel scores momentum above 5 BTC a minute instead.
 */
const PANEL_CVD_MOMENTUM_CONTRACTS = 5;

export class MinuteContext {
  private readonly stream = new MinuteFeatureStream();
  private readonly closes: number[] = [];
  private latest: MinuteFeaturesPayload | null = null;
  private readonly aggression = new AggressionScorer({ cvdMomentumThreshold: PANEL_CVD_MOMENTUM_CONTRACTS });

  get current(): MinuteFeaturesPayload | null {
    return this.latest;
  }

  /** Feeds one event; returns the payload of a minute it closed. */
  onQuote(q: Quote): MinuteFeaturesPayload | null {
    return this.closed(this.stream.onQuote(q));
  }

  onTrade(t: Trade): MinuteFeaturesPayload | null {
    return this.closed(this.stream.onTrade(t));
  }

  /** Hears every closed minute's bar and feature row (the market's condition alerts). */
  onMinuteClosed: ((snap: MinuteSnapshot) => void) | null = null;

  private closed(snap: MinuteSnapshot | null): MinuteFeaturesPayload | null {
    if (!snap) return null;
    this.onMinuteClosed?.(snap);
    const f = snap.features;
    this.closes.push(snap.bar.close);
    if (this.closes.length > MOMENTUM_LOOKBACK + 1) this.closes.shift();
    let marketState: MinuteFeaturesPayload['marketState'] = null;
    let distance: number | null = null;
    if (Number.isFinite(f.poc) && Number.isFinite(f.vah) && Number.isFinite(f.val)) {
      const va = { poc: f.poc + f.bin_width / 2, vah: f.vah + f.bin_width, val: f.val };
      const reading = valueAreaMomentumState(this.closes, this.closes.length - 1, va);
      marketState = reading.state;
      distance = finite(reading.distanceFromPocPct);
    }
    const session = sessionAt(snap.bar.ts + 59_999);
    // Exchange-reported aggressor volumes: buy pressure and the CVD step share one sign source.
    const aggression = this.aggression.update(snap.bar.volume, snap.bar.buyVolume, snap.bar.delta);
    this.latest = {
      tsMin: snap.bar.ts,
      midClose: finite(f.mid_close),
      sigma240: finite(f.sigma_240),
      binWidth: finite(f.bin_width),
      of1m: finite(f.of_1m),
      ofNorm1m: finite(f.of_norm_1m),
      qimb: finite(f.qimb_close),
      ambiguousFrac: finite(f.ambiguous_trade_frac_1m),
      bvcBuyFrac: finite(f.bvc_buy_frac_1m),
      cvd: snap.cvd,
      marketState,
      distanceFromPocPct: distance,
      session,
      favouredSetup: session ? SESSION_PROFILES[session].favouredSetup : null,
      aggression: aggression ? { score: aggression.score, direction: aggression.direction } : null,
    };
    return this.latest;
  }
}
