// Seed 004's Value Area Breakout on the rolling value area of the feature row: enter in the
// breakout's direction on the minute that completes acceptance outside value, in London and New
// York, with one fixed OCO bracket (the seed never widens brackets after entry).

import type { Intent, SignalRecord, Strategy, StrategyContext, StrategyDefinition } from '../types';
import { valueAreaPrices } from '../seed003/levels';
import { ValueAreaBreakoutParamsSchema, type ValueAreaBreakoutParams } from './params';
import { MinuteVolatility, closesOutside, inSessions } from './regime';

class ValueAreaBreakout implements Strategy {
  private readonly volatility: MinuteVolatility;
  private signals: SignalRecord | null = null;

  constructor(private readonly p: ValueAreaBreakoutParams) {
    this.volatility = new MinuteVolatility(p.atr_period, 1);
  }

  lastSignals(): SignalRecord | null {
    return this.signals;
  }

  onMinute(ctx: StrategyContext): readonly Intent[] {
    const p = this.p;
    const { bars, features } = ctx.history;
    this.volatility.update(ctx.bar);
    // One bar past k tells a fresh acceptance (exactly k) from one already under way.
    const run = closesOutside(bars, features, p.accept_bars + 1);
    const flags = { accepted_above: run === p.accept_bars, accepted_below: -run === p.accept_bars, in_session: inSessions(ctx.ts, p.sessions), signal_vab_long: false, signal_vab_short: false };
    this.signals = { ts: ctx.ts, flags, acceptanceState: run };
    const va = valueAreaPrices(ctx.features);
    const atr = this.volatility.value();
    if (!va || !(atr > 0) || !flags.in_session || (!flags.accepted_above && !flags.accepted_below)) return [];

    const entry = ctx.bar.close;
    const long = flags.accepted_above;
    // The breakout has failed once price is back inside value by the buffer.
    const stop = long ? Math.floor(va.vah - p.stop_buffer_atr * atr) : Math.ceil(va.val + p.stop_buffer_atr * atr);
    const risk = long ? entry - stop : stop - entry;
    if (!(risk > 0)) return [];
    const target = long ? entry + Math.max(1, Math.round(p.target_r * risk)) : entry - Math.max(1, Math.round(p.target_r * risk));
    flags[long ? 'signal_vab_long' : 'signal_vab_short'] = true;
    if (ctx.position.side !== 'flat') return [];
    return [{ kind: 'enter', side: long ? 'long' : 'short', stop, targets: [{ price: target, share: 1 }], tag: 'va-breakout', reason: long ? 'VAB_ACCEPTED_ABOVE_VAH' : 'VAB_ACCEPTED_BELOW_VAL' }];
  }
}

export const seed004ValueAreaBreakout: StrategyDefinition<typeof ValueAreaBreakoutParamsSchema> = {
  id: 'seed004-value-area-breakout',
  name: 'Value Area Breakout (seed 004)',
  description:
    'London / New York: on the minute that makes 3 consecutive closes above VAH (below VAL) of the rolling value area, enter with the breakout; stop 0.5 ATR back inside value, one target at 2.75/2.25 R.',
  params: ValueAreaBreakoutParamsSchema,
  // Acceptance reads accept_bars + 1 closes, so accept_bars up to 29 (the ATR is streamed).
  historyMinutes: 30,
  create: (params) => new ValueAreaBreakout(params),
};
