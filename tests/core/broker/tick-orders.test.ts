// Tick-mode fills for plain orders (seed 003 §8.2), every number computed by hand.
// BTCUSDT perp: money = ticks * 0.1 * qty; taker 5 bps, maker -1 bps, 1 tick slippage each way.

import { describe, expect, it } from 'vitest';
import { broker, cancels, fills, must, quote, T0, trade } from './helpers';

const D = T0 + 59_999; // decision at the close of the minute starting T0

describe('market orders (tick mode)', () => {
  it('fill at the first quote strictly after the decision: buy at ask + 1, sell at bid - 1, fees and PnL', () => {
    const b = broker();
    must(b.submit({ side: 'buy', type: 'market', qty: 0.01 }, D));
    b.onQuote(quote(D, 999_990, 1_000_000)); // stamped at the decision time: must not fill
    expect(fills(b.drainEvents())).toEqual([]);
    b.onQuote(quote(D + 1, 999_995, 1_000_005));
    const [buy] = fills(b.drainEvents());
    // ask 1_000_005 + 1 tick = 1_000_006; notional 1_000_006 * 0.1 * 0.01 = 1000.006; fee 5 bps = 0.5000030
    expect(buy).toMatchObject({ side: 'buy', qty: 0.01, price: 1_000_006, refPrice: 1_000_005, slippageTicks: 1, liquidity: 'taker', decisionTs: D, ts: D + 1, spreadTicks: 10 });
    expect(buy?.notional).toBeCloseTo(1000.006, 9);
    expect(buy?.fee).toBeCloseTo(0.500003, 9);
    expect(buy?.slippageCost).toBeCloseTo(0.001, 12); // 1 tick * 0.1 * 0.01
    expect(b.position()).toMatchObject({ qty: 0.01, avgEntry: 1_000_006 });

    must(b.submit({ side: 'sell', type: 'market', qty: 0.01 }, D + 1));
    b.onQuote(quote(D + 1_001, 1_000_100, 1_000_110));
    const [sell] = fills(b.drainEvents());
    // bid 1_000_100 - 1 = 1_000_099; realised (1_000_099 - 1_000_006) * 0.1 * 0.01 = 0.093
    // fee 1000.0990 * 0.0005 = 0.50004950
    expect(sell).toMatchObject({ price: 1_000_099, slippageTicks: 1, positionAfter: 0 });
    expect(sell?.realizedPnl).toBeCloseTo(0.093, 9);
    expect(sell?.fee).toBeCloseTo(0.5000495, 9);
    // 10000 - 0.500003 + 0.093 - 0.5000495 = 9999.0929475
    const acc = b.account();
    expect(acc.balance).toBeCloseTo(9999.0929475, 9);
    expect(acc.equity).toBeCloseTo(9999.0929475, 9);
    expect(acc.position).toMatchObject({ qty: 0, avgEntry: 0 });
    expect(acc.position.realizedPnl).toBeCloseTo(0.093, 9);
    expect(acc.position.fees).toBeCloseTo(1.0000525, 9);
  });

  it('marks the open position to the quote mid for unrealised PnL and equity', () => {
    const b = broker();
    must(b.submit({ side: 'sell', type: 'market', qty: 0.02 }, D));
    b.onQuote(quote(D + 1, 1_000_000, 1_000_010)); // sells at 999_999
    b.onQuote(quote(D + 2, 999_900, 999_910)); // mid 999_905
    // short 0.02 from 999_999: (999_905 - 999_999) * 0.1 * -0.02 = +0.188
    // fee: 999_999 * 0.1 * 0.02 * 0.0005 = 0.9999990
    const acc = b.account();
    expect(acc.markPrice).toBe(999_905);
    expect(acc.unrealizedPnl).toBeCloseTo(0.188, 9);
    expect(acc.balance).toBeCloseTo(10_000 - 0.999999, 9);
    expect(acc.equity).toBeCloseTo(10_000 - 0.999999 + 0.188, 9);
  });

  it('uses bps slippage rounded up to whole ticks when configured', () => {
    const b = broker({ slippage: { kind: 'bps', bps: 1 } });
    must(b.submit({ side: 'buy', type: 'market', qty: 0.01 }, D));
    b.onQuote(quote(D + 1, 999_995, 1_000_005));
    // 1 bp of 1_000_005 ticks = 100.0005 ticks -> 101 ticks; 1_000_005 + 101 = 1_000_106
    expect(fills(b.drainEvents())[0]).toMatchObject({ price: 1_000_106, slippageTicks: 101 });
  });

  it('uses separate entry and exit slippage', () => {
    const b = broker({ slippage: { kind: 'ticks', entryTicks: 3, exitTicks: 2 } });
    must(b.submit({ side: 'buy', type: 'market', qty: 0.01 }, D));
    b.onQuote(quote(D + 1, 999_995, 1_000_005)); // entry: 1_000_005 + 3
    must(b.submit({ side: 'sell', type: 'market', qty: 0.01 }, D + 1));
    b.onQuote(quote(D + 2, 999_995, 1_000_005)); // exit: 999_995 - 2
    expect(fills(b.drainEvents()).map((f) => f.price)).toEqual([1_000_008, 999_993]);
  });

  it('rejects a decision time before data already processed, and fails fast on time going backwards', () => {
    const b = broker();
    b.onQuote(quote(D + 10, 999_995, 1_000_005));
    const r = b.submit({ side: 'buy', type: 'market', qty: 0.01 }, D);
    expect(r).toMatchObject({ ok: false, reason: 'stale-decision-ts' });
    expect(b.drainEvents().map((e) => e.type)).toEqual(['order-rejected']);
    expect(() => b.onQuote(quote(D + 9, 999_995, 1_000_005))).toThrow(/back in time/);
  });

  it('rejects bad quantities and prices, and plain entries when requireStop is on', () => {
    const b = broker();
    expect(b.submit({ side: 'buy', type: 'market', qty: 0.0105 }, D)).toMatchObject({ ok: false, reason: 'bad-qty' });
    expect(b.submit({ side: 'buy', type: 'market', qty: 0 }, D)).toMatchObject({ ok: false, reason: 'bad-qty' });
    expect(b.submit({ side: 'buy', type: 'limit', qty: 0.01 }, D)).toMatchObject({ ok: false, reason: 'missing-price' });
    expect(b.submit({ side: 'buy', type: 'limit', qty: 0.01, limitPrice: 100.5 }, D)).toMatchObject({ ok: false, reason: 'bad-price' });
    const strict = broker({ requireStop: true });
    expect(strict.submit({ side: 'buy', type: 'market', qty: 0.01 }, D)).toMatchObject({ ok: false, reason: 'stop-required' });
    expect(strict.submit({ side: 'sell', type: 'market', qty: 0.01, reduceOnly: true }, D).ok).toBe(true);
  });
});

