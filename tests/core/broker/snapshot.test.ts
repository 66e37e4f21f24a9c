// Determinism and crash recovery: the same inputs give identical events, and a broker restored
// from a JSON snapshot behaves exactly like the one that kept running.

import { describe, expect, it } from 'vitest';
import { DEFAULT_BROKER_CONFIG, type BrokerConfig } from '../../../core/broker/config';
import { PaperBroker } from '../../../core/broker/paper-broker';
import type { BrokerEvent } from '../../../core/broker/types';
import { mulberry32 } from '../flow/synthetic-ticks';
import { INST, must, quote, T0, trade } from './helpers';

const CFG: BrokerConfig = { ...DEFAULT_BROKER_CONFIG, funding: { kind: 'flat', ratePer8h: 0.0001 } };

type Step = { kind: 'quote'; ts: number; bid: number; ask: number } | { kind: 'trade'; ts: number; price: number } | { kind: 'decide'; ts: number };

/** A seeded random walk of quotes and trades over ~10 h with a decision at every minute close. */
function script(seed: number): Step[] {
  const rand = mulberry32(seed);
  const steps: Step[] = [];
  let mid = 1_000_000;
  for (let ts = T0; ts < T0 + 10 * 3_600_000; ts += 1_000 + Math.floor(rand() * 9_000)) {
    const minuteClose = Math.floor(ts / 60_000) * 60_000 - 1;
    if (steps.length > 0 && minuteClose > (steps[steps.length - 1] as Step).ts) steps.push({ kind: 'decide', ts: minuteClose });
    mid += Math.round((rand() - 0.5) * 120);
    const half = 1 + Math.floor(rand() * 5);
    steps.push({ kind: 'quote', ts, bid: mid - half, ask: mid + half });
    if (rand() < 0.5) steps.push({ kind: 'trade', ts, price: mid + Math.round((rand() - 0.5) * 4 * half) });
  }
  return steps;
}

/** A toy strategy: flat -> long or short bracket with 50/50 targets; break-even after the first target. */
function step(b: PaperBroker, s: Step, rand: () => number): void {
  if (s.kind === 'quote') return b.onQuote(quote(s.ts, s.bid, s.ask));
  if (s.kind === 'trade') return b.onTrade(trade(s.ts, s.price));
  const pos = b.position();
  const mark = b.markPrice() as number;
  if (pos.qty === 0 && b.workingOrders().length === 0 && rand() < 0.3) {
    const long = rand() < 0.5;
    const dir = long ? 1 : -1;
    must(b.submitBracket({ side: long ? 'buy' : 'sell', qty: 0.01 * (1 + Math.floor(rand() * 3)), entry: { type: 'market' }, stopPrice: Math.round(mark - dir * 300), targets: [{ price: Math.round(mark + dir * 200), share: 0.5 }, { price: Math.round(mark + dir * 500), share: 0.5 }] }, s.ts));
  } else if (pos.qty !== 0) {
    const [br] = b.brackets();
    if (br && br.targetOrderIds.length === 1 && br.stopPrice !== Math.round(pos.avgEntry)) must(b.moveStop(br.id, Math.round(pos.avgEntry), s.ts));
    if (rand() < 0.01) must(b.flatten(s.ts));
  }
}

function run(steps: readonly Step[], restoreEvery: number | null): BrokerEvent[] {
  const rand = mulberry32(7);
  let b = new PaperBroker(INST, CFG);
  const events: BrokerEvent[] = [];
  steps.forEach((s, i) => {
    step(b, s, rand);
    events.push(...b.drainEvents());
    if (restoreEvery !== null && i % restoreEvery === 0) b = PaperBroker.restore(INST, CFG, JSON.parse(JSON.stringify(b.snapshot())));
  });
  return events;
}

describe('determinism and snapshot/restore', () => {
  const steps = script(42);
  const straight = run(steps, null);

  it('the scripted session exercises entries, targets, stops, break-even moves and funding', () => {
    const types = new Set(straight.map((e) => (e.type === 'order-filled' ? `fill:${e.fill.role}` : e.type)));
    for (const t of ['fill:entry', 'fill:target', 'fill:stop', 'order-modified', 'order-triggered', 'funding-applied', 'order-cancelled']) expect(types).toContain(t);
    expect(straight.map((e) => e.seq)).toEqual(straight.map((_, i) => i + 1));
  });

  it('the same inputs give identical events', () => {
    expect(run(steps, null)).toEqual(straight);
  });

  it('restoring from a JSON snapshot after every few events changes nothing', () => {
    expect(run(steps, 1)).toEqual(straight);
    expect(run(steps, 37)).toEqual(straight);
  });

  it('no fill is stamped at or before its decision time', () => {
    for (const e of straight) if (e.type === 'order-filled') expect(e.fill.ts).toBeGreaterThan(e.fill.decisionTs);
  });

  it('restore validates the snapshot and names the bad field', () => {
    const snap = new PaperBroker(INST, CFG).snapshot();
    expect(() => PaperBroker.restore(INST, CFG, { ...snap, orders: [{ id: 'x' }] })).toThrow(/orders/);
    expect(() => PaperBroker.restore(INST, CFG, { ...snap, version: 2 })).toThrow();
  });

  it('a snapshot is a copy: mutating it does not touch the broker', () => {
    const b = new PaperBroker(INST, CFG);
    const snap = b.snapshot();
    snap.balance = 0;
    expect(b.account().balance).toBe(10_000);
  });
});
