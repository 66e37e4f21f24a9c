// Deterministic synthetic trades and quotes (seeded PRNG) for the property-style checks: a random
// walk of the book with trades at, through and inside the spread, shared and equal timestamps.

import type { Quote, Trade } from '../../../core/market/events';

export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface Ticks {
  trades: Trade[];
  quotes: Quote[];
}

/** About `n` events starting at `t0`, 0–400 ms apart, often sharing a timestamp. */
export function syntheticTicks(seed: number, n: number, t0: number): Ticks {
  const rnd = mulberry32(seed);
  const trades: Trade[] = [];
  const quotes: Quote[] = [];
  let ts = t0;
  let bid = 100_000;
  for (let i = 0; i < n; i++) {
    if (rnd() < 0.6) ts += Math.floor(rnd() * 400);
    const spread = 1 + Math.floor(rnd() * 3);
    if (rnd() < 0.45) {
      bid += Math.floor(rnd() * 5) - 2;
      quotes.push({ ts, bidPrice: bid, bidSize: Math.floor(rnd() * 10), askPrice: bid + spread, askSize: Math.floor(rnd() * 10) });
    } else {
      const r = rnd();
      const price = r < 0.35 ? bid + spread : r < 0.7 ? bid : r < 0.8 ? bid + spread + 1 : r < 0.9 ? bid - 1 : bid + 1;
      const side = r < 0.33 ? 1 : r < 0.66 ? -1 : rnd() < 0.5 ? 0 : rnd() < 0.5 ? 1 : -1;
      trades.push({ ts, price, size: 1 + Math.floor(rnd() * 20) / 4, side });
    }
  }
  return { trades, quotes };
}