describe('limit orders (tick mode)', () => {
  it('a limit marketable on its first quote is a taker at the touch plus slippage, capped at the limit', () => {
    const b = broker();
    must(b.submit({ side: 'buy', type: 'limit', qty: 0.01, limitPrice: 1_000_010 }, D));
    must(b.submit({ side: 'buy', type: 'limit', qty: 0.01, limitPrice: 1_000_005 }, D));
    b.onQuote(quote(D + 1, 999_995, 1_000_005));
    const [a, c] = fills(b.drainEvents());
    // first: min(1_000_005 + 1, 1_000_010) = 1_000_006; second: min(1_000_006, 1_000_005) = 1_000_005
    expect(a).toMatchObject({ price: 1_000_006, liquidity: 'taker', slippageTicks: 1 });
    expect(c).toMatchObject({ price: 1_000_005, liquidity: 'taker', slippageTicks: 0 });
    expect(c?.fee).toBeCloseTo(0.5000025, 9); // 1000.0050 * 0.0005
  });

  it('a resting buy limit fills as maker at its price on a trade strictly below it, not at it', () => {
    const b = broker();
    must(b.submit({ side: 'buy', type: 'limit', qty: 0.01, limitPrice: 999_900 }, D));
    b.onTrade(trade(D + 1, 999_800)); // no quote yet after the decision: the order is not live on the book
    b.onQuote(quote(D + 2, 999_995, 1_000_005)); // not marketable: it rests
    b.onTrade(trade(D + 3, 999_900)); // at the limit: our place in the queue is unknown
    expect(fills(b.drainEvents())).toEqual([]);
    b.onTrade(trade(D + 4, 999_899));
    const [f] = fills(b.drainEvents());
    // maker at 999_900; fee 999.9 * -0.0001 = -0.09999 (a rebate)
    expect(f).toMatchObject({ price: 999_900, liquidity: 'maker', ts: D + 4, slippageTicks: 0, spreadTicks: 10 });
    expect(f?.fee).toBeCloseTo(-0.09999, 9);
    expect(b.account().balance).toBeCloseTo(10_000.09999, 9);
  });

  it('a resting sell limit fills as maker at its price when the bid comes up to it', () => {
    const b = broker();
    must(b.submit({ side: 'sell', type: 'limit', qty: 0.01, limitPrice: 1_000_100 }, D));
    b.onQuote(quote(D + 1, 999_995, 1_000_005));
    b.onQuote(quote(D + 2, 1_000_099, 1_000_109));
    expect(fills(b.drainEvents())).toEqual([]);
    b.onQuote(quote(D + 3, 1_000_120, 1_000_130)); // bid through the limit: filled at the limit, not at the bid
    expect(fills(b.drainEvents())[0]).toMatchObject({ side: 'sell', price: 1_000_100, liquidity: 'maker' });
  });
});

