// Turns the broker's event stream into round-trip trades (flat -> position -> flat) in the shape
// the report expects: average entry and exit, gross PnL, fees, funding, initial risk from the
// bracket's first stop, and the half spread paid on each fill.

import type { BrokerEvent, Fill } from '../broker/types';
import type { Instrument } from '../market/instrument';
import type { ClosedTrade } from '../report/types';

interface OpenTrade {
  side: 'long' | 'short';
  entryTs: number;
  entryQty: number;
  entryNotionalTicks: number;
  exitQty: number;
  exitNotionalTicks: number;
  grossPnl: number;
  fees: number;
  funding: number;
  spreadEntry: number;
  spreadExit: number;
  initialRisk: number | null;
  tag: string;
  lastTs: number;
}

export class TradeLedger {
  private open: OpenTrade | null = null;
  private readonly closed: ClosedTrade[] = [];
  private nextId = 1;
  private pendingRisk: number | null = null;

  constructor(private readonly inst: Instrument) {}

  /** The trade in progress: its side and entry time (null when flat). */
  current(): { side: 'long' | 'short'; entryTs: number; tag: string } | null {
    return this.open ? { side: this.open.side, entryTs: this.open.entryTs, tag: this.open.tag } : null;
  }

  trades(): readonly ClosedTrade[] {
    return this.closed;
  }

  /** Records the initial risk (quote currency) of the trade about to open, from its first stop. */
  noteInitialRisk(risk: number): void {
    this.pendingRisk = risk;
  }

  apply(events: readonly BrokerEvent[]): ClosedTrade[] {
    const finished: ClosedTrade[] = [];
    for (const e of events) {
      if (e.type === 'order-filled') {
        const done = this.onFill(e.fill);
        if (done) finished.push(done);
      } else if (e.type === 'funding-applied' && this.open) {
        this.open.funding += e.amount;
      }
    }
    return finished;
  }

  private onFill(f: Fill): ClosedTrade | null {
    const unit = this.inst.tickSize * this.inst.contractSize;
    const halfSpread = f.spreadTicks === null ? 0 : (f.spreadTicks / 2) * unit * f.qty;
    const signed = f.side === 'buy' ? f.qty : -f.qty;
    const before = f.positionAfter - signed;
    if (before === 0 && !this.open) {
      this.open = {
        side: signed > 0 ? 'long' : 'short',
        entryTs: f.ts,
        entryQty: 0,
        entryNotionalTicks: 0,
        exitQty: 0,
        exitNotionalTicks: 0,
        grossPnl: 0,
        fees: 0,
        funding: 0,
        spreadEntry: 0,
        spreadExit: 0,
        initialRisk: this.pendingRisk,
        tag: f.tag ?? 'manual',
        lastTs: f.ts,
      };
      this.pendingRisk = null;
    }
    const t = this.open;
    if (!t) return null;
    const increases = Math.sign(signed) === (t.side === 'long' ? 1 : -1);
    if (increases) {
      t.entryQty += f.qty;
      t.entryNotionalTicks += f.price * f.qty;
      t.spreadEntry += halfSpread;
    } else {
      t.exitQty += f.qty;
      t.exitNotionalTicks += f.price * f.qty;
      t.spreadExit += halfSpread;
    }
    t.grossPnl += f.realizedPnl;
    t.fees += f.fee;
    t.lastTs = f.ts;
    if (Math.abs(f.positionAfter) > 1e-12) return null;
    this.open = null;
    const trade: ClosedTrade = {
      id: String(this.nextId++),
      side: t.side,
      qty: t.entryQty,
      entryTs: t.entryTs,
      entryPrice: (t.entryNotionalTicks / t.entryQty) * this.inst.tickSize,
      exitTs: t.lastTs,
      exitPrice: (t.exitNotionalTicks / t.exitQty) * this.inst.tickSize,
      grossPnl: t.grossPnl,
      fees: t.fees,
      funding: t.funding,
      netPnl: t.grossPnl - t.fees - t.funding,
      ...(t.initialRisk !== null && t.initialRisk > 0 ? { initialRisk: t.initialRisk } : {}),
      spreadPaidEntry: t.spreadEntry,
      spreadPaidExit: t.spreadExit,
      strategyTag: t.tag,
    };
    this.closed.push(trade);
    // A reversal opens the opposite trade in the same fill: not supported by brackets; flatten first.
    return trade;
  }
}
