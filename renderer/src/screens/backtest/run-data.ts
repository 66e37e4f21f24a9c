// What a run stepped through, as the run's header, the runs list and the comparison name it.

import type { BacktestRunSummary } from '../../../../core/api/areas/backtest';

/** "15m bars" or "ticks". */
export function runData(run: Pick<BacktestRunSummary, 'mode' | 'timeframe'>): string {
  return run.mode === 'bars' ? `${run.timeframe} bars` : 'ticks';
}
