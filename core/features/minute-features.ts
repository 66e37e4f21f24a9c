// The per-minute feature table of seed 003 §3.3 (features_1m) from trades and L1 quotes: the
// rolling value area (core/profile), order flow and quote imbalance (core/flow) and BVC, one
// row per traded UTC minute. A minute's row uses only data up to its close (§9.2).

import { minuteBarsFromTrades } from '../market/bar-columns';
import type { QuoteColumns, TradeColumns } from '../market/columns';
import { computeBvc } from '../flow/bvc';
import { computeMinuteFlow } from '../flow/minute-flow';
import type { SideInferenceStats } from '../flow/side-inference';
import { RollingProfile } from '../profile/rolling-profile';
import { DEFAULT_FEATURE_CONFIG, type FeatureConfig } from './config';
import { minuteFlowSettings, rollingProfileSettings } from './settings';

export const FEATURE_COLUMNS = [
  'ts_min',
  'mid_close',
  'sigma_240',
  'bin_width',
  'poc',
  'vah',
  'val',
  'va_coverage',
  'of_1m',
  'of_norm_1m',
  'qimb_close',
  'ambiguous_trade_frac_1m',
  'bvc_buy_frac_1m',
  'bvc_net_proxy_1m',
] as const;
export type FeatureColumn = (typeof FEATURE_COLUMNS)[number];

/** Column-wise table; prices (mid_close, poc, vah, val, bin_width) in ticks, NaN where unknown. */
export type FeatureTable = { readonly length: number } & { readonly [K in FeatureColumn]: Float64Array };

export interface FeatureResult {
  readonly table: FeatureTable;
  /** How trade-side inference went (agreement with the exchange's own side, ambiguity). */
  readonly sideStats: SideInferenceStats;
}

export function computeMinuteFeatures(trades: TradeColumns, quotes: QuoteColumns, config: FeatureConfig = DEFAULT_FEATURE_CONFIG): FeatureResult {
  const bars = minuteBarsFromTrades(trades);
  const { flow, stats } = computeMinuteFlow(trades, quotes, minuteFlowSettings(config));
  if (flow.length !== bars.length) throw new Error(`feature rows disagree: ${flow.length} flow minutes, ${bars.length} bars`);
  const n = bars.length;
  const table = Object.fromEntries([['length', n], ...FEATURE_COLUMNS.map((c) => [c, new Float64Array(n).fill(Number.NaN)])]) as unknown as {
    length: number;
  } & { [K in FeatureColumn]: Float64Array };

  const bvc = computeBvc(bars.close, bars.volume, { lookback: config.bvc_lookback });
  const profile = new RollingProfile(rollingProfileSettings(config));

  let from = 0;
  for (let m = 0; m < n; m++) {
    const minute = bars.ts[m] as number;
    let to = from;
    while (to < trades.length && (trades.ts[to] as number) < minute + 60_000) to++;
    profile.addTrades(trades, from, to);
    const mid = flow.midClose[m] as number;
    if (Number.isFinite(mid)) profile.markMid(mid);
    profile.advanceTo(minute + 60_000);
    from = to;

    const f = profile.features();
    table.ts_min[m] = minute;
    table.mid_close[m] = mid;
    table.sigma_240[m] = f.sigma;
    table.bin_width[m] = f.binTicks;
    if (f.levels.valid) {
      table.poc[m] = f.levels.poc;
      table.vah[m] = f.levels.vah;
      table.val[m] = f.levels.val;
      table.va_coverage[m] = f.levels.coverage;
    }
    table.of_1m[m] = flow.of[m] as number;
    table.of_norm_1m[m] = flow.ofNorm[m] as number;
    table.qimb_close[m] = flow.qimb[m] as number;
    table.ambiguous_trade_frac_1m[m] = flow.ambiguousFrac[m] as number;
    table.bvc_buy_frac_1m[m] = bvc.buyFrac[m] as number;
    table.bvc_net_proxy_1m[m] = bvc.net[m] as number;
  }
  return { table, sideStats: stats };
}

/** Columns holding prices in ticks, converted to prices for output. */
export const PRICE_COLUMNS: ReadonlySet<FeatureColumn> = new Set(['mid_close', 'bin_width', 'poc', 'vah', 'val']);
