// Seed 000's AMT trend continuation on 15m candles aggregated from 1m bars: an imbalance away
// from the prior balance POC, a pullback to an LVN of the impulse, a rejection candle with a
// volume spike; stop beyond the LVN, two half targets, break-even and a tighter stop after TP1.

import { displacementState } from '../../auction/market-state';
import { isAtLvn, lvnsOnLeg, nearestLvn, windowImpulseLeg } from '../../auction/impulse';
import { isSeed000NySession } from '../../auction/sessions';
import { candleProfileByBinCount } from '../../profile/candle-profile';
import { thresholdVolumeNodes } from '../../profile/volume-nodes';
import type { Intent, Side, SignalRecord, Strategy, StrategyContext, StrategyDefinition } from '../types';
import { lastAtr, priorBalancePoc, rejectionWithVolume } from './candle-signals';
import { CandleCache, candleColumns, closesBucket, type Candle } from './candles';
import { Seed000ParamsSchema, type Seed000Params } from './params';
import { lockStop, tightens } from './stops';

const FLAGS = ['imbalance_up', 'imbalance_down', 'at_lvn', 'rejection', 'volume_spike', 'ny_session', 'target_ahead', 'reward_risk_ok', 'signal_amt_long', 'signal_amt_short'] as const;

interface Managed {
  readonly side: Side;
  readonly entryTs: number;
  initialQty: number;
  tp1Done: boolean;
}

class AmtTrendContinuation implements Strategy {
  private readonly candles: CandleCache;
  private managed: Managed | null = null;
  private signals: SignalRecord | null = null;

  constructor(private readonly p: Seed000Params) {
    this.candles = new CandleCache(p.timeframe_minutes, Math.max(p.atr_candles, p.prior_balance_from, p.impulse_candles) + 1);
  }

  lastSignals(): SignalRecord | null {
    return this.signals;
  }

  onMinute(ctx: StrategyContext): readonly Intent[] {
    const p = this.p;
    const atBucket = closesBucket(ctx.ts, p.timeframe_minutes);
    const getCandles = (): Candle[] => this.candles.at(ctx.history.bars, ctx.ts);
    const intents: Intent[] = [];
    if (ctx.position.side === 'flat') this.managed = null;
    else intents.push(...this.manage(ctx, atBucket, getCandles));
    // Jesse evaluates should_long/should_short once per route candle: between closes nothing is seen.
    if (!atBucket) {
      this.signals = null;
      return intents;
    }
    const entry = this.evaluate(ctx, getCandles());
    if (entry && ctx.position.side === 'flat') intents.push(entry);
    return intents;
  }

  private evaluate(ctx: StrategyContext, candles: Candle[]): Intent | null {
    const p = this.p;
    const flags: Record<string, boolean> = Object.fromEntries(FLAGS.map((k) => [k, false]));
    this.signals = { ts: ctx.ts, flags, acceptanceState: 0 };
    const n = candles.length;
    const cols = candleColumns(candles);
    const atr = lastAtr(cols, p.atr_period, p.atr_candles);
    const poc = priorBalancePoc(cols, p.prior_balance_from, p.prior_balance_to, p.prior_balance_bins);
    if (!(atr > 0) || !Number.isFinite(poc) || n < p.impulse_candles) return null;

    const state = displacementState(cols, n - 1, poc, atr, {
      atrMultiple: p.displacement_atr,
      recentBars: p.recent_candles,
      minDirectionalBars: p.min_directional_candles,
      rangeExpansion: p.range_expansion,
      priorWindowLag: p.prior_range_lag,
    }).state;
    flags['imbalance_up'] = state === 'IMBALANCE_UP';
    flags['imbalance_down'] = state === 'IMBALANCE_DOWN';
    // Jesse's self.time at a candle's decision is its close time.
    flags['ny_session'] = !p.ny_session_only || isSeed000NySession(ctx.ts);
    if (state === 'BALANCE') return null;
    const side: Side = state === 'IMBALANCE_UP' ? 'long' : 'short';
    const dir = side === 'long' ? 1 : -1;

    const close = candles[n - 1]!.close;
    const impulse = candleProfileByBinCount(cols, p.impulse_bins, n - p.impulse_candles, n);
    const lvnLevels = thresholdVolumeNodes(impulse.volumes, p.lvn_threshold).lvn.map((b) => impulse.levels[b]!);
    const leg = windowImpulseLeg(cols.high, cols.low, cols.open, cols.close, n - 1, p.impulse_candles);
    const lvn = leg ? nearestLvn(close, lvnsOnLeg(leg, lvnLevels)) : null;
    flags['at_lvn'] = lvn !== null && isAtLvn(close, lvn, atr, p.lvn_tolerance_atr);
    const aggression = rejectionWithVolume(candles, side, p.rejection_wick_body, p.volume_spike, p.volume_lookback);
    flags['rejection'] = aggression.rejection;
    flags['volume_spike'] = aggression.volumeSpike;
    if (lvn === null || leg === null || !flags['at_lvn'] || !aggression.rejection || !aggression.volumeSpike || !flags['ny_session']) return null;

    // Stops round away from the entry (beyond the LVN), targets to the nearest tick.
    const stop = side === 'long' ? Math.floor(lvn - p.stop_atr * atr) : Math.ceil(lvn + p.stop_atr * atr);
    const target = p.target_mode === 'prior-poc' ? poc : side === 'long' ? leg.high : leg.low;
    const tp1 = Math.round(close + (target - close) * p.tp1_fraction);
    const tp2 = Math.round(target);
    flags['target_ahead'] = (tp1 - close) * dir > 0 && (tp2 - tp1) * dir > 0 && (close - stop) * dir > 0;
    if (!flags['target_ahead']) return null;
    const risk = (close - stop) * dir;
    const reward = p.tp1_share * (tp1 - close) * dir + (1 - p.tp1_share) * (tp2 - close) * dir;
    flags['reward_risk_ok'] = reward >= p.min_reward_risk * risk;
    if (!flags['reward_risk_ok']) return null;

    flags[side === 'long' ? 'signal_amt_long' : 'signal_amt_short'] = true;
    return {
      kind: 'enter',
      side,
      stop,
      targets: [
        { price: tp1, share: p.tp1_share },
        { price: tp2, share: 1 - p.tp1_share },
      ],
      tag: 'amt-trend',
      reason: side === 'long' ? 'AMT_TREND_LONG' : 'AMT_TREND_SHORT',
    };
  }

