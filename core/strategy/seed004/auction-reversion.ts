// Seed 004's Auction Reversion: in a rotational market (low efficiency ratio, not a high-volatility
// regime, a value area wide enough to rotate in) fade a rejection at VAH or VAL back to the POC,
// in London and New York, with one fixed OCO bracket.

import type { Intent, SignalRecord, Strategy, StrategyContext, StrategyDefinition } from '../types';
import { valueAreaPrices } from '../seed003/levels';
import { AuctionReversionParamsSchema, type AuctionReversionParams } from './params';
import { MinuteVolatility, efficiencyRatio, inSessions } from './regime';

class AuctionReversion implements Strategy {
  private readonly volatility: MinuteVolatility;
  private signals: SignalRecord | null = null;

  constructor(private readonly p: AuctionReversionParams) {
    this.volatility = new MinuteVolatility(p.atr_period, p.vol_baseline_minutes);
  }

  lastSignals(): SignalRecord | null {
    return this.signals;
  }

  onMinute(ctx: StrategyContext): readonly Intent[] {
    const p = this.p;
    const { bar } = ctx;
    const bars = ctx.history.bars;
    this.volatility.update(bar);
    const flags = { in_session: false, rotational: false, high_vol: false, min_range: false, rejected_vah: false, rejected_val: false, room_to_target: false, signal_ar_long: false, signal_ar_short: false };
    this.signals = { ts: ctx.ts, flags, acceptanceState: 0 };
    const va = valueAreaPrices(ctx.features);
    const atr = this.volatility.value();
    if (!va || !(atr > 0)) return [];

    flags.in_session = inSessions(ctx.ts, p.sessions);
    flags.rotational = efficiencyRatio(bars, p.er_window) <= p.er_max;
    // An unknown regime (too little history) is not known to be calm: treated as high.
    flags.high_vol = !(this.volatility.ratio() <= p.high_vol_ratio);
    flags.min_range = va.vah - va.val >= p.min_range_atr * atr;
    // The fade: a probe of the edge that closes back inside, still on the far side of the POC.
    flags.rejected_vah = bar.high >= va.vah && bar.close < va.vah && bar.close > va.poc;
    flags.rejected_val = bar.low <= va.val && bar.close > va.val && bar.close < va.poc;
    if (!flags.in_session || !flags.rotational || flags.high_vol || !flags.min_range || (!flags.rejected_vah && !flags.rejected_val)) return [];

    const short = flags.rejected_vah;
    const entry = bar.close;
    const stop = short ? Math.ceil(bar.high + p.stop_buffer_atr * atr) : Math.floor(bar.low - p.stop_buffer_atr * atr);
    const risk = Math.abs(entry - stop);
    const reward = Math.abs(entry - va.poc);
    flags.room_to_target = risk > 0 && reward >= p.min_reward_risk * risk;
    if (!flags.room_to_target) return [];
    flags[short ? 'signal_ar_short' : 'signal_ar_long'] = true;
    if (ctx.position.side !== 'flat') return [];
    return [{ kind: 'enter', side: short ? 'short' : 'long', stop, targets: [{ price: va.poc, share: 1 }], tag: 'auction-reversion', reason: short ? 'AR_FADE_VAH' : 'AR_FADE_VAL' }];
  }
}

export const seed004AuctionReversion: StrategyDefinition<typeof AuctionReversionParamsSchema> = {
  id: 'seed004-auction-reversion',
  name: 'Auction Reversion (seed 004)',
  description:
    'London / New York, rotational regime only (efficiency ratio <= 0.3 over 20 minutes, ATR <= 1.5 x the 240-minute mean true range, value area >= 4 ATR wide): fade a rejection of VAH or VAL to the POC; stop 0.5 ATR beyond the probe, at least 1 R to the POC.',
  params: AuctionReversionParamsSchema,
  // The efficiency ratio reads er_window + 1 closes, so er_window up to 120 (ATR and baseline are streamed).
  historyMinutes: 121,
  create: (params) => new AuctionReversion(params),
};
