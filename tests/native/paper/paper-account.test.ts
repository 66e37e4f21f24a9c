import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEFAULT_BROKER_CONFIG } from '../../../core/broker/config';
import type { MarketEvent } from '../../../core/market/events';
import { BTCUSDT_PERP } from '../../../core/market/instrument';
import { PaperAccount } from '../../../native/paper/paper-account';
import { Store } from '../../../native/store/store';

const T0 = Date.UTC(2026, 0, 5, 12, 0);
const config = { ...DEFAULT_BROKER_CONFIG, funding: { kind: 'none' as const } };

/** A quote every second; price rises 1 tick a second for 5 minutes, then falls. */
function market(): MarketEvent[] {
  const events: MarketEvent[] = [];
  for (let s = 0; s < 600; s++) {
    const bid = s < 300 ? 650_000 + s : 650_300 - (s - 300);
    events.push({ kind: 'quote', quote: { ts: T0 + s * 1000, bidPrice: bid, bidSize: 1, askPrice: bid + 1, askSize: 1 } });
  }
  return events;
}

/** Trades the same script: buy at second 10 with a stop 50 below and targets +100 / +200. */
function runScript(events: readonly MarketEvent[], account: () => PaperAccount, crashAt: ReadonlySet<number>): PaperAccount {
  let a = account();
  events.forEach((e, i) => {
    if (crashAt.has(i)) a = account(); // the process died; a new one opens the same account
    a.onMarket([e]);
    if (i === 10 && a.view().positionQty === 0 && a.view().workingOrders === 0) {
      const r = a.submitBracket({ side: 'buy', qty: 1, entry: { type: 'market' }, stopPrice: 649_960, targets: [{ price: 650_110, share: 0.5 }, { price: 650_210, share: 0.5 }] });
      expect(r.ok).toBe(true);
    }
  });
  return a;
}

describe('PaperAccount', () => {
  it('fills a one-click bracket on the next quote and takes both targets (hand-computed)', () => {
    const a = runScript(market(), () => PaperAccount.open(null, 'mem', BTCUSDT_PERP, config), new Set());
    const v = a.view();
    // Entry: decided at second 10 (bid 650,010), filled at second 11's ask 650,012 + 1 tick = 650,013.
    expect(v.fills[0]).toMatchObject({ role: 'entry', price: 650_013, ts: T0 + 11_000 });
    expect(v.fills.map((f) => f.role)).toEqual(['entry', 'target', 'target']);
    expect(v.positionQty).toBe(0);
    // Gross: (65,011.0 - 65,001.3) x 0.5 + (65,021.0 - 65,001.3) x 0.5 = 4.85 + 9.85 = 14.7.
    expect(v.realizedPnl).toBeCloseTo(14.7, 9);
  });

  it('survives crashes at any moment: reopening gives the uninterrupted account, no lost or repeated fill', () => {
    const events = market();
    const reference = runScript(events, () => PaperAccount.open(null, 'mem', BTCUSDT_PERP, config), new Set()).view();
    let seed = 11;
    const rand = (): number => {
      seed = (Math.imul(seed, 1664525) + 1013904223) >>> 0;
      return seed / 4294967296;
    };
    for (let run = 0; run < 5; run++) {
      const store = Store.open(join(mkdtempSync(join(tmpdir(), 'auctioneer-paper-')), 's.db'));
      // Twenty crashes at random points, some around the entry and the fills.
      const crashes = new Set<number>([9, 11, 12, ...Array.from({ length: 17 }, () => Math.floor(rand() * events.length))]);
      const final = runScript(events, () => PaperAccount.open(store, 'live', BTCUSDT_PERP, config), crashes).view();
      expect(final.balance).toBeCloseTo(reference.balance, 9);
      expect(final.realizedPnl).toBeCloseTo(reference.realizedPnl, 9);
      expect(final.fills.map((f) => [f.role, f.price, f.ts])).toEqual(reference.fills.map((f) => [f.role, f.price, f.ts]));
      const journaled = store.statement(`SELECT COUNT(*) AS n FROM paper_journal WHERE kind = 'order-filled'`).get() as { n: number };
      expect(journaled.n).toBe(3);
      store.close();
    }
  });
});
