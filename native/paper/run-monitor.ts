// Monitoring of a paper run (seed 003 §11): turns each minute's decision, the broker's events and
// the data's age into log lines — the feature snapshot at each signal, the order lifecycle with
// fill price, fee and slippage, risk events (halts, kill switch) — and the alerts that go with
// them. Deterministic: replaying the same feed regenerates the same lines (no wall clock here).

import type { BrokerEvent } from '../../core/broker/types';
import type { DecisionReport } from '../../core/engine/engine';
import { decimalsOf, fromTicks, type Instrument } from '../../core/market/instrument';
import type { RunLogEntry } from '../../core/api/areas/strategies';
import type { Alert } from '../alerts/alert';
import { ConditionAlerts, type ConditionLimits } from '../alerts/condition-alerts';

export type LogDraft = Omit<RunLogEntry, 'seq'>;

/** Risk reason codes that halt entries: each logged as a risk event when it begins. */
const HALTS: Readonly<Record<string, string>> = {
  STALE_DATA: 'entries halted: market data is stale',
  KILL_SWITCH_DAILY_LOSS: 'kill switch: daily loss limit, entries disabled until 00:00 UTC',
  CIRCUIT_BREAKER_LOSS_STREAK: 'circuit breaker: loss streak, entries paused',
  DIRECTION_BLOCKED_LONG: 'longs blocked after a streak of losing longs',
  DIRECTION_BLOCKED_SHORT: 'shorts blocked after a streak of losing shorts',
};

export interface MonitorOptions {
  readonly instrument: Instrument;
  readonly limits: ConditionLimits;
  /** The stale-data guard's limit (defense stale_data_ms). */
  readonly staleAfterMs: number;
  /** Names the run in alert titles. */
  readonly label: string;
}

/** A NaN or infinite number cannot travel as JSON: it is logged as null. */
const num = (v: number): number | null => (Number.isFinite(v) ? v : null);

const fixed = (v: number, digits: number): string => (Number.isFinite(v) ? v.toFixed(digits) : '—');

/** An alert as a log line, and back: alerts are raised from committed lines only. */
export function alertEntry(alert: Alert): LogDraft {
  return { ts: alert.ts, kind: 'alert', text: alert.title, data: { alert: alert.kind, message: alert.message } };
}
export function entryAlert(entry: LogDraft): Alert | null {
  if (entry.kind !== 'alert') return null;
  return { kind: entry.data['alert'] as Alert['kind'], ts: entry.ts, title: entry.text, message: String(entry.data['message'] ?? '') };
}

export class RunMonitor {
  private readonly drafts: LogDraft[] = [];
  private readonly conditions: ConditionAlerts;
  private readonly activeHalts = new Set<string>();
  private stale = false;
  private positionQty = 0;

  constructor(private readonly o: MonitorOptions) {
    this.conditions = new ConditionAlerts(o.instrument, o.limits, o.label);
  }

  /** Lines produced since the last take, oldest first. */
  take(): LogDraft[] {
    return this.drafts.splice(0, this.drafts.length);
  }

  private px(ticks: number): number | null {
    return Number.isFinite(ticks) ? fromTicks(ticks, this.o.instrument.tickSize) : null;
  }

  /** A price for the log's text, with the tick size's decimals (65021.0, not 65021). */
  private pxText(ticks: number): string {
    return Number.isFinite(ticks) ? fromTicks(ticks, this.o.instrument.tickSize).toFixed(decimalsOf(this.o.instrument.tickSize)) : '—';
  }

  /** The age of the data at each market event (driver clock against the last quote). */
  onData(clockTs: number, lastQuoteTs: number): void {
    // Before the first quote there is nothing to be stale yet (the guard still refuses entries).
    if (Number.isNaN(lastQuoteTs)) return;
    const age = clockTs - lastQuoteTs;
    const stale = !(age <= this.o.staleAfterMs);
    if (stale === this.stale) return;
    this.stale = stale;
    if (stale) {
      const seconds = Number.isFinite(age) ? Math.round(age / 1000) : null;
      this.drafts.push({ ts: clockTs, kind: 'risk', text: `data stale: no quote for ${seconds ?? '?'} s, new entries halted`, data: { code: 'DATA_STALE', ageMs: num(age) } });
      this.drafts.push(alertEntry({ kind: 'feed-stale', ts: clockTs, title: `Feed stale: no quote for ${seconds ?? '?'} s (${this.o.label})`, message: 'New entries are halted until quotes flow again; open positions keep their stops and targets.' }));
    } else {
      this.drafts.push({ ts: clockTs, kind: 'risk', text: 'data flowing again: entries allowed', data: { code: 'DATA_RESUMED', ageMs: num(age) } });
    }
  }

