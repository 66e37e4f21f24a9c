// The feature table of minute-features.ts, computed as events arrive: the form the engine uses
// in live, replay and tick backtests. A minute is emitted when the first event of a later
// minute arrives (or the clock passes it), with its bar and its features_1m row; the result
// equals the bulk computation row for row (tests/core/features).

import { MinuteBarBuilder, type Bar } from '../market/bars';
import type { Quote, Trade } from '../market/events';
import { BulkVolumeClassifier } from '../flow/bvc';
import { MinuteFlowEngine } from '../flow/minute-flow';
import { RollingProfile } from '../profile/rolling-profile';
import { DEFAULT_FEATURE_CONFIG, type FeatureConfig } from './config';
import type { FeatureColumn } from './minute-features';
import { minuteFlowSettings, rollingProfileSettings } from './settings';

export type FeatureRow = { readonly [K in FeatureColumn]: number };

export interface MinuteSnapshot {
  readonly bar: Bar;
  readonly features: FeatureRow;
  /** CVD of the configured sign source, cumulative since the stream started. */
  readonly cvd: number;
}

export class MinuteFeatureStream {
  private readonly bars = new MinuteBarBuilder();
  private readonly flow: MinuteFlowEngine;
  private readonly profile: RollingProfile;
  private readonly bvc: BulkVolumeClassifier;
  private minuteEnd = Infinity;

  constructor(config: FeatureConfig = DEFAULT_FEATURE_CONFIG) {
    this.flow = new MinuteFlowEngine(minuteFlowSettings(config));
    this.profile = new RollingProfile(rollingProfileSettings(config));
    this.bvc = new BulkVolumeClassifier({ lookback: config.bvc_lookback });
  }

  onQuote(q: Quote): MinuteSnapshot | null {
    const closed = q.ts >= this.minuteEnd ? this.closeMinute(q.ts) : null;
    this.flow.quote(q.ts, q.bidPrice, q.bidSize, q.askPrice, q.askSize);
    this.bars.onQuote(q);
    return closed;
  }

  onTrade(t: Trade): MinuteSnapshot | null {
    const closed = t.ts >= this.minuteEnd ? this.closeMinute(t.ts) : null;
    this.flow.trade(t.ts, t.price, t.size, t.side);
    this.bars.onTrade(t);
    this.profile.addTrade(t.ts, t.price, t.size);
    if (this.minuteEnd === Infinity) this.minuteEnd = t.ts - (t.ts % 60_000) + 60_000;
    return closed;
  }

  /** Closes the open minute once the clock is past it (timer in live mode, end of data). */
  advanceTo(ts: number): MinuteSnapshot | null {
    return ts >= this.minuteEnd ? this.closeMinute(ts) : null;
  }

  private closeMinute(ts: number): MinuteSnapshot {
    this.flow.advanceTo(ts);
    const flow = this.flow.closed;
    const bar = this.bars.advanceTo(ts);
    if (!bar) throw new Error('feature stream: a minute closed without a bar');
    if (Number.isFinite(flow.midClose)) this.profile.markMid(flow.midClose);
    this.profile.advanceTo(ts);
    this.minuteEnd = Infinity;
    const f = this.profile.features();
    const bvc = this.bvc.update(bar.close, bar.volume);
    const valid = f.levels.valid;
    return {
      bar,
      cvd: flow.cvd,
      features: {
        ts_min: bar.ts,
        mid_close: flow.midClose,
        sigma_240: f.sigma,
        bin_width: f.binTicks,
        poc: valid ? f.levels.poc : Number.NaN,
        vah: valid ? f.levels.vah : Number.NaN,
        val: valid ? f.levels.val : Number.NaN,
        va_coverage: valid ? f.levels.coverage : Number.NaN,
        of_1m: flow.of,
        of_norm_1m: flow.ofNorm,
        qimb_close: flow.qimb,
        ambiguous_trade_frac_1m: flow.ambiguousFrac,
        bvc_buy_frac_1m: bvc.buyFrac,
        bvc_net_proxy_1m: bvc.net,
      },
    };
  }
}
