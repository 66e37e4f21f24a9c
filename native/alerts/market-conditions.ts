// The condition alerts for the market on screen, with no strategy running: a trader watching
// the live feed is told when order flow turns ambiguous, the value area cannot be computed or
// price reaches a low-volume node, as a paper run's trader is. Account conditions (the daily
// loss limit) stay with the runs that have the account's trades.

import type { MinuteSnapshot } from '../../core/features/minute-feature-stream';
import type { Bar } from '../../core/market/bars';
import type { Instrument } from '../../core/market/instrument';
import type { Alert } from './alert';
import { ConditionAlerts, DEFAULT_CONDITION_LIMITS, type ConditionLimits } from './condition-alerts';

export class MarketConditionWatch {
  private readonly conditions: ConditionAlerts;
  private readonly bars: Bar[] = [];
  private readonly history = { bars: this.bars };

  constructor(
    instrument: Instrument,
    private readonly limits: ConditionLimits = { ...DEFAULT_CONDITION_LIMITS, maxDailyLoss: null },
  ) {
    this.conditions = new ConditionAlerts(instrument, { ...limits, maxDailyLoss: null }, instrument.symbol);
  }

  /** One closed minute of the watched market; the alerts whose condition began with it. */
  onMinute(snap: MinuteSnapshot): Alert[] {
    this.bars.push(snap.bar);
    if (this.bars.length > this.limits.lvnWindowBars) this.bars.shift();
    return this.conditions.onDecision({ decisionTs: snap.bar.ts + 59_999, bar: snap.bar, features: snap.features, history: this.history, closedTrades: [] });
  }
}
