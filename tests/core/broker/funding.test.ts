// Funding: a flat rate per 8 h charged at 00/08/16 UTC, a replayed schedule, and stream events.
// amount = qty * mark * 0.1 * rate; longs pay positive rates, shorts receive them.

import { describe, expect, it } from 'vitest';
import type { BrokerEvent } from '../../../core/broker/types';
import { bar, broker, must, quote, T0 } from './helpers';

const H = 3_600_000;
const SIXTEEN = Date.UTC(2025, 0, 6, 16); // T0 is 10:00 UTC, the next 8 h boundary is 16:00

const funding = (ev: readonly BrokerEvent[]) => ev.flatMap((e) => (e.type === 'funding-applied' ? [e] : []));

describe('funding', () => {
  it('flat rate: a long pays at each 8 h boundary on the notional at the last mid before it', () => {
    const b = broker({ funding: { kind: 'flat', ratePer8h: 0.0001 } });
    b.onQuote(quote(T0, 999_995, 1_000_005));
    must(b.submit({ side: 'buy', type: 'market', qty: 0.01 }, T0));
    b.onQuote(quote(T0 + 1, 999_995, 1_000_005)); // long 0.01 at 1_000_006, fee 0.500003
    b.onQuote(quote(SIXTEEN - 1, 1_000_995, 1_001_005)); // mid 1_001_000
    expect(funding(b.drainEvents())).toEqual([]);
    b.onQuote(quote(SIXTEEN, 1_002_000, 1_002_010)); // boundary: charged at the previous mid
    const [f] = funding(b.drainEvents());
    // 0.01 * 1_001_000 * 0.1 * 0.0001 = 0.1001
    expect(f).toMatchObject({ ts: SIXTEEN, rate: 0.0001, markPrice: 1_001_000, positionQty: 0.01 });
    expect(f?.amount).toBeCloseTo(0.1001, 12);
    expect(b.position().funding).toBeCloseTo(0.1001, 12);
    expect(b.account().balance).toBeCloseTo(10_000 - 0.500003 - 0.1001, 9);
    // a jump over two boundaries charges both, each at the mark then known (mid 1_002_005)
    b.onQuote(quote(SIXTEEN + 16 * H, 1_002_000, 1_002_010));
    const both = funding(b.drainEvents());
    expect(both.map((e) => e.ts)).toEqual([SIXTEEN + 8 * H, SIXTEEN + 16 * H]);
    expect(both[0]?.amount).toBeCloseTo(0.1002005, 12); // 0.01 * 1_002_005 * 0.1 * 0.0001
  });

  it('flat rate: a short receives, and a flat position pays nothing', () => {
    const b = broker({ funding: { kind: 'flat', ratePer8h: 0.0001 } });
    b.onQuote(quote(T0, 999_995, 1_000_005));
    b.onQuote(quote(SIXTEEN, 999_995, 1_000_005));
    expect(funding(b.drainEvents())).toEqual([]);
    must(b.submit({ side: 'sell', type: 'market', qty: 0.01 }, SIXTEEN));
    b.onQuote(quote(SIXTEEN + 1, 999_995, 1_000_005)); // short at 999_994, fee 999.994 * 0.0005 = 0.499997
    b.onQuote(quote(SIXTEEN + 8 * H, 999_995, 1_000_005));
    const [f] = funding(b.drainEvents());
    // -0.01 * 1_000_000 * 0.1 * 0.0001 = -0.1: received
    expect(f?.amount).toBeCloseTo(-0.1, 12);
    expect(b.account().balance).toBeCloseTo(10_000 - 0.499997 + 0.1, 9);
  });

  it('schedule: applies each event once when market time reaches it, with its own mark when given', () => {
    const events = [
      { ts: T0 + H, rate: -0.0002, markPrice: 1_100_000 },
      { ts: T0 + 2 * H, rate: 0.0003 },
    ];
    const b = broker({ funding: { kind: 'schedule', events } });
    must(b.submit({ side: 'sell', type: 'market', qty: 0.01 }, T0));
    b.onQuote(quote(T0 + 1, 999_995, 1_000_005));
    b.onQuote(quote(T0 + H, 999_995, 1_000_005));
    b.onQuote(quote(T0 + 2 * H + 5, 999_995, 1_000_005));
    const f = funding(b.drainEvents());
    // short pays a negative rate: -0.01 * 1_100_000 * 0.1 * -0.0002 = +0.22
    // then receives a positive one at the mid 1_000_000: -0.01 * 1_000_000 * 0.1 * 0.0003 = -0.3
    expect(f.map((e) => e.markPrice)).toEqual([1_100_000, 1_000_000]);
    expect(f[0]?.amount).toBeCloseTo(0.22, 12);
    expect(f[1]?.amount).toBeCloseTo(-0.3, 12);
    expect(b.position().funding).toBeCloseTo(0.22 - 0.3, 12);
  });

  it('a funding event from the stream is applied at once, in bar mode at the last close', () => {
    const b = broker({ mode: 'bar', barMarketPrice: 'open' });
    b.onBar(bar(T0, 1_000_000, 1_000_000, 1_000_000, 1_000_000));
    must(b.submit({ side: 'buy', type: 'market', qty: 0.02 }, T0 + 59_999));
    b.onBar(bar(T0 + 60_000, 1_000_000, 1_000_100, 999_900, 1_000_050)); // long 0.02 at 1_000_001
    b.onFunding({ ts: T0 + 120_000, rate: 0.0001 });
    const [f] = funding(b.drainEvents());
    // 0.02 * 1_000_050 * 0.1 * 0.0001 = 0.200010
    expect(f?.markPrice).toBe(1_000_050);
    expect(f?.amount).toBeCloseTo(0.20001, 12);
    // a late event (stamped before the bar just processed) is still charged, without moving time back
    b.onBar(bar(T0 + 180_000, 1_000_100, 1_000_100, 1_000_100, 1_000_100));
    b.onFunding({ ts: T0 + 180_000, rate: 0.0001, markPrice: 1_000_000 });
    const [late] = funding(b.drainEvents());
    expect(late?.amount).toBeCloseTo(0.2, 12); // 0.02 * 1_000_000 * 0.1 * 0.0001
    expect(b.now()).toBe(T0 + 240_000 - 1);
  });
});