describe('stop orders (tick mode)', () => {
  it('a sell stop triggers when the bid reaches it and fills at the next quote as a market order', () => {
    const b = broker();
    must(b.submit({ side: 'buy', type: 'market', qty: 0.01 }, D));
    b.onQuote(quote(D + 1, 999_995, 1_000_005)); // long at 1_000_006
    must(b.submit({ side: 'sell', type: 'stop', qty: 0.01, stopPrice: 999_500, reduceOnly: true }, D + 1));
    b.onQuote(quote(D + 2, 999_501, 999_511)); // bid above the stop
    b.onQuote(quote(D + 3, 999_500, 999_510)); // bid == stop: triggers
    const ev = b.drainEvents();
    expect(ev.filter((e) => e.type === 'order-triggered')).toHaveLength(1);
    expect(fills(ev)).toHaveLength(1); // only the entry
    b.onQuote(quote(D + 3, 999_400, 999_410)); // same ms as the trigger: not strictly after
    expect(fills(b.drainEvents())).toEqual([]);
    b.onQuote(quote(D + 4, 999_450, 999_460));
    const [f] = fills(b.drainEvents());
    // 999_450 - 1 = 999_449; realised (999_449 - 1_000_006) * 0.1 * 0.01 = -0.557
    expect(f).toMatchObject({ price: 999_449, refPrice: 999_450, decisionTs: D + 1, triggerTs: D + 3, ts: D + 4, role: 'order', positionAfter: 0 });
    expect(f?.realizedPnl).toBeCloseTo(-0.557, 9);
  });

  it('a buy stop triggers on a trade print at or above it', () => {
    const b = broker();
    must(b.submit({ side: 'buy', type: 'stop', qty: 0.01, stopPrice: 1_000_100 }, D));
    b.onQuote(quote(D + 1, 999_995, 1_000_005));
    b.onTrade(trade(D + 2, 1_000_099));
    expect(b.drainEvents().some((e) => e.type === 'order-triggered')).toBe(false);
    b.onTrade(trade(D + 3, 1_000_100));
    b.onQuote(quote(D + 4, 1_000_110, 1_000_120));
    expect(fills(b.drainEvents())[0]).toMatchObject({ side: 'buy', price: 1_000_121, decisionTs: D });
  });
});

