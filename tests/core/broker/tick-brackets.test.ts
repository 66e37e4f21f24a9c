// Brackets in tick mode: 50/50 targets with the stop following the remaining position, stop to
// break-even, flatten and reverse. Money = ticks * 0.1 * qty; taker 5 bps, maker -1 bps.

import { describe, expect, it } from 'vitest';
import { broker, cancels, fills, must, quote, T0, trade } from './helpers';

const D = T0 + 59_999;
const LONG = { side: 'buy', qty: 0.02, entry: { type: 'market' }, stopPrice: 999_000, targets: [{ price: 1_001_000, share: 0.5 }, { price: 1_002_000, share: 0.5 }] } as const;

/** A strict broker with a long 0.02 bracket filled at 1_000_006 (ask 1_000_005 + 1) at D + 1. */
function longBracket() {
  const b = broker({ requireStop: true });
  b.onQuote(quote(D - 1_000, 999_990, 1_000_000));
  const id = must(b.submitBracket(LONG, D));
  b.onQuote(quote(D + 1, 999_995, 1_000_005));
  return { b, id };
}

describe('brackets (tick mode)', () => {
  it('places the stop and both targets when the entry fills', () => {
    const { b, id } = longBracket();
    const ev = b.drainEvents();
    const [entry] = fills(ev);
    // fee: 1_000_006 * 0.1 * 0.02 * 0.0005 = 1.000006
    expect(entry).toMatchObject({ role: 'entry', bracketId: id, price: 1_000_006, qty: 0.02 });
    expect(entry?.fee).toBeCloseTo(1.000006, 9);
    const working = b.workingOrders().map((o) => [o.role, o.side, o.type, o.qty, o.stopPrice ?? o.limitPrice, o.reduceOnly]);
    expect(working).toEqual([
      ['stop', 'sell', 'stop', 0.02, 999_000, true],
      ['target', 'sell', 'limit', 0.01, 1_001_000, true],
      ['target', 'sell', 'limit', 0.01, 1_002_000, true],
    ]);
    // children are live only after the entry fill time
    expect(b.workingOrders().every((o) => o.activeAfter === D + 1)).toBe(true);
  });

  it('journals every change in order: submission, fill, position, balance, then the children', () => {
    const { b } = longBracket();
    const ev = b.drainEvents();
    expect(ev.map((e) => e.type)).toEqual([
      'order-submitted', 'order-accepted', // entry, at the decision
      'order-filled', 'position-changed', 'balance-changed',
      'order-submitted', 'order-accepted', // stop
      'order-submitted', 'order-accepted', // target 1
      'order-submitted', 'order-accepted', // target 2
    ]);
    expect(ev.map((e) => e.ts)).toEqual([D, D, ...Array<number>(9).fill(D + 1)]);
    const bal = ev.find((e) => e.type === 'balance-changed');
    expect(bal?.type === 'balance-changed' && bal.delta).toBeCloseTo(-1.000006, 9);
  });

  it('first target fills half, the stop follows the remaining half, moves to break-even and stops out there', () => {
    const { b, id } = longBracket();
    b.onQuote(quote(D + 2, 1_000_500, 1_000_510)); // targets rest
    b.onTrade(trade(D + 3, 1_001_000)); // at target 1: not through
    b.onTrade(trade(D + 4, 1_001_001)); // through target 1
    let ev = b.drainEvents();
    const t1 = fills(ev).find((f) => f.role === 'target');
    // maker 0.01 at 1_001_000: realised (1_001_000 - 1_000_006) * 0.1 * 0.01 = 0.994; fee 1001.0 * -0.0001 = -0.1001
    expect(t1).toMatchObject({ targetIndex: 0, qty: 0.01, price: 1_001_000, liquidity: 'maker', positionAfter: 0.01 });
    expect(t1?.realizedPnl).toBeCloseTo(0.994, 9);
    expect(t1?.fee).toBeCloseTo(-0.1001, 9);
    const modified = ev.find((e) => e.type === 'order-modified');
    expect(modified?.type === 'order-modified' && [modified.order.role, modified.order.qty]).toEqual(['stop', 0.01]);

    must(b.moveStop(id, 1_000_006, D + 4)); // break-even
    expect(b.bracket(id)?.stopPrice).toBe(1_000_006);
    b.onQuote(quote(D + 5, 1_000_006, 1_000_016)); // bid == stop: triggers
    b.onQuote(quote(D + 6, 1_000_004, 1_000_012)); // fills at 1_000_004 - 1
    ev = b.drainEvents();
    const stop = fills(ev).find((f) => f.role === 'stop');
    // realised (1_000_003 - 1_000_006) * 0.001 = -0.003; fee 1000.0030 * 0.0005 = 0.5000015
    expect(stop).toMatchObject({ qty: 0.01, price: 1_000_003, positionAfter: 0 });
    expect(stop?.realizedPnl).toBeCloseTo(-0.003, 9);
    expect(stop?.fee).toBeCloseTo(0.5000015, 9);
    expect(cancels(ev).map((c) => c.reason)).toEqual(['stop-filled']);
    expect(b.brackets()).toEqual([]);
    expect(b.workingOrders()).toEqual([]);
    // 10000 - 1.000006 + 0.994 + 0.1001 - 0.003 - 0.5000015 = 9999.5910925
    expect(b.account().balance).toBeCloseTo(9999.5910925, 9);
  });

  it('both targets filling close the position and cancel the stop', () => {
    const { b } = longBracket();
    b.onQuote(quote(D + 2, 1_000_500, 1_000_510));
    b.onQuote(quote(D + 3, 1_002_500, 1_002_510)); // bid through both targets: both maker at their prices
    const ev = b.drainEvents();
    const exits = fills(ev).filter((f) => f.role === 'target');
    expect(exits.map((f) => [f.targetIndex, f.price, f.positionAfter])).toEqual([
      [0, 1_001_000, 0.01],
      [1, 1_002_000, 0],
    ]);
    expect(cancels(ev).map((c) => c.reason)).toEqual(['targets-filled']);
    // realised 0.994 + (1_002_000 - 1_000_006) * 0.001 = 0.994 + 1.994 = 2.988
    // fees 1.000006 - 0.1001 - 0.1002 = 0.799706; balance 10000 + 2.988 - 0.799706 = 10002.188294
    expect(b.account().balance).toBeCloseTo(10_002.188294, 9);
    expect(b.brackets()).toEqual([]);
  });

  it('moving a target re-prices it; moving the stop before the entry fills changes the stop it will place', () => {
    const b = broker({ requireStop: true });
    b.onQuote(quote(D - 1_000, 999_990, 1_000_000));
    const id = must(b.submitBracket({ ...LONG, entry: { type: 'limit', limitPrice: 999_800 } }, D));
    must(b.moveStop(id, 999_500, D));
    must(b.moveTarget(id, 1, 1_003_000, D));
    b.onQuote(quote(D + 1, 999_995, 1_000_005)); // limit rests
    b.onTrade(trade(D + 2, 999_799)); // entry maker at 999_800
    expect(b.workingOrders().map((o) => o.stopPrice ?? o.limitPrice)).toEqual([999_500, 1_001_000, 1_003_000]);
    must(b.moveTarget(id, 0, 1_000_900, D + 2));
    expect(b.bracket(id)?.targets.map((t) => t.price)).toEqual([1_000_900, 1_003_000]);
  });

  it('flatten cancels the bracket and closes at market on the next quote', () => {
    const { b } = longBracket();
    b.drainEvents();
    const fid = must(b.flatten(D + 1));
    expect(cancels(b.drainEvents()).map((c) => c.reason)).toEqual(['flatten', 'flatten', 'flatten']);
    b.onQuote(quote(D + 2, 1_000_200, 1_000_210));
    const [f] = fills(b.drainEvents());
    // sell 0.02 at 1_000_199: realised (1_000_199 - 1_000_006) * 0.1 * 0.02 = 0.386
    expect(f).toMatchObject({ orderId: fid, role: 'flatten', side: 'sell', qty: 0.02, price: 1_000_199, positionAfter: 0 });
    expect(f?.realizedPnl).toBeCloseTo(0.386, 9);
    expect(b.brackets()).toEqual([]);
    expect(must(b.flatten(D + 2))).toBeNull();
  });

  it('reverse closes the long and opens a protected short of the same size on the same quote', () => {
    const b = broker({ requireStop: true, slippage: { kind: 'ticks', entryTicks: 2, exitTicks: 1 } });
    b.onQuote(quote(D - 1_000, 999_990, 1_000_000));
    must(b.submitBracket(LONG, D));
    b.onQuote(quote(D + 1, 999_995, 1_000_005)); // long 0.02 at 1_000_005 + 2 = 1_000_007
    expect(b.reverse(D + 1, null)).toMatchObject({ ok: false, reason: 'stop-required' });
    expect(b.reverse(D + 1, { stopPrice: 999_000, targets: [] })).toMatchObject({ ok: false, reason: 'stop-wrong-side' });
    const r = must(b.reverse(D + 1, { stopPrice: 1_001_000, targets: [{ price: 998_000, share: 1 }] }));
    b.drainEvents();
    b.onQuote(quote(D + 2, 1_000_100, 1_000_110));
    const f = fills(b.drainEvents());
    // close: exit slippage 1 -> 1_000_099, realised (1_000_099 - 1_000_007) * 0.1 * 0.02 = 0.184
    // open: entry slippage 2 -> 1_000_098
    expect(f.map((x) => [x.role, x.side, x.qty, x.price, x.positionAfter])).toEqual([
      ['flatten', 'sell', 0.02, 1_000_099, 0],
      ['entry', 'sell', 0.02, 1_000_098, -0.02],
    ]);
    expect(f[0]?.realizedPnl).toBeCloseTo(0.184, 9);
    expect(b.position()).toMatchObject({ qty: -0.02, avgEntry: 1_000_098 });
    expect(b.bracket(r.bracketId)?.stopOrderId).not.toBeNull();
    expect(b.workingOrders().map((o) => [o.role, o.side, o.qty])).toEqual([
      ['stop', 'buy', 0.02],
      ['target', 'buy', 0.02],
    ]);
  });

  it('refuses brackets without a stop (requireStop) or with a stop or target on the wrong side', () => {
    const b = broker({ requireStop: true });
    b.onQuote(quote(D - 1_000, 999_990, 1_000_000)); // mark 999_995
    expect(b.submitBracket({ ...LONG, stopPrice: null }, D)).toMatchObject({ ok: false, reason: 'stop-required' });
    expect(b.submitBracket({ ...LONG, stopPrice: 1_000_100 }, D)).toMatchObject({ ok: false, reason: 'stop-wrong-side' });
    expect(b.submitBracket({ ...LONG, targets: [{ price: 999_900, share: 1 }] }, D)).toMatchObject({ ok: false, reason: 'target-wrong-side' });
    expect(b.submitBracket({ ...LONG, targets: [{ price: 1_001_000, share: 0.7 }, { price: 1_002_000, share: 0.7 }] }, D)).toMatchObject({ ok: false, reason: 'bad-target-shares' });
    expect(b.submitBracket({ ...LONG, side: 'sell', entry: { type: 'limit', limitPrice: 1_000_500 }, stopPrice: 1_000_400, targets: [] }, D)).toMatchObject({ ok: false, reason: 'stop-wrong-side' });
    expect(b.drainEvents().every((e) => e.type === 'order-rejected')).toBe(true);
    // without requireStop a bare bracket is a plain entry
    const loose = broker();
    must(loose.submitBracket({ ...LONG, stopPrice: null, targets: [] }, D));
    loose.onQuote(quote(D + 1, 999_995, 1_000_005));
    expect(loose.workingOrders()).toEqual([]);
    expect(loose.position().qty).toBe(0.02);
  });

  it('a position closed by another order cancels the bracket exits left behind', () => {
    const b = broker();
    b.onQuote(quote(D - 1_000, 999_990, 1_000_000));
    must(b.submitBracket(LONG, D));
    b.onQuote(quote(D + 1, 999_995, 1_000_005));
    b.drainEvents();
    must(b.submit({ side: 'sell', type: 'market', qty: 0.02 }, D + 1));
    b.onQuote(quote(D + 2, 999_995, 1_000_005));
    const ev = b.drainEvents();
    expect(fills(ev).map((f) => [f.role, f.positionAfter])).toEqual([['order', 0]]);
    expect(cancels(ev).map((c) => c.reason)).toEqual(['reduce-only-no-position', 'reduce-only-no-position', 'reduce-only-no-position']);
    expect(b.brackets()).toEqual([]);
  });

  it('cancelling the entry cancels the whole bracket', () => {
    const b = broker({ requireStop: true });
    b.onQuote(quote(D - 1_000, 999_990, 1_000_000));
    const id = must(b.submitBracket({ ...LONG, entry: { type: 'limit', limitPrice: 999_000 + 500 } }, D));
    const entryId = b.bracket(id)?.entryOrderId as number;
    must(b.cancel(entryId, D));
    expect(b.brackets()).toEqual([]);
    expect(b.workingOrders()).toEqual([]);
  });
});
