// Metrics computed from closed trades alone (jesse's trade statistics plus seed 003 §9.3's gross/net
// PnL and PnL per trade). Winners, losers and streaks are judged on net PnL, after all costs.

import { mean, ratio, sum } from './stats';
import { DAY_MS, type ClosedTrade } from './types';

export interface TradeMetrics {
  totalTrades: number;
  /** netPnl > 0. */
  winningTrades: number;
  /** netPnl < 0. */
  losingTrades: number;
  /** netPnl === 0: excluded from win rates (as jesse does) and breaking both streaks. */
  breakevenTrades: number;
  longTrades: number;
  shortTrades: number;
  /** wins / (wins + losses), a fraction 0..1; null when there is no decisive trade. */
  winRate: number | null;
  longWinRate: number | null;
  shortWinRate: number | null;
  /** Mean net PnL of winners (quote currency, positive); null without winners. */
  averageWin: number | null;
  /** Mean net PnL of losers, kept signed (negative); null without losers. */
  averageLoss: number | null;
  /** averageWin / |averageLoss|; Infinity with winners but no losers, null without winners. */
  winLossRatio: number | null;
  /** Net PnL per trade = netProfit / totalTrades (seed 003 "PnL per trade"); null without trades. */
  expectancy: number | null;
  /** expectancy / startingBalance × 100. */
  expectancyPct: number | null;
  /** grossProfit / |grossLoss|; Infinity when nothing was lost, null when nothing won or lost. */
  profitFactor: number | null;
  /** Σ netPnl. */
  netProfit: number;
  /** netProfit / startingBalance × 100. */
  netProfitPct: number;
  /** Σ grossPnl: PnL before fees and funding (seed 003 "gross PnL"). */
  totalGrossPnl: number;
  /** Σ netPnl of winners (jesse's gross profit: the profit factor numerator). */
  grossProfit: number;
  /** Σ netPnl of losers, negative or 0. */
  grossLoss: number;
  totalFees: number;
  totalFunding: number;
  longestWinningStreak: number;
  longestLosingStreak: number;
  /** Largest single net win; null without winners. */
  largestWin: number | null;
  /** Most negative single net loss; null without losers. */
  largestLoss: number | null;
  /** exitTs − entryTs, milliseconds. */
  averageHoldingMs: number | null;
  averageWinningHoldingMs: number | null;
  averageLosingHoldingMs: number | null;
  /** totalTrades / run span in days; null for a zero-length run. */
  tradesPerDay: number | null;
  /** Mean of netPnl / initialRisk over trades that carry a risk; null when none does. */
  averageR: number | null;
  tradesWithRisk: number;
}

/** Trades in the order they closed, which is the order streaks and the equity curve follow. */
export function sortByExit(trades: readonly ClosedTrade[]): ClosedTrade[] {
  return [...trades].sort((a, b) => a.exitTs - b.exitTs || a.entryTs - b.entryTs || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

function winRateOf(trades: readonly ClosedTrade[]): number | null {
  const w = trades.filter((t) => t.netPnl > 0).length;
  const l = trades.filter((t) => t.netPnl < 0).length;
  return w + l === 0 ? null : w / (w + l);
}

function longestRun(trades: readonly ClosedTrade[], hit: (t: ClosedTrade) => boolean): number {
  let best = 0;
  let run = 0;
  for (const t of trades) {
    run = hit(t) ? run + 1 : 0;
    best = Math.max(best, run);
  }
  return best;
}

export function computeTradeMetrics(
  tradesInput: readonly ClosedTrade[],
  startingBalance: number,
  spanMs: number,
): TradeMetrics {
  const trades = sortByExit(tradesInput);
  const winners = trades.filter((t) => t.netPnl > 0);
  const losers = trades.filter((t) => t.netPnl < 0);
  const longs = trades.filter((t) => t.side === 'long');
  const shorts = trades.filter((t) => t.side === 'short');
  const net = trades.map((t) => t.netPnl);
  const hold = (ts: readonly ClosedTrade[]): number | null => mean(ts.map((t) => t.exitTs - t.entryTs));

  const netProfit = sum(net);
  const grossProfit = sum(winners.map((t) => t.netPnl));
  const grossLoss = sum(losers.map((t) => t.netPnl));
  const averageWin = mean(winners.map((t) => t.netPnl));
  const averageLoss = mean(losers.map((t) => t.netPnl));
  const expectancy = mean(net);
  const withRisk = trades.filter((t) => t.initialRisk !== undefined && t.initialRisk > 0);

  return {
    totalTrades: trades.length,
    winningTrades: winners.length,
    losingTrades: losers.length,
    breakevenTrades: trades.length - winners.length - losers.length,
    longTrades: longs.length,
    shortTrades: shorts.length,
    winRate: winRateOf(trades),
    longWinRate: winRateOf(longs),
    shortWinRate: winRateOf(shorts),
    averageWin,
    averageLoss,
    winLossRatio: averageWin === null ? null : ratio(averageWin, Math.abs(averageLoss ?? 0)),
    expectancy,
    expectancyPct: expectancy === null ? null : (expectancy / startingBalance) * 100,
    profitFactor: trades.length === 0 ? null : ratio(grossProfit, Math.abs(grossLoss)),
    netProfit,
    netProfitPct: (netProfit / startingBalance) * 100,
    totalGrossPnl: sum(trades.map((t) => t.grossPnl)),
    grossProfit,
    grossLoss,
    totalFees: sum(trades.map((t) => t.fees)),
    totalFunding: sum(trades.map((t) => t.funding)),
    longestWinningStreak: longestRun(trades, (t) => t.netPnl > 0),
    longestLosingStreak: longestRun(trades, (t) => t.netPnl < 0),
    largestWin: winners.reduce<number | null>((m, t) => (m === null || t.netPnl > m ? t.netPnl : m), null),
    largestLoss: losers.reduce<number | null>((m, t) => (m === null || t.netPnl < m ? t.netPnl : m), null),
    averageHoldingMs: hold(trades),
    averageWinningHoldingMs: hold(winners),
    averageLosingHoldingMs: hold(losers),
    tradesPerDay: spanMs > 0 ? trades.length / (spanMs / DAY_MS) : null,
    averageR: mean(withRisk.map((t) => t.netPnl / (t.initialRisk as number))),
    tradesWithRisk: withRisk.length,
  };
}
