import { describe, expect, it } from 'vitest';
import { TradeLedger } from '../../../core/engine/trade-ledger';
import { tradeLevels } from '../../../core/report/trade-levels';
import { broker, INST, must, quote, T0 } from '../broker/helpers';

// Prices in ticks of BTCUSDT (0.1): 650_000 ticks = 65,000.0.
describe('tradeLevels', () => {
  it('gives each closed trade its first stop, its stop after a move and its targets, in price units', () => {
    const b = broker({ slippage: { kind: 'ticks', entryTicks: 0, exitTicks: 0 } });
    b.onQuote(quote(T0, 649_999, 650_000));
    // Trade 1: long 2 at the ask, stop 649_900, targets 650_100 (half) and 650_200; the stop moves
    // to 649_950 after entry and is hit.
    const id = must(b.submitBracket({ side: 'buy', qty: 2, entry: { type: 'market' }, stopPrice: 649_900, targets: [{ price: 650_100, share: 0.5 }, { price: 650_200, share: 0.5 }] }, T0));
    b.onQuote(quote(T0 + 1_000, 649_999, 650_000));
    must(b.moveStop(id, 649_950, T0 + 2_000));
    b.onQuote(quote(T0 + 3_000, 649_940, 649_941));
    // Trade 2: short 1, stop 650_300, one target 649_700, which fills.
    b.onQuote(quote(T0 + 4_000, 650_000, 650_001));
    must(b.submitBracket({ side: 'sell', qty: 1, entry: { type: 'market' }, stopPrice: 650_300, targets: [{ price: 649_700, share: 1 }] }, T0 + 4_000));
    b.onQuote(quote(T0 + 5_000, 650_000, 650_001));
    b.onQuote(quote(T0 + 6_000, 649_690, 649_691));

    const events = b.drainEvents();
    const ledger = new TradeLedger(INST);
    const trades = ledger.apply(events);
    expect(trades.map((t) => t.side)).toEqual(['long', 'short']);
    const levels = tradeLevels(events, INST.tickSize);
    expect(levels).toHaveLength(2);
    expect(levels[0]!.initialStop).toBeCloseTo(64_990.0, 9);
    expect(levels[0]!.finalStop).toBeCloseTo(64_995.0, 9);
    expect(levels[0]!.targets.map((p) => Math.round(p * 10) / 10)).toEqual([65_010.0, 65_020.0]);
    expect(levels[1]!.initialStop).toBeCloseTo(65_030.0, 9);
    expect(levels[1]!.finalStop).toBeCloseTo(65_030.0, 9);
    expect(levels[1]!.targets.map((p) => Math.round(p * 10) / 10)).toEqual([64_970.0]);
  });

  it('has no levels for a position still open at the end', () => {
    const b = broker();
    b.onQuote(quote(T0, 649_999, 650_000));
    must(b.submitBracket({ side: 'buy', qty: 1, entry: { type: 'market' }, stopPrice: 649_900, targets: [] }, T0));
    b.onQuote(quote(T0 + 1_000, 649_999, 650_000));
    expect(tradeLevels(b.drainEvents(), INST.tickSize)).toEqual([]);
  });
});
