// Trade statistics on the six-trade fixture, every value worked out by hand, plus the edge cases
// (no trades, all winners, one trade, breakeven, zero-length run).

import { describe, expect, it } from 'vitest';
import { computeTradeMetrics } from '../../../core/report/trade-metrics';
import { tradeTable } from '../../../core/report/trade-table';
import { DAY, H, SIX_TRADES, T0, trade } from './fixtures';

describe('computeTradeMetrics on the six-trade fixture (balance 10 000, span 2 days)', () => {
  const m = computeTradeMetrics(SIX_TRADES, 10_000, 2 * DAY);

  it('counts winners, losers, breakevens and sides', () => {
    // Winners T1, T2, T6; losers T3, T4; breakeven T5. Longs T1, T2, T5, T6; shorts T3, T4.
    expect(m).toMatchObject({
      totalTrades: 6,
      winningTrades: 3,
      losingTrades: 2,
      breakevenTrades: 1,
      longTrades: 4,
      shortTrades: 2,
    });
  });

  it('win rates leave breakevens out of the denominator (jesse)', () => {
    // 3 / (3 + 2) = 0.6; longs 3 wins, 0 losses (T5 breakeven) = 1; shorts 0 / 2 = 0.
    expect(m.winRate).toBe(0.6);
    expect(m.longWinRate).toBe(1);
    expect(m.shortWinRate).toBe(0);
  });

  it('PnL totals: net, gross before costs, fees, funding', () => {
    // net 100 + 200 − 50 − 25 + 0 + 50 = 275 → 2.75 % of 10 000.
    // gross 110 + 215 − 45 − 25 + 5 + 60 = 320 = 275 + fees 40 + funding 5.
    expect(m.netProfit).toBe(275);
    expect(m.netProfitPct).toBeCloseTo(2.75, 12);
    expect(m.totalGrossPnl).toBe(320);
    expect(m.totalFees).toBe(40); // 10 + 5 + 5 + 5 + 5 + 10
    expect(m.totalFunding).toBe(5); // 0 + 10 + 0 − 5 + 0 + 0
    expect(m.grossProfit).toBe(350); // 100 + 200 + 50
    expect(m.grossLoss).toBe(-75); // −50 − 25
  });

  it('average win/loss, their ratio, expectancy and profit factor', () => {
    expect(m.averageWin).toBeCloseTo(350 / 3, 12); // 116.67
    expect(m.averageLoss).toBe(-37.5); // −75 / 2
    expect(m.winLossRatio).toBeCloseTo(350 / 3 / 37.5, 12); // 3.111
    expect(m.expectancy).toBeCloseTo(275 / 6, 12); // 45.83 per trade
    expect(m.expectancyPct).toBeCloseTo((275 / 6 / 10_000) * 100, 12); // 0.4583 %
    expect(m.profitFactor).toBeCloseTo(350 / 75, 12); // 4.667
  });

  it('streaks follow closing order and a breakeven breaks them', () => {
    // W W L L B W → longest winning 2, losing 2.
    expect(m.longestWinningStreak).toBe(2);
    expect(m.longestLosingStreak).toBe(2);
    expect(m.largestWin).toBe(200);
    expect(m.largestLoss).toBe(-50);
  });

  it('holding periods, trades per day and average R', () => {
    // Held 1, 2, 2, 1, 10, 1 h → 17/6 h; winners T1 1 h, T2 2 h, T6 1 h → 4/3 h; losers 2 h, 1 h → 1.5 h.
    expect(m.averageHoldingMs).toBeCloseTo((17 / 6) * H, 6);
    expect(m.averageWinningHoldingMs).toBeCloseTo((4 / 3) * H, 6);
    expect(m.averageLosingHoldingMs).toBe(1.5 * H);
    expect(m.tradesPerDay).toBe(3); // 6 trades / 2 days
    // R: T1 100/50 = 2, T3 −50/50 = −1, T4 −25/25 = −1, T6 50/100 = 0.5 → 0.5 / 4 = 0.125.
    expect(m.averageR).toBe(0.125);
    expect(m.tradesWithRisk).toBe(4);
  });
});

