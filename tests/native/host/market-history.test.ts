// The stored history behind the chart's higher timeframes: the store's 1m bars before the
// session, aggregated to days (or hours), checked against daily bars computed by hand; none for
// a simulated market; never past a replay's start.

import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { BTCUSDT_PERP } from '../../../core/market/instrument';
import type { FeedChoice } from '../../../native/host/feed-provider';
import { Host } from '../../../native/host/host';
import { MarketSession } from '../../../native/host/market-session';
import type { BarRow } from '../../../native/store/store-types';
import { Store } from '../../../native/store/store';
import { ScriptedFeed } from '../../support/scripted-feed';

const DAY = 86_400_000;
const D0 = Date.UTC(2026, 2, 1);

/**
 * Three days of 1m bars. Day d: every minute opens at 1000 + 100d and closes 1 tick higher, high
 * +5 and low -5, except 03:00 (low -40) and 12:00 (high +50); volume 1 (0.75 bought, 0.25 sold).
 */
function minutes(): BarRow[] {
  const rows: BarRow[] = [];
  for (let d = 0; d < 3; d++) {
    const base = 1000 + 100 * d;
    for (let m = 0; m < 1440; m++) {
      rows.push({ ts: D0 + d * DAY + m * 60_000, open: base, high: base + (m === 720 ? 50 : 5), low: base - (m === 180 ? 40 : 5), close: base + 1, volume: 1, vwap: base, trades: 2, buyVolume: 0.75, sellVolume: 0.25 });
    }
  }
  return rows;
}

const cleanup: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const step of cleanup.splice(0).reverse()) await step();
});

async function hostOn(choice: FeedChoice): Promise<Host> {
  const dir = mkdtempSync(join(tmpdir(), 'auctioneer-history-'));
  const store = Store.open(join(dir, 'auctioneer.db'));
  store.upsertBars(store.ensureInstrument(BTCUSDT_PERP), 60, minutes(), 'import:test');
  const host = new Host({
    shell: 'web',
    version: 'test',
    feeds: { sources: [], provide: async () => ({ feed: new ScriptedFeed(), dispose: async () => {} }) },
    initialFeed: choice,
    createSession: (f) => new MarketSession(f),
    store,
    replayInstrument: BTCUSDT_PERP,
    settings: { dataDir: dir },
  });
  cleanup.push(() => store.close(), () => host.stop());
  await host.start();
  return host;
}

const shape = (bars: readonly { ts: number; open: number; high: number; low: number; close: number; volume: number; delta: number; trades: number }[]) =>
  bars.map((b) => ({ ts: b.ts, open: b.open, high: b.high, low: b.low, close: b.close, volume: b.volume, delta: b.delta, trades: b.trades }));

describe('market.history', () => {
  it('gives an exchange session its stored days, the last one cut where the session starts', async () => {
    const host = await hostOn({ source: 'exchange', exchange: 'binanceusdm', symbol: 'BTC/USDT:USDT' });
    const sessionStart = D0 + 2 * DAY + 12 * 3_600_000;
    const { bars } = await host.handlers['market.history']({ symbol: 'BTCUSDT', timeframe: '1d', toTs: sessionStart, limit: 30 });
    expect(shape(bars)).toEqual([
      { ts: D0, open: 1000, high: 1050, low: 960, close: 1001, volume: 1440, delta: 720, trades: 2880 },
      { ts: D0 + DAY, open: 1100, high: 1150, low: 1060, close: 1101, volume: 1440, delta: 720, trades: 2880 },
      // 00:00-11:59 only: the 12:00 high of +50 belongs to the session.
      { ts: D0 + 2 * DAY, open: 1200, high: 1205, low: 1160, close: 1201, volume: 720, delta: 360, trades: 1440 },
    ]);
    // The session's first minute moves on (its bars are capped): the cut bar takes in 12:00.
    const rolled = await host.handlers['market.history']({ symbol: 'BTCUSDT', timeframe: '1d', toTs: sessionStart + 60_000, limit: 30 });
    expect(shape(rolled.bars.slice(-1))).toEqual([{ ts: D0 + 2 * DAY, open: 1200, high: 1250, low: 1160, close: 1201, volume: 721, delta: 360.5, trades: 1442 }]);
    expect(shape(rolled.bars.slice(0, 2))).toEqual(shape(bars.slice(0, 2)));
    // The limit keeps the newest bars.
    const two = await host.handlers['market.history']({ symbol: 'BTCUSDT', timeframe: '1d', toTs: sessionStart, limit: 2 });
    expect(two.bars.map((b) => b.ts)).toEqual([D0 + DAY, D0 + 2 * DAY]);
    // 4h: day 1's 12:00-16:00 bar holds the +50 high.
    const h4 = await host.handlers['market.history']({ symbol: 'BTCUSDT', timeframe: '4h', toTs: sessionStart, limit: 500 });
    expect(h4.bars).toHaveLength(6 + 6 + 3);
    expect(shape([h4.bars.find((b) => b.ts === D0 + DAY + 12 * 3_600_000)!])).toEqual([
      { ts: D0 + DAY + 12 * 3_600_000, open: 1100, high: 1150, low: 1095, close: 1101, volume: 240, delta: 120, trades: 480 },
    ]);
  });

  it('gives a simulated market nothing from the store', async () => {
    const host = await hostOn({ source: 'sim', seed: 1 });
    const result = await host.handlers['market.history']({ symbol: 'BTCUSDT', timeframe: '1d', toTs: D0 + 3 * DAY, limit: 30 });
    expect(result).toEqual({ bars: [], note: 'a simulated market has no stored history' });
  });

  it('never shows a replay what comes after its start', async () => {
    const host = await hostOn({ source: 'replay', fromTs: D0 + DAY + 6 * 3_600_000, toTs: D0 + 2 * DAY, speed: 1 });
    const { bars } = await host.handlers['market.history']({ symbol: 'BTCUSDT', timeframe: '1d', toTs: D0 + 3 * DAY, limit: 30 });
    expect(shape(bars)).toEqual([
      { ts: D0, open: 1000, high: 1050, low: 960, close: 1001, volume: 1440, delta: 720, trades: 2880 },
      { ts: D0 + DAY, open: 1100, high: 1105, low: 1060, close: 1101, volume: 360, delta: 180, trades: 720 },
    ]);
  });
});
