// Seed 003 features from 1m bars alone (bar-mode backtests over years of candles, seed 003 §9.1
// mode 2): the rolling value area from each bar's volume spread evenly over the price bins its
// range touched (seed 000's candle profile), sigma from closes, OF from the bar's taker buy and
// sell volume where the source has it, qimb from the bar's close quote where it has one.
// An approximation of the tick features, documented as such; the same row shape.
// Bars longer than a minute (klines of 15m) enter the same way, each as one candle at its open
// time: the profile window stays rolling_window_minutes of calendar time (16 bars of 15m for 4h),
// while sigma and BVC count bars, so their window is rolling_window_minutes / bvc_lookback bars.

import type { Bar } from '../market/bars';
import { BulkVolumeClassifier } from '../flow/bvc';
import { throwOutOfOrder } from '../market/time-order';
import { RollingProfile } from '../profile/rolling-profile';
import { DEFAULT_FEATURE_CONFIG, type FeatureConfig } from './config';
import type { MinuteSnapshot } from './minute-feature-stream';
import { rollingProfileSettings } from './settings';

export class BarFeatureStream {
  private readonly profile: RollingProfile;
  private readonly bvc: BulkVolumeClassifier;
  private readonly baseBin: number;
  private cvd = 0;
  private lastTs = -Infinity;

  constructor(config: FeatureConfig = DEFAULT_FEATURE_CONFIG) {
    this.baseBin = config.base_bin_ticks;
    this.profile = new RollingProfile(rollingProfileSettings(config));
    this.bvc = new BulkVolumeClassifier({ lookback: config.bvc_lookback });
  }

  /** One closed 1m bar in, its feature row out. */
  onBar(bar: Bar): MinuteSnapshot {
    if (bar.ts <= this.lastTs) throwOutOfOrder('bar time went backwards or repeated', bar.ts, 'after', this.lastTs);
    this.lastTs = bar.ts;
    const base = this.baseBin;
    const lowBin = Math.floor(bar.low / base);
    const highBin = Math.floor(bar.high / base);
    const perBin = bar.volume / (highBin - lowBin + 1);
    const q = bar.closeQuote;
    const mid = q ? (q.bidPrice + q.askPrice) / 2 : bar.close;
    this.profile.addCandleMinute(bar.ts, lowBin, highBin, perBin, mid);
    // profile.features() without its wrapper object: the same state and levels, read directly.
    const state = this.profile.binWidthState;
    const levels = this.profile.levels(state.binTicks);
    const signed = bar.buyVolume + bar.sellVolume;
    const of = signed > 0 ? bar.buyVolume - bar.sellVolume : Number.NaN;
    if (Number.isFinite(of)) this.cvd += of;
    const bvc = this.bvc.update(bar.close, bar.volume);
    const valid = levels.valid;
    return {
      bar,
      cvd: this.cvd,
      features: {
        ts_min: bar.ts,
        mid_close: mid,
        sigma_240: state.sigma,
        bin_width: state.binTicks,
        poc: valid ? levels.poc : Number.NaN,
        vah: valid ? levels.vah : Number.NaN,
        val: valid ? levels.val : Number.NaN,
        va_coverage: valid ? levels.coverage : Number.NaN,
        of_1m: of,
        of_norm_1m: bar.volume > 0 ? of / bar.volume : Number.NaN,
        qimb_close: q && q.bidSize + q.askSize > 0 ? (q.bidSize - q.askSize) / (q.bidSize + q.askSize) : Number.NaN,
        ambiguous_trade_frac_1m: bar.volume > 0 ? Math.max(0, bar.volume - signed) / bar.volume : Number.NaN,
        bvc_buy_frac_1m: bvc.buyFrac,
        bvc_net_proxy_1m: bvc.net,
      },
    };
  }
}