  onDecision(d: DecisionReport): void {
    const f = d.features;
    const ts = d.decisionTs + 1;
    const halts = new Set<string>();
    for (const c of d.candidates) {
      this.drafts.push({
        ts,
        kind: 'signal',
        text: `${c.side} ${c.tag} at ${this.pxText(c.price)}: ${c.accepted ? 'taken' : `refused ${c.reasonCode}`} · VAH ${this.pxText(f.vah)} VAL ${this.pxText(f.val)} POC ${this.pxText(f.poc)} bin ${this.pxText(f.bin_width)} · OF ${fixed(f.of_1m, 3)} qimb ${fixed(f.qimb_close, 2)} ambiguous ${fixed(f.ambiguous_trade_frac_1m * 100, 0)}%`,
        data: {
          tag: c.tag,
          side: c.side,
          price: this.px(c.price),
          stop: this.px(c.stop),
          accepted: c.accepted,
          reasonCode: c.reasonCode,
          vah: this.px(f.vah),
          val: this.px(f.val),
          poc: this.px(f.poc),
          binWidth: this.px(f.bin_width),
          of1m: num(f.of_1m),
          qimb: num(f.qimb_close),
          ambiguousFrac: num(f.ambiguous_trade_frac_1m),
          sigma240: num(f.sigma_240),
        },
      });
      if (!c.accepted && HALTS[c.reasonCode]) halts.add(c.reasonCode);
    }
    for (const code of halts) {
      if (!this.activeHalts.has(code)) this.drafts.push({ ts, kind: 'risk', text: HALTS[code]!, data: { code } });
    }
    // A halt ends when a minute's candidates no longer meet it (or a candidate is taken).
    if (d.candidates.length > 0) {
      this.activeHalts.clear();
      for (const code of halts) this.activeHalts.add(code);
    }
    for (const alert of this.conditions.onDecision(d)) this.drafts.push(alertEntry(alert));
  }

  onBrokerEvents(events: readonly BrokerEvent[]): void {
    for (const e of events) {
      switch (e.type) {
        case 'order-submitted': {
          const o = e.order;
          const ref = o.limitPrice ?? o.stopPrice ?? null;
          this.drafts.push({
            ts: e.ts,
            kind: 'order',
            text: `submit ${o.role} ${o.side} ${o.qty} ${o.type}${ref !== null ? ` @ ${this.pxText(ref)}` : ''}`,
            data: { event: 'submit', orderId: o.id, role: o.role, side: o.side, qty: o.qty, type: o.type, price: ref === null ? null : this.px(ref), decisionTs: o.decisionTs },
          });
          break;
        }
        case 'order-filled': {
          const f = e.fill;
          this.drafts.push({
            ts: e.ts,
            kind: 'order',
            text: `fill ${f.role} ${f.side} ${f.qty} @ ${this.pxText(f.price)}, fee ${f.fee.toFixed(4)}, slippage ${f.slippageTicks} ticks`,
            data: {
              event: 'fill',
              orderId: f.orderId,
              role: f.role,
              side: f.side,
              qty: f.qty,
              price: this.px(f.price),
              refPrice: this.px(f.refPrice),
              slippageTicks: f.slippageTicks,
              slippageCost: f.slippageCost,
              fee: f.fee,
              liquidity: f.liquidity,
              decisionTs: f.decisionTs,
              fillTs: f.ts,
              realizedPnl: f.realizedPnl,
            },
          });
          break;
        }
        case 'order-cancelled':
          this.drafts.push({ ts: e.ts, kind: 'order', text: `cancel order ${e.orderId} (${e.reason})`, data: { event: 'cancel', orderId: e.orderId, reason: e.reason } });
          break;
        case 'order-rejected':
          this.drafts.push({ ts: e.ts, kind: 'order', text: `rejected: ${e.message}`, data: { event: 'reject', reason: e.reason } });
          break;
        case 'position-changed': {
          const qty = e.position.qty;
          if (qty !== 0 && this.positionQty === 0) {
            this.drafts.push(alertEntry({ kind: 'trade-open', ts: e.ts, title: `${qty > 0 ? 'Long' : 'Short'} ${Math.abs(qty)} opened at ${this.pxText(e.position.avgEntry)} (${this.o.label})`, message: `Fees so far ${e.position.fees.toFixed(2)}.` }));
          } else if (qty === 0 && this.positionQty !== 0) {
            this.drafts.push(alertEntry({ kind: 'trade-close', ts: e.ts, title: `Position closed (${this.o.label})`, message: `Realized so far ${e.position.realizedPnl.toFixed(2)}, fees ${e.position.fees.toFixed(2)}.` }));
          }
          this.positionQty = qty;
          break;
        }
        default:
          break;
      }
    }
  }
}