describe('reduce-only and OCO', () => {
  it('clamps a reduce-only order to the position and cancels one that would open a position', () => {
    const b = broker();
    must(b.submit({ side: 'sell', type: 'market', qty: 0.01, reduceOnly: true }, D));
    b.onQuote(quote(D + 1, 999_995, 1_000_005));
    expect(cancels(b.drainEvents())).toEqual([{ orderId: 1, reason: 'reduce-only-no-position' }]);
    must(b.submit({ side: 'buy', type: 'market', qty: 0.01 }, D + 1));
    b.onQuote(quote(D + 2, 999_995, 1_000_005));
    must(b.submit({ side: 'sell', type: 'market', qty: 0.05, reduceOnly: true }, D + 2));
    b.onQuote(quote(D + 3, 999_995, 1_000_005));
    const f = fills(b.drainEvents());
    expect(f.map((x) => [x.side, x.qty, x.positionAfter])).toEqual([
      ['buy', 0.01, 0.01],
      ['sell', 0.01, 0],
    ]);
  });

  it('one fill in an OCO group cancels the others', () => {
    const b = broker();
    must(b.submit({ side: 'buy', type: 'market', qty: 0.01 }, D));
    b.onQuote(quote(D + 1, 999_995, 1_000_005)); // long 0.01 at 1_000_006
    const tp = must(b.submit({ side: 'sell', type: 'limit', qty: 0.01, limitPrice: 1_001_000, reduceOnly: true, ocoGroup: 'exit' }, D + 1));
    const sl = must(b.submit({ side: 'sell', type: 'stop', qty: 0.01, stopPrice: 999_000, reduceOnly: true, ocoGroup: 'exit' }, D + 1));
    b.onQuote(quote(D + 2, 1_000_000, 1_000_010));
    b.onTrade(trade(D + 3, 1_001_005));
    const ev = b.drainEvents();
    const [f] = fills(ev).slice(-1);
    // maker at 1_001_000: realised (1_001_000 - 1_000_006) * 0.001 = 0.994; fee 1001.0 * -0.0001 = -0.1001
    expect(f).toMatchObject({ orderId: tp, price: 1_001_000, liquidity: 'maker' });
    expect(f?.realizedPnl).toBeCloseTo(0.994, 9);
    expect(f?.fee).toBeCloseTo(-0.1001, 9);
    expect(cancels(ev)).toEqual([{ orderId: sl, reason: 'oco' }]);
    expect(b.workingOrders()).toEqual([]);
  });

  it('cancel and modify take effect from their time; a modified limit is re-checked for marketability', () => {
    const b = broker();
    const id = must(b.submit({ side: 'buy', type: 'limit', qty: 0.01, limitPrice: 999_000 }, D));
    b.onQuote(quote(D + 1, 999_995, 1_000_005)); // rests
    must(b.modify(id, { limitPrice: 1_000_010 }, D + 1)); // now through the ask
    b.onQuote(quote(D + 2, 999_995, 1_000_005));
    // taker: min(1_000_005 + 1, 1_000_010) = 1_000_006
    expect(fills(b.drainEvents())[0]).toMatchObject({ price: 1_000_006, liquidity: 'taker' });
    const other = must(b.submit({ side: 'buy', type: 'limit', qty: 0.01, limitPrice: 999_000 }, D + 2));
    must(b.cancel(other, D + 2));
    expect(cancels(b.drainEvents())).toEqual([{ orderId: other, reason: 'user' }]);
    expect(b.cancel(other, D + 2)).toMatchObject({ ok: false, reason: 'unknown-order' });
  });
});
