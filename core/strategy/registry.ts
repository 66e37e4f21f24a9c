// The strategies the workstation ships with: the backtest form, the CLI and paper trading list
// these, each with its parameter schema and seed defaults.

import type { StrategyDefinition } from './types';
import { seed000AmtTrendContinuation } from './seed000/amt-trend-continuation';
import { seed002MeanReversion } from './seed002/mean-reversion';
import { seed002TrendModel } from './seed002/trend-model';
import { seed003ValueAreaSetups } from './seed003/value-area-setups';
import { seed004AuctionReversion } from './seed004/auction-reversion';
import { seed004ValueAreaBreakout } from './seed004/value-area-breakout';

export const BUILT_IN_STRATEGIES: readonly StrategyDefinition[] = [
  seed003ValueAreaSetups,
  seed000AmtTrendContinuation,
  seed004ValueAreaBreakout,
  seed004AuctionReversion,
  seed002TrendModel,
  seed002MeanReversion,
];

export function strategyById(id: string): StrategyDefinition | undefined {
  return BUILT_IN_STRATEGIES.find((d) => d.id === id);
}
