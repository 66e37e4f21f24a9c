// The paper account's lines on the chart: the position's entry with its open PnL and each priced
// working order, labelled with what it is and, for a stop or a target, what it makes or loses
// against the average entry (hand-computed).

import { describe, expect, it } from 'vitest';
import { BTCUSDT_PERP } from '../../../core/market/instrument';
import { orderLines } from '../../../renderer/src/chart/order-lines-plugin';
import type { PaperState } from '../../../renderer/src/store/market-store';

const order = (id: number, side: 'buy' | 'sell', type: 'limit' | 'stop' | 'market', role: 'entry' | 'stop' | 'target' | 'order', qty: number, price: number | null, targetIndex: number | null = null) =>
  ({ id, side, type, role, qty, price, bracketId: 1, targetIndex }) as PaperState['orders'][number];

const paper = (positionQty: number, avgEntry: number, orders: PaperState['orders']): PaperState => ({
  account: 'manual', balance: 10_000, equity: 10_001.5, unrealizedPnl: 1.5, realizedPnl: 0, fees: 0, positionQty, avgEntry,
  stop: null, targets: [], workingOrders: orders.length, orders, markPrice: null, fills: [],
});

describe('order lines', () => {
  it('labels a long’s entry, stop, target and a resting limit, with the stop’s loss and the target’s gain', () => {
    const lines = orderLines(
      paper(0.02, 650_000, [
        order(1, 'sell', 'stop', 'stop', 0.02, 649_000),
        order(2, 'sell', 'limit', 'target', 0.01, 652_000, 0),
        order(3, 'buy', 'limit', 'entry', 0.01, 648_000),
        order(4, 'sell', 'market', 'order', 0.01, null),
      ]),
      BTCUSDT_PERP,
    );
    // Stop: -1,000 ticks x 0.1 USD x 0.02 = -2.00; target: +2,000 ticks x 0.1 x 0.01 = +2.00.
    expect(lines.map((l) => [l.order?.id ?? null, l.text, l.color, l.dash])).toEqual([
      [null, 'LONG 0.02 @ 65000.0  +1.50', '#e6edf3', []],
      [1, 'STOP 0.02 @ 64900.0  −2.00', '#ff7b72', [6, 3]],
      [2, 'TP1 0.01 @ 65200.0  +2.00', '#3fb950', [6, 3]],
      [3, 'BUY LMT 0.01 @ 64800.0', '#58a6ff', []],
    ]);
    expect(lines.map((l) => l.price)).toEqual([650_000, 649_000, 652_000, 648_000]);
  });

  it('measures a short’s stop and target the other way, and draws nothing without an account', () => {
    const lines = orderLines(paper(-0.01, 650_000, [order(1, 'buy', 'stop', 'stop', 0.01, 650_500), order(2, 'buy', 'limit', 'target', 0.01, 649_000, 1)]), BTCUSDT_PERP);
    expect(lines.map((l) => l.text)).toEqual(['SHORT 0.01 @ 65000.0  +1.50', 'STOP 0.01 @ 65050.0  −0.50', 'TP2 0.01 @ 64900.0  +1.00']);
    // Flat: a working sell stop entry has no PnL to show.
    expect(orderLines(paper(0, 0, [order(5, 'sell', 'stop', 'entry', 0.01, 640_000)]), BTCUSDT_PERP).map((l) => [l.text, l.color])).toEqual([['SELL STP 0.01 @ 64000.0', '#f0883e']]);
    expect(orderLines(null, BTCUSDT_PERP)).toEqual([]);
  });
});
