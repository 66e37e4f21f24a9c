// Days of 1m bars from a seeded random walk, written as Binance klines (with taker-buy volume,
// so bar-mode order flow exists): a store fixture for backtest and sweep tests.

export function syntheticKlinesCsv(days: number, seed = 7): { text: string; from: number; to: number } {
  let s = seed;
  const rand = (): number => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 4294967296;
  };
  const t0 = Date.UTC(2025, 2, 3);
  const lines: string[] = [];
  let price = 65_000;
  for (let i = 0; i < days * 1440; i++) {
    const open = price;
    const close = Math.round((open + (rand() - 0.5) * 16 + (65_000 - open) * 0.002) * 10) / 10;
    const high = Math.max(open, close) + Math.round(rand() * 60) / 10;
    const low = Math.min(open, close) - Math.round(rand() * 60) / 10;
    const volume = 10 + rand() * 40;
    // Buyers lead when price rose: the taker-buy share follows the bar's direction.
    const buy = volume * (close >= open ? 0.55 + rand() * 0.3 : 0.15 + rand() * 0.3);
    const ts = t0 + i * 60_000;
    lines.push(`${ts},${open.toFixed(1)},${high.toFixed(1)},${low.toFixed(1)},${close.toFixed(1)},${volume.toFixed(3)},${ts + 59_999},0,100,${buy.toFixed(3)},0,0`);
    price = close;
  }
  return { text: `${lines.join('\n')}\n`, from: t0, to: t0 + days * 86_400_000 };
}
