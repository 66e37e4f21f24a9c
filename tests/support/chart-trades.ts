// A seeded stream of BTCUSDT trades for the chart's browser tests and benchmark: a random walk in
// 0.1 ticks with bursts of one-sided aggression (so footprints carry imbalances), every trade
// with its aggressor side, `perMinute` trades a minute from `startTs`.

import type { MarketEvent, Trade } from '../../core/market/events';

export function chartTrades(minutes: number, perMinute: number, startTs: number, seed0 = 7): Trade[] {
  let seed = seed0;
  const rand = (): number => {
    seed = (Math.imul(seed, 1664525) + 1013904223) >>> 0;
    return seed / 4294967296;
  };
  const trades: Trade[] = [];
  let price = 900_000;
  let burst = 0;
  let burstSide: 1 | -1 = 1;
  for (let m = 0; m < minutes; m++) {
    for (let k = 0; k < perMinute; k++) {
      const ts = startTs + m * 60_000 + Math.floor((k * 60_000) / perMinute);
      if (burst === 0 && rand() < 0.01) {
        burst = 10 + Math.floor(rand() * 25);
        burstSide = rand() < 0.5 ? 1 : -1;
      }
      let side: 1 | -1;
      if (burst > 0) {
        burst--;
        side = burstSide;
        price += burstSide * Math.floor(rand() * 6);
      } else {
        side = rand() < 0.5 ? 1 : -1;
        price += Math.round((rand() - 0.5) * 12 + (900_000 - price) * 0.002);
      }
      const size = Math.round((0.001 + -Math.log(1 - rand()) * 0.08) * 1000) / 1000;
      trades.push({ ts, price, size, side });
    }
  }
  return trades;
}

export function asEvents(trades: readonly Trade[]): MarketEvent[] {
  return trades.map((trade) => ({ kind: 'trade', trade }));
}
