// The stop and targets of each round-trip trade, read back from the broker's journal, so a trade
// can be drawn on a chart with the levels it was protected by (the ledger keeps only prices).

import type { BrokerEvent } from '../broker/types';

export interface TradeLevels {
  /** The protective stop when the position opened, in price units; null without one. */
  readonly initialStop: number | null;
  /** The stop when the position closed (after any moves), in price units. */
  readonly finalStop: number | null;
  /** Take-profit limit prices, in price units, in the bracket's order. */
  readonly targets: readonly number[];
}

interface OpenLevels {
  initialStop: number | null;
  finalStop: number | null;
  targets: number[];
  stopOrderIds: Set<number>;
}

/**
 * One entry per trade the ledger closes, in the same order: a trade starts with a fill from flat
 * and ends when the position is flat again (TradeLedger's rule), so the i-th entry belongs to
 * the i-th closed trade. `tickSize` turns the journal's tick prices into price units.
 */
export function tradeLevels(events: readonly BrokerEvent[], tickSize: number): TradeLevels[] {
  const out: TradeLevels[] = [];
  let open: OpenLevels | null = null;
  let openBracket: number | null = null;
  const px = (ticks: number | null): number | null => (ticks === null ? null : ticks * tickSize);
  for (const e of events) {
    if (e.type === 'order-filled') {
      const f = e.fill;
      const signed = f.side === 'buy' ? f.qty : -f.qty;
      if (!open && Math.abs(f.positionAfter - signed) < 1e-12) {
        open = { initialStop: null, finalStop: null, targets: [], stopOrderIds: new Set() };
        openBracket = f.bracketId;
      }
      if (open && Math.abs(f.positionAfter) <= 1e-12) {
        out.push({ initialStop: open.initialStop, finalStop: open.finalStop, targets: open.targets });
        open = null;
        openBracket = null;
      }
    } else if ((e.type === 'order-submitted' || e.type === 'order-modified') && open) {
      const o = e.order;
      if (o.bracketId === null || o.bracketId !== openBracket) continue;
      if (o.role === 'stop' && o.stopPrice !== null) {
        if (e.type === 'order-submitted' && open.stopOrderIds.size === 0) open.initialStop = px(o.stopPrice);
        open.stopOrderIds.add(o.id);
        open.finalStop = px(o.stopPrice);
      } else if (o.role === 'target' && o.limitPrice !== null && e.type === 'order-submitted') {
        open.targets.push(px(o.limitPrice) as number);
      }
    }
  }
  return out;
}
