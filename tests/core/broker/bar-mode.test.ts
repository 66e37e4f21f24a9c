// Bar-mode fills (seed 003 §9.1 mode 2): next open or close quote for market orders, stop before
// target inside one bar, gaps at the open. Money = ticks * 0.1 * qty; taker 5 bps, maker -1 bps.

import { describe, expect, it } from 'vitest';
import type { BracketRequest } from '../../../core/broker/types';
import { bar, broker, cancels, fills, must, quote, T0 } from './helpers';

const M = 60_000;
const D = T0 + M - 1; // close of bar 0
const BRACKET: BracketRequest = { side: 'buy', qty: 0.02, entry: { type: 'market' }, stopPrice: 999_000, targets: [{ price: 1_001_000, share: 0.5 }, { price: 1_002_000, share: 0.5 }] };

function barBroker(barMarketPrice: 'open' | 'close-quote' = 'open') {
  const b = broker({ mode: 'bar', barMarketPrice, requireStop: true });
  b.onBar(bar(T0, 1_000_000, 1_000_050, 999_950, 1_000_000, quote(D - 5, 999_990, 999_998)));
  return b;
}

describe('bar mode', () => {
  it('fills a market order at the next bar open plus slippage, stamped at that open', () => {
    const b = barBroker();
    must(b.submit({ side: 'sell', type: 'market', qty: 0.01, reduceOnly: true }, D)); // flat: will cancel
    must(b.submitBracket({ ...BRACKET, stopPrice: 990_000, targets: [] }, D));
    b.onBar(bar(T0 + M, 1_000_020, 1_000_100, 999_900, 1_000_050));
    const [f] = fills(b.drainEvents());
    // 1_000_020 + 1 = 1_000_021; fee 1_000_021 * 0.1 * 0.02 * 0.0005 = 1.0000210
    expect(f).toMatchObject({ price: 1_000_021, refPrice: 1_000_020, ts: T0 + M, spreadTicks: null, decisionTs: D });
    expect(f?.fee).toBeCloseTo(1.000021, 9);
    expect(b.account().markPrice).toBe(1_000_050);
    // unrealised (1_000_050 - 1_000_021) * 0.1 * 0.02 = 0.058
    expect(b.account().unrealizedPnl).toBeCloseTo(0.058, 9);
  });

  it('uses the decision bar close quote (ask + slippage) when configured and the bars are contiguous', () => {
    const b = barBroker('close-quote');
    must(b.submitBracket({ ...BRACKET, targets: [] }, D));
    b.onBar(bar(T0 + M, 1_000_020, 1_000_100, 999_900, 1_000_050, quote(T0 + 2 * M - 3, 1_000_040, 1_000_060)));
    // close quote of bar 0: ask 999_998 + 1 = 999_999, spread 8
    expect(fills(b.drainEvents())[0]).toMatchObject({ price: 999_999, refPrice: 999_998, spreadTicks: 8, ts: T0 + M });
    // after a missing minute the old close quote is stale: the open is used
    must(b.flatten(T0 + 2 * M - 1));
    b.onBar(bar(T0 + 3 * M, 1_000_300, 1_000_300, 1_000_300, 1_000_300));
    expect(fills(b.drainEvents())[0]).toMatchObject({ role: 'flatten', price: 1_000_299, spreadTicks: null });
  });

  it('never fills on a bar that opens at or before the decision time', () => {
    const b = barBroker();
    must(b.submitBracket({ ...BRACKET, targets: [] }, T0 + M)); // decided at the next bar's open ms
    b.onBar(bar(T0 + M, 1_000_020, 1_000_100, 999_900, 1_000_050));
    expect(fills(b.drainEvents())).toEqual([]);
    b.onBar(bar(T0 + 2 * M, 1_000_060, 1_000_100, 999_900, 1_000_050));
    expect(fills(b.drainEvents())[0]).toMatchObject({ price: 1_000_061, ts: T0 + 2 * M });
  });

  it('takes the stop, not the target, when one bar reaches both', () => {
    const b = barBroker();
    must(b.submitBracket(BRACKET, D));
    b.onBar(bar(T0 + M, 1_000_000, 1_000_200, 999_900, 1_000_100)); // entry at 1_000_001
    b.onBar(bar(T0 + 2 * M, 1_000_100, 1_001_500, 998_900, 999_500)); // through target 1 and the stop
    const ev = b.drainEvents();
    const exits = fills(ev).filter((f) => f.role !== 'entry');
    // stop at 999_000 - 1 = 998_999, stamped at the bar close
    expect(exits.map((f) => [f.role, f.qty, f.price, f.ts])).toEqual([['stop', 0.02, 998_999, T0 + 3 * M - 1]]);
    expect(cancels(ev).map((c) => c.reason)).toEqual(['stop-filled', 'stop-filled']);
    // realised (998_999 - 1_000_001) * 0.1 * 0.02 = -2.004
    // fees 2000.002 * 0.0005 + 1997.998 * 0.0005 = 1.000001 + 0.998999 = 1.999
    expect(exits[0]?.realizedPnl).toBeCloseTo(-2.004, 9);
    expect(b.account().balance).toBeCloseTo(10_000 - 2.004 - 1.999, 9);
  });

  it('fills a stop gapped through at the open', () => {
    const b = barBroker();
    must(b.submitBracket(BRACKET, D));
    b.onBar(bar(T0 + M, 1_000_000, 1_000_200, 999_900, 1_000_100));
    b.onBar(bar(T0 + 2 * M, 998_500, 998_800, 998_000, 998_600));
    const stop = fills(b.drainEvents()).find((f) => f.role === 'stop');
    // open 998_500 - 1 = 998_499 at the open; realised (998_499 - 1_000_001) * 0.002 = -3.004
    expect(stop).toMatchObject({ price: 998_499, refPrice: 998_500, ts: T0 + 2 * M });
    expect(stop?.realizedPnl).toBeCloseTo(-3.004, 9);
  });

  it('checks the stop, but not the targets, in the bar the entry fills', () => {
    const b = barBroker();
    must(b.submitBracket(BRACKET, D));
    b.onBar(bar(T0 + M, 1_000_000, 1_001_500, 998_990, 999_500));
    const f = fills(b.drainEvents());
    expect(f.map((x) => [x.role, x.price, x.positionAfter])).toEqual([
      ['entry', 1_000_001, 0.02],
      ['stop', 998_999, 0],
    ]);
    expect(b.workingOrders()).toEqual([]);
  });

  it('takes the first target on a bar through it, halves the stop, and needs a print strictly through', () => {
    const b = barBroker();
    const id = must(b.submitBracket(BRACKET, D));
    b.onBar(bar(T0 + M, 1_000_000, 1_000_200, 999_900, 1_000_100));
    b.onBar(bar(T0 + 2 * M, 1_000_100, 1_001_001, 1_000_000, 1_000_900));
    const ev = b.drainEvents();
    const t1 = fills(ev).find((f) => f.role === 'target');
    // maker 0.01 at 1_001_000: realised (1_001_000 - 1_000_001) * 0.001 = 0.999, fee -0.1001
    expect(t1).toMatchObject({ price: 1_001_000, liquidity: 'maker', qty: 0.01, ts: T0 + 3 * M - 1 });
    expect(t1?.realizedPnl).toBeCloseTo(0.999, 9);
    expect(t1?.fee).toBeCloseTo(-0.1001, 9);
    expect(b.order(b.bracket(id)?.stopOrderId as number)?.qty).toBe(0.01);
    b.onBar(bar(T0 + 3 * M, 1_000_900, 1_002_000, 1_000_800, 1_001_900)); // high == target 2: no fill
    expect(fills(b.drainEvents())).toEqual([]);
  });

  it('rests a limit entry until a bar trades strictly through it; a limit the open crosses is a taker at the open', () => {
    const b = barBroker();
    must(b.submitBracket({ ...BRACKET, entry: { type: 'limit', limitPrice: 999_500 } }, D));
    b.onBar(bar(T0 + M, 1_000_000, 1_001_500, 999_500, 1_000_000)); // low == limit
    expect(fills(b.drainEvents())).toEqual([]);
    b.onBar(bar(T0 + 2 * M, 1_000_000, 1_001_500, 999_400, 1_000_000)); // through; targets wait for the next bar
    expect(fills(b.drainEvents()).map((f) => [f.role, f.price, f.liquidity, f.ts])).toEqual([['entry', 999_500, 'maker', T0 + 3 * M - 1]]);

    const c = barBroker();
    must(c.submitBracket({ ...BRACKET, entry: { type: 'limit', limitPrice: 1_000_500 } }, D));
    c.onBar(bar(T0 + M, 1_000_000, 1_000_200, 999_900, 1_000_100));
    // min(1_000_000 + 1, 1_000_500) = 1_000_001 at the open
    expect(fills(c.drainEvents())[0]).toMatchObject({ price: 1_000_001, liquidity: 'taker', ts: T0 + M });
  });

  it('fills a buy stop entry at the stop plus slippage when the bar reaches it, at the open when gapped', () => {
    const b = barBroker();
    must(b.submitBracket({ ...BRACKET, entry: { type: 'stop', stopPrice: 1_000_300 }, targets: [] }, D));
    b.onBar(bar(T0 + M, 1_000_000, 1_000_400, 999_900, 1_000_350));
    expect(fills(b.drainEvents())[0]).toMatchObject({ role: 'entry', price: 1_000_301, ts: T0 + 2 * M - 1 });

    const c = barBroker();
    must(c.submitBracket({ ...BRACKET, entry: { type: 'stop', stopPrice: 1_000_300 }, targets: [] }, D));
    c.onBar(bar(T0 + M, 1_000_450, 1_000_500, 1_000_400, 1_000_450));
    expect(fills(c.drainEvents())[0]).toMatchObject({ price: 1_000_451, ts: T0 + M });
  });

  it('a resting limit entry gapped through fills at the open, and its stop gapped too fills at that open', () => {
    const b = barBroker();
    must(b.submitBracket({ ...BRACKET, entry: { type: 'limit', limitPrice: 999_500 }, targets: [] }, D));
    b.onBar(bar(T0 + M, 1_000_000, 1_000_100, 999_600, 1_000_000)); // rests
    b.onBar(bar(T0 + 2 * M, 998_800, 998_900, 998_700, 998_850)); // opens below the limit and the stop
    const f = fills(b.drainEvents());
    // entry maker at 999_500; stop at the open 998_800 - 1 = 998_799, both at the open
    // realised (998_799 - 999_500) * 0.1 * 0.02 = -1.402
    expect(f.map((x) => [x.role, x.price, x.liquidity, x.ts])).toEqual([
      ['entry', 999_500, 'maker', T0 + 2 * M],
      ['stop', 998_799, 'taker', T0 + 2 * M],
    ]);
    expect(f[1]?.realizedPnl).toBeCloseTo(-1.402, 9);
  });

  it('the stop of an entry filled inside the bar fills at its price at the close, never before the entry', () => {
    const b = barBroker();
    must(b.submitBracket({ ...BRACKET, entry: { type: 'stop', stopPrice: 1_000_300 }, targets: [] }, D));
    b.onBar(bar(T0 + M, 998_000, 1_000_400, 997_000, 998_500));
    const f = fills(b.drainEvents());
    // entry 1_000_301 at the close; stop 999_000 - 1 = 998_999 at the close (not the 998_000 open)
    // realised (998_999 - 1_000_301) * 0.1 * 0.02 = -2.604
    expect(f.map((x) => [x.role, x.price, x.ts])).toEqual([
      ['entry', 1_000_301, T0 + 2 * M - 1],
      ['stop', 998_999, T0 + 2 * M - 1],
    ]);
    expect(f[1]?.realizedPnl).toBeCloseTo(-2.604, 9);
  });

  it('refuses tick input in bar mode and bars going backwards', () => {
    const b = barBroker();
    expect(() => b.onQuote(quote(T0 + M, 1, 2))).toThrow(/bar mode/);
    expect(() => b.onBar(bar(T0, 1, 1, 1, 1))).toThrow(/back in time/);
  });
});