describe('computeTradeMetrics edge cases', () => {
  it('no trades: counts 0, averages and ratios null, totals 0', () => {
    const m = computeTradeMetrics([], 1000, DAY);
    expect(m.totalTrades).toBe(0);
    expect(m.netProfit).toBe(0);
    expect(m.netProfitPct).toBe(0);
    for (const k of ['winRate', 'averageWin', 'averageLoss', 'winLossRatio', 'expectancy', 'profitFactor', 'largestWin', 'largestLoss', 'averageHoldingMs', 'averageR'] as const) {
      expect(m[k], k).toBeNull();
    }
    expect(m.tradesPerDay).toBe(0);
    expect(m.longestWinningStreak).toBe(0);
  });

  it('all winners: profit factor and win/loss ratio are +Infinity, loss fields null', () => {
    const m = computeTradeMetrics([trade({ id: 'a', netPnl: 10 }), trade({ id: 'b', netPnl: 30 })], 1000, DAY);
    expect(m.profitFactor).toBe(Infinity); // 40 / 0
    expect(m.winLossRatio).toBe(Infinity); // 20 / 0
    expect(m.winRate).toBe(1);
    expect(m.averageLoss).toBeNull();
    expect(m.largestLoss).toBeNull();
    expect(m.longestWinningStreak).toBe(2);
  });

  it('all losers: profit factor 0, win/loss ratio null (no average win)', () => {
    const m = computeTradeMetrics([trade({ id: 'a', netPnl: -10 })], 1000, DAY);
    expect(m.profitFactor).toBe(0); // 0 / 10
    expect(m.winLossRatio).toBeNull();
    expect(m.winRate).toBe(0);
  });

  it('only breakevens: win rate and profit factor undefined (0/0 → null)', () => {
    const m = computeTradeMetrics([trade({ id: 'a', netPnl: 0 })], 1000, DAY);
    expect(m.winRate).toBeNull();
    expect(m.profitFactor).toBeNull();
    expect(m.expectancy).toBe(0);
    expect(m.longestWinningStreak).toBe(0);
    expect(m.longestLosingStreak).toBe(0);
  });

  it('one trade: every per-trade average is that trade', () => {
    const t = trade({ id: 'a', side: 'short', netPnl: 40, entryTs: T0, exitTs: T0 + 3 * H, initialRisk: 20 });
    const m = computeTradeMetrics([t], 2000, DAY);
    expect(m).toMatchObject({ averageWin: 40, expectancy: 40, expectancyPct: 2, largestWin: 40, averageR: 2, shortWinRate: 1, longWinRate: null });
    expect(m.averageHoldingMs).toBe(3 * H);
    expect(m.tradesPerDay).toBe(1);
  });

  it('zero-length run: trades per day is null', () => {
    expect(computeTradeMetrics([trade({ id: 'a', netPnl: 1 })], 1000, 0).tradesPerDay).toBeNull();
  });
});

describe('tradeTable', () => {
  it('lists trades in closing order with holding time, R, spread and cumulative PnL', () => {
    const rows = tradeTable(SIX_TRADES);
    expect(rows.map((r) => r.id)).toEqual(['T1', 'T2', 'T3', 'T4', 'T5', 'T6']);
    // Cumulative: 100, 300, 250, 225, 225, 275.
    expect(rows.map((r) => r.cumulativeNetPnl)).toEqual([100, 300, 250, 225, 225, 275]);
    expect(rows.map((r) => r.rMultiple)).toEqual([2, null, -1, -1, null, 0.5]);
    // Spread: T1 1 + 1, T3 entry only 2, T4 0.5 + 0.5, T5 exit only 3.
    expect(rows.map((r) => r.spreadPaid)).toEqual([2, null, 2, 1, 3, null]);
    expect(rows.map((r) => r.holdingMs / H)).toEqual([1, 2, 2, 1, 10, 1]);
  });
});
