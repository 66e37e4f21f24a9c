// Shared hand-made inputs for the report tests: a six-trade run whose every metric is worked out
// by hand in trade-metrics.test.ts, and a trade builder that fills the fields a test ignores.

import type { ClosedTrade } from '../../../core/report/types';

export const H = 3_600_000;
export const M = 60_000;
export const DAY = 86_400_000;
/** 2024-01-01T00:00:00Z. */
export const T0 = Date.UTC(2024, 0, 1);

export function trade(p: Partial<ClosedTrade> & { id: string; netPnl: number }): ClosedTrade {
  return {
    side: 'long',
    qty: 1,
    entryTs: T0,
    entryPrice: 100,
    exitTs: T0 + H,
    exitPrice: 100,
    grossPnl: p.netPnl,
    fees: 0,
    funding: 0,
    strategyTag: 'test',
    ...p,
  };
}

/**
 * Six trades over a 2-day run (times in hours from T0), listed out of closing order on purpose:
 *   id side  entry→exit  gross  fees funding  net   risk  spread entry/exit
 *   T3 short   4 → 6      -45    5    0      -50    50    2 / –
 *   T1 long    1 → 2      110   10    0      100    50    1 / 1
 *   T2 long    3 → 5      215    5   10      200    –     – / –
 *   T4 short  10 → 11     -25    5   -5      -25    25    0.5 / 0.5
 *   T6 long   40 → 41      60   10    0       50   100    – / –
 *   T5 long   20 → 30       5    5    0        0    –     – / 3
 * Closing order: T1 +100, T2 +200, T3 −50, T4 −25, T5 0, T6 +50.
 */
export const SIX_TRADES: ClosedTrade[] = [
  trade({ id: 'T3', side: 'short', entryTs: T0 + 4 * H, exitTs: T0 + 6 * H, grossPnl: -45, fees: 5, netPnl: -50, initialRisk: 50, spreadPaidEntry: 2 }),
  trade({ id: 'T1', entryTs: T0 + 1 * H, exitTs: T0 + 2 * H, grossPnl: 110, fees: 10, netPnl: 100, initialRisk: 50, spreadPaidEntry: 1, spreadPaidExit: 1 }),
  trade({ id: 'T2', entryTs: T0 + 3 * H, exitTs: T0 + 5 * H, grossPnl: 215, fees: 5, funding: 10, netPnl: 200 }),
  trade({
    id: 'T4',
    side: 'short',
    entryTs: T0 + 10 * H,
    exitTs: T0 + 11 * H,
    grossPnl: -25,
    fees: 5,
    funding: -5,
    netPnl: -25,
    initialRisk: 25,
    spreadPaidEntry: 0.5,
    spreadPaidExit: 0.5,
  }),
  trade({ id: 'T6', entryTs: T0 + 40 * H, exitTs: T0 + 41 * H, grossPnl: 60, fees: 10, netPnl: 50, initialRisk: 100 }),
  trade({ id: 'T5', entryTs: T0 + 20 * H, exitTs: T0 + 30 * H, grossPnl: 5, fees: 5, netPnl: 0, spreadPaidExit: 3 }),
];
