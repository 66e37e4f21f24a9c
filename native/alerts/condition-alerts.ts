// The market and risk conditions a trader is alerted to at each minute close (seed 003 §11,
// seed 000): order flow too ambiguous to trust, no computable value area, the daily loss limit
// breached, price reaching a low-volume node. Each fires when its condition begins, not on
// every minute it lasts (the hub also holds back repeats).

import type { DecisionReport } from '../../core/engine/engine';
import { fromTicks, type Instrument } from '../../core/market/instrument';
import { candleColumnsFromBars, candleProfileOnTicks } from '../../core/profile/candle-profile';
import { localVolumeNodes } from '../../core/profile/volume-nodes';
import type { Alert } from './alert';

export interface ConditionLimits {
  /** Seed 003 ambiguous_trade_frac_max: above it OF is unreliable (default 0.35). */
  readonly ambiguousMax: number;
  /** Seed 003 §7.4 max_daily_loss in quote currency; null: no limit, no alert. */
  readonly maxDailyLoss: number | null;
  /** Minutes of bars the LVN profile needs before its nodes mean anything. */
  readonly lvnMinBars: number;
  /** The profile's window (seed 003 rolling_window_minutes). */
  readonly lvnWindowBars: number;
}

export const DEFAULT_CONDITION_LIMITS: ConditionLimits = { ambiguousMax: 0.35, maxDailyLoss: null, lvnMinBars: 30, lvnWindowBars: 240 };

const DAY_MS = 86_400_000;

/** Realized PnL of the UTC day of `ts`, from closed trades (oldest first): the kill switch's sum. */
export function dailyRealizedPnl(closed: DecisionReport['closedTrades'], ts: number): number {
  const dayStart = Math.floor(ts / DAY_MS) * DAY_MS;
  let pnl = 0;
  for (let i = closed.length - 1; i >= 0; i--) {
    const t = closed[i]!;
    if (t.exitTs < dayStart) break;
    pnl += t.pnl;
  }
  return pnl;
}

/**
 * LVN prices (ticks, bin centres) of the volume profile of `bars` on a grid of `binTicks`: troughs
 * of the smoothed profile at most 25% of its peak (seed 000's threshold, edges excluded).
 */
export function lvnPrices(bars: ConditionInput['history']['bars'], binTicks: number): number[] {
  const profile = candleProfileOnTicks(candleColumnsFromBars(bars), binTicks);
  return localVolumeNodes(profile.volumes).lvn.map((i) => profile.firstBinPrice + (i + 0.5) * binTicks);
}

/** What the conditions are judged on at a minute close: a strategy's decision, or the watched market's minute. */
export type ConditionInput = Pick<DecisionReport, 'decisionTs' | 'bar' | 'features' | 'history' | 'closedTrades'>;

export class ConditionAlerts {
  private ambiguous = false;
  private vaInvalid = false;
  private dailyLossDay = -1;
  private nearLvn: number | null = null;

  constructor(
    private readonly instrument: Instrument,
    private readonly limits: ConditionLimits = DEFAULT_CONDITION_LIMITS,
    /** Names the run in titles, e.g. the paper account. */
    private readonly label = '',
  ) {}

  onDecision(d: ConditionInput): Alert[] {
    const out: Alert[] = [];
    const ts = d.decisionTs + 1;
    const f = d.features;
    const suffix = this.label ? ` (${this.label})` : '';
    const px = (ticks: number): string => fromTicks(ticks, this.instrument.tickSize).toFixed(1);

    const ambiguous = f.ambiguous_trade_frac_1m > this.limits.ambiguousMax;
    if (ambiguous && !this.ambiguous) {
      out.push({
        kind: 'ambiguous-flow',
        ts,
        title: `Ambiguous flow ${(f.ambiguous_trade_frac_1m * 100).toFixed(0)}% > ${(this.limits.ambiguousMax * 100).toFixed(0)}%${suffix}`,
        message: 'Too many trades printed between bid and ask last minute: order flow (OF) is unreliable, setups need stronger confirmation.',
      });
    }
    this.ambiguous = ambiguous;

    const vaInvalid = !Number.isFinite(f.poc) || !Number.isFinite(f.vah) || !Number.isFinite(f.val);
    if (vaInvalid && !this.vaInvalid) {
      out.push({ kind: 'va-invalid', ts, title: `Value area not computable${suffix}`, message: 'The rolling volume profile is empty: value-area setups cannot trade until volume returns.' });
    }
    this.vaInvalid = vaInvalid;

    const limit = this.limits.maxDailyLoss;
    if (limit !== null) {
      const day = Math.floor(d.decisionTs / DAY_MS);
      const pnl = dailyRealizedPnl(d.closedTrades, d.decisionTs);
      if (pnl < -limit && this.dailyLossDay !== day) {
        this.dailyLossDay = day;
        out.push({ kind: 'daily-loss', ts, title: `Daily loss limit hit: ${pnl.toFixed(2)}${suffix}`, message: `Realized today ${pnl.toFixed(2)} is beyond the ${limit.toFixed(2)} limit: no new entries until 00:00 UTC.` });
      }
    }

    const bars = d.history.bars;
    const binTicks = f.bin_width;
    let near: number | null = null;
    if (bars.length >= this.limits.lvnMinBars && binTicks > 0) {
      const close = d.bar.close;
      for (const lvn of lvnPrices(bars.slice(-this.limits.lvnWindowBars), binTicks)) {
        // Within one profile bin of the node's centre: the profile cannot place it closer.
        if (Math.abs(close - lvn) <= binTicks && (near === null || Math.abs(close - lvn) < Math.abs(close - near))) near = lvn;
      }
      if (near !== null && near !== this.nearLvn) {
        out.push({ kind: 'near-lvn', ts, title: `Price ${px(close)} near LVN ${px(near)}${suffix}`, message: 'A low-volume node of the rolling profile: price tends to move fast through it, or reject it.' });
      }
    }
    this.nearLvn = near;
    return out;
  }
}
