import { describe, expect, it } from 'vitest';
import { MinuteBarBuilder, type Bar } from '../../../core/market/bars';
import type { Quote, Trade } from '../../../core/market/events';

const T0 = Date.UTC(2024, 6, 18, 23, 57, 0);
const trade = (offsetMs: number, price: number, size: number, side: 1 | -1 | 0): Trade => ({ ts: T0 + offsetMs, price, size, side });
const quote = (offsetMs: number, bid: number, ask: number): Quote => ({
  ts: T0 + offsetMs,
  bidPrice: bid,
  bidSize: 1,
  askPrice: ask,
  askSize: 2,
});

describe('MinuteBarBuilder', () => {
  it('builds OHLCV, VWAP, buy/sell volume and delta for a minute (hand-computed)', () => {
    const b = new MinuteBarBuilder();
    b.onQuote(quote(0, 100, 101));
    b.onTrade(trade(1_000, 101, 2, 1));
    b.onTrade(trade(2_000, 103, 1, 1));
    b.onTrade(trade(3_000, 99, 3, -1));
    b.onTrade(trade(59_999, 100, 4, 0));
    const bar = b.openBar() as Bar;
    expect(bar.ts).toBe(T0);
    expect([bar.open, bar.high, bar.low, bar.close]).toEqual([101, 103, 99, 100]);
    expect(bar.volume).toBe(10);
    // (101*2 + 103*1 + 99*3 + 100*4) / 10 = 1002 / 10
    expect(bar.vwap).toBeCloseTo(100.2, 12);
    expect(bar.trades).toBe(4);
    expect(bar.buyVolume).toBe(3);
    expect(bar.sellVolume).toBe(3);
    expect(bar.delta).toBe(0);
  });

  it('closes a bar on the UTC minute boundary and starts the next at the first trade', () => {
    const b = new MinuteBarBuilder();
    expect(b.onTrade(trade(59_999, 100, 1, 1))).toBeNull();
    const closed = b.onTrade(trade(60_000, 105, 1, -1));
    expect(closed?.ts).toBe(T0);
    expect(closed?.close).toBe(100);
    const next = b.openBar() as Bar;
    expect(next.ts).toBe(T0 + 60_000);
    expect(next.open).toBe(105);
    expect(next.delta).toBe(-1);
  });

  it('keeps the latest quote at or before the minute close as the close snapshot', () => {
    const b = new MinuteBarBuilder();
    b.onQuote(quote(0, 100, 101));
    b.onTrade(trade(10, 101, 1, 1));
    b.onQuote(quote(59_999, 102, 103));
    // A quote in the next minute closes the bar and must not leak into its snapshot.
    const closed = b.onQuote(quote(60_000, 110, 111));
    expect(closed?.closeQuote?.bidPrice).toBe(102);
    expect(closed?.closeQuote?.askPrice).toBe(103);
  });

  it('closes the open bar when the clock passes its end without a new event', () => {
    const b = new MinuteBarBuilder();
    b.onTrade(trade(5, 100, 1, 1));
    expect(b.advanceTo(T0 + 59_999)).toBeNull();
    expect(b.advanceTo(T0 + 60_000)?.ts).toBe(T0);
    expect(b.openBar()).toBeNull();
  });

  it('rejects time going backwards instead of silently corrupting a closed bar', () => {
    const b = new MinuteBarBuilder();
    b.onTrade(trade(1_000, 100, 1, 1));
    expect(() => b.onTrade(trade(999, 100, 1, 1))).toThrow(/backwards/);
  });

  it('agrees with an independent per-minute recomputation on a random stream', () => {
    let seed = 7;
    const rand = (): number => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed / 2 ** 31;
    };
    const trades: Trade[] = [];
    let ts = T0;
    for (let i = 0; i < 5_000; i++) {
      ts += Math.floor(rand() * 200);
      trades.push({ ts, price: 1000 + Math.floor(rand() * 50), size: Math.ceil(rand() * 1000) / 1000, side: rand() < 0.5 ? 1 : -1 });
    }
    const b = new MinuteBarBuilder();
    const bars: Bar[] = [];
    for (const t of trades) {
      const closed = b.onTrade(t);
      if (closed) bars.push(closed);
    }
    const last = b.openBar();
    if (last) bars.push(last);

    const byMinute = new Map<number, Trade[]>();
    for (const t of trades) {
      const m = Math.floor(t.ts / 60_000) * 60_000;
      byMinute.set(m, [...(byMinute.get(m) ?? []), t]);
    }
    expect(bars.map((x) => x.ts)).toEqual([...byMinute.keys()]);
    for (const bar of bars) {
      const ts = byMinute.get(bar.ts) as Trade[];
      expect(bar.open).toBe(ts[0]?.price);
      expect(bar.close).toBe(ts[ts.length - 1]?.price);
      expect(bar.high).toBe(Math.max(...ts.map((t) => t.price)));
      expect(bar.low).toBe(Math.min(...ts.map((t) => t.price)));
      expect(bar.volume).toBeCloseTo(ts.reduce((s, t) => s + t.size, 0), 9);
      expect(bar.delta).toBeCloseTo(ts.reduce((s, t) => s + t.side * t.size, 0), 9);
    }
  });
});