  /**
   * update_position (each route candle) and on_reduced_position (when the first target fills,
   * seen here as the position's quantity dropping below what it opened with). Stops only
   * tighten: the seed's update_position would otherwise pull a post-TP1 stop back to 0.1 ATR.
   */
  private manage(ctx: StrategyContext, atBucket: boolean, getCandles: () => Candle[]): Intent[] {
    const p = this.p;
    const pos = ctx.position;
    const side = pos.side as Side;
    const known = this.managed;
    if (!known || known.side !== side || known.entryTs !== pos.entryTs) this.managed = { side, entryTs: pos.entryTs, initialQty: pos.qty, tp1Done: false };
    else if (pos.qty > known.initialQty) known.initialQty = pos.qty;
    const m = this.managed!;
    const reduced = !m.tp1Done && pos.qty < m.initialQty;
    if (!reduced && !atBucket) return [];
    const atr = lastAtr(candleColumns(getCandles()), p.atr_period, p.atr_candles);
    if (!(atr > 0)) return [];
    const out: Intent[] = [];
    let stop = pos.stop;
    if (reduced) {
      m.tp1Done = true;
      const next = lockStop(side, pos.avgEntry, atr, p.after_tp1_lock_atr);
      if (tightens(side, stop, next)) {
        out.push({ kind: 'move-stop', price: next, reason: 'AMT_TIGHTEN_AFTER_TP1' });
        stop = next;
      }
    }
    const favourable = side === 'long' ? ctx.bar.close - pos.avgEntry : pos.avgEntry - ctx.bar.close;
    if (atBucket && favourable >= p.breakeven_trigger_atr * atr) {
      const next = lockStop(side, pos.avgEntry, atr, p.breakeven_lock_atr);
      if (tightens(side, stop, next)) out.push({ kind: 'move-stop', price: next, reason: 'AMT_BREAKEVEN' });
    }
    return out;
  }
}

export const seed000AmtTrendContinuation: StrategyDefinition<typeof Seed000ParamsSchema> = {
  id: 'seed000-amt-trend-continuation',
  name: 'AMT trend continuation (seed 000)',
  description:
    'On 15m candles from 1m bars: displacement > 2.5 ATR from the prior balance POC, pullback to an LVN of the 30-candle impulse, rejection candle with a volume spike, NY hours; stop 0.75 ATR beyond the LVN, 50/50 targets, break-even after 1.5 ATR, tighter stop after TP1. With the seed target (prior POC) every entry is refused as the POC lies behind the entry; target_mode impulse-extreme trades.',
  params: Seed000ParamsSchema,
  // Enough 1m bars for the ATR window of 15m candles (which also covers the 100-candle balance), plus one bucket.
  historyMinutes: 241 * 15,
  // Its rules are on 15m candles; finer bars are aggregated into them, 15m klines are them.
  barTimeframes: ['1m', '5m', '15m'],
  create: (params) => new AmtTrendContinuation(params),
};
