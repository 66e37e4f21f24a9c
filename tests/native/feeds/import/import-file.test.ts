import Database from 'better-sqlite3';
import { createHash } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { BTCUSDT_PERP, BTCUSDT_SPOT } from '../../../../core/market/instrument';
import { ImportError } from '../../../../native/feeds/import/import-error';
import { importFile } from '../../../../native/feeds/import/import-file';
import { readTickFile } from '../../../../native/feeds/import/read-ticks';
import { Store } from '../../../../native/store/store';
import { hasSharedData, sharedDataFile, SKIP_REASON } from '../../../support/shared-data';

const dir = mkdtempSync(join(tmpdir(), 'auctioneer-import-'));
let n = 0;
const write = (name: string, text: string, gzip = false): string => {
  const path = join(dir, `${n++}-${name}`);
  writeFileSync(path, gzip ? gzipSync(text) : text);
  return path;
};
const opts = { instrument: BTCUSDT_PERP };

/** Every row of every table, to prove a failed import changed nothing. */
function dump(path: string): string {
  const db = new Database(path, { readonly: true });
  const tables = (db.prepare(`SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name`).all() as Array<{ name: string }>).map((t) => t.name);
  const out = tables.map((t) => `${t}:${JSON.stringify(db.prepare(`SELECT * FROM ${t}`).all())}`).join('\n');
  db.close();
  return out;
}

const GOOD_TRADES = '1,65000.1,0.010,650.001,1700000000000,true\n2,65000.2,0.500,32500.1,1700000000001,false\n';

const bad: Array<[string, string, RegExp]> = [
  ['wrong column count', '1,65000.1,0.010,650.001,1700000000000\n', /:1: /],
  ['non-numeric', `${GOOD_TRADES}3,abc,0.1,1,1700000000002,true\n`, /:3: price: not a number/],
  ['negative size', `${GOOD_TRADES}3,65000.0,-1,1,1700000000002,true\n`, /:3: size: must be positive/],
  ['crossed quote', '9,100.2,1.5,100.1,2.5,1700000000000,1700000000001\n', /:1: bid: crossed quote/],
  ['time backwards', `${GOOD_TRADES}3,65000.0,1,1,1699999000000,true\n`, /:3: trade time: time went backwards/],
  ['duplicate id', `${GOOD_TRADES}2,65000.0,1,1,1700000000003,true\n`, /:3: trade id: duplicate id 2/],
  ['bad kline', 'open_time,open,high,low,close,volume,close_time,quote_volume,count,taker_buy_volume,taker_buy_quote_volume,ignore\n1700000000000,10,9,8,9,1,1700000899999,9,1,0.5,4.5,0\n', /:2: high: inconsistent bar/],
  ['kline volume negative', '1700000000000,10,11,9,10,-1,1700000899999,9,1,0.5,4.5,0\n', /:1: volume: must be at least 0/],
];

describe('importFile', () => {
  it('imports trades, builds their 1m bars, and adds nothing on re-import (plain or gzipped)', () => {
    const path = join(dir, 'a.db');
    const store = Store.open(path);
    const first = importFile(store, write('t.csv', GOOD_TRADES), opts);
    expect(first).toMatchObject({ format: 'binance-trades-csv', alreadyImported: false, tradesAdded: 2, barsWritten: 1 });
    const bars = store.loadBars(1, 60, 0, 2e12);
    expect(bars).toMatchObject([{ ts: 1699999980000, open: 650001, close: 650002, volume: 0.51, buyVolume: 0.5, sellVolume: 0.01 }]);
    const again = importFile(store, write('t.csv.gz', GOOD_TRADES, true), opts);
    expect(again).toMatchObject({ alreadyImported: true, tradesAdded: 0 });
    store.close();
  });

  it.each(bad)('refuses %s with file, line and field, leaving the store as it was', (_name, text, message) => {
    const path = join(dir, `bad-${n++}.db`);
    const store = Store.open(path);
    importFile(store, write('good.csv', '10,65000.1,0.010,650.001,1700000000000,true\n'), opts);
    store.close();
    const before = dump(path);
    const reopened = Store.open(path);
    const file = write('bad.csv', text);
    let error: unknown;
    try {
      importFile(reopened, file, opts);
    } catch (e) {
      error = e;
    }
    reopened.close();
    expect(error).toBeInstanceOf(ImportError);
    expect((error as Error).message).toContain(file);
    expect((error as Error).message).toMatch(message);
    expect(dump(path)).toBe(before);
  });

  it('rolls back everything when a write fails inside the transaction', () => {
    const path = join(dir, 'rollback.db');
    const store = Store.open(path);
    importFile(store, write('good.csv', GOOD_TRADES), opts);
    store.close();
    const before = dump(path);
    const reopened = Store.open(path);
    // Same symbol with another tick size: refused when the instrument is resolved, after parsing.
    expect(() => importFile(reopened, write('other.csv', '5,65000.1,0.010,650.001,1700000000000,true\n'), { instrument: { ...BTCUSDT_PERP, tickSize: 0.01 } })).toThrow(/tick size/);
    reopened.close();
    expect(dump(path)).toBe(before);
  });

  it('imports a generic OHLCV CSV with ISO timestamps', () => {
    const store = Store.open(join(dir, 'ohlcv.db'));
    const r = importFile(store, write('o.csv', 'timestamp,open,high,low,close,volume\n2024-01-01 00:00:00,100,101,99,100.5,3\n2024-01-01 00:01:00,100.5,102,100,101,4\n'), opts);
    expect(r).toMatchObject({ format: 'ohlcv-csv', barsWritten: 2 });
    expect(store.loadBars(1, 60, 0, 2e12).map((b) => [b.ts, b.open, b.high, b.close])).toEqual([
      [Date.UTC(2024, 0, 1, 0, 0), 1000, 1010, 1005],
      [Date.UTC(2024, 0, 1, 0, 1), 1005, 1020, 1010],
    ]);
    store.close();
  });

  it('imports Bybit public trading CSV with the taker side', () => {
    const store = Store.open(join(dir, 'bybit.db'));
    const text = 'timestamp,symbol,side,size,price,tickDirection,trdMatchID,grossValue,homeNotional,foreignNotional\n1585180700.0647,BTCUSD,Buy,0.5,6698.5,ZeroPlusTick,8dc8,7.4e+07,0.5,3349.25\n1585180701.5,BTCUSD,Sell,0.25,6698.0,MinusTick,9ab1,3.7e+07,0.25,1674.5\n';
    const r = importFile(store, write('bybit.csv', text), opts);
    expect(r).toMatchObject({ format: 'bybit-trades-csv', tradesAdded: 2 });
    const t = store.loadTrades(1, 0, 2e12);
    expect([...t.ts]).toEqual([1585180700065, 1585180701500]);
    expect([...t.side]).toEqual([1, -1]);
    store.close();
  });
});

describe('importFile with the content hash on a worker thread', () => {
  // Small files are hashed in place; these force the worker so that its path is the one tested.
  const onWorker = { ...opts, digest: { workerMinBytes: 0 } };
  const sha256 = (text: string): string => createHash('sha256').update(text).digest('hex');

  it('records the SHA-256 of the content, plain or gzipped, and adds nothing on re-import', () => {
    const store = Store.open(join(dir, 'worker.db'));
    const first = importFile(store, write('w.csv', GOOD_TRADES), onWorker);
    expect(first).toMatchObject({ alreadyImported: false, tradesAdded: 2 });
    expect(store.findImport(sha256(GOOD_TRADES))).toMatchObject({ trades: 2 });
    expect(importFile(store, write('w.csv.gz', GOOD_TRADES, true), onWorker)).toMatchObject({ alreadyImported: true, tradesAdded: 0 });
    expect(importFile(store, write('w2.csv', GOOD_TRADES), opts)).toMatchObject({ alreadyImported: true });
    store.close();
  });

  it.each(bad)('refuses %s with file, line and field, leaving the store as it was', (_name, text, message) => {
    const path = join(dir, `bad-worker-${n++}.db`);
    const store = Store.open(path);
    importFile(store, write('good.csv', '10,65000.1,0.010,650.001,1700000000000,true\n'), onWorker);
    store.close();
    const before = dump(path);
    const reopened = Store.open(path);
    const file = write('bad.csv', text);
    let error: unknown;
    try {
      importFile(reopened, file, onWorker);
    } catch (e) {
      error = e;
    }
    reopened.close();
    expect(error).toBeInstanceOf(ImportError);
    expect((error as Error).message).toContain(file);
    expect((error as Error).message).toMatch(message);
    expect(dump(path)).toBe(before);
  });

  it('an error in the last row of a large file leaves the store unchanged', () => {
    const path = join(dir, 'bad-last.db');
    const store = Store.open(path);
    importFile(store, write('good.csv', GOOD_TRADES), opts);
    const before = dump(path);
    const rows = Array.from({ length: 200_000 }, (_, i) => `${100 + i},65000.${i % 10},0.010,650.001,${1700000001000 + i * 10},${i % 3 === 0}`);
    rows[rows.length - 1] = rows[rows.length - 1]!.replace('0.010', '-0.010');
    const file = write('big-bad.csv', rows.join('\n') + '\n');
    expect(() => importFile(store, file, { ...opts, digest: {} })).toThrow(new RegExp(`:200000: size: must be positive`));
    store.close();
    expect(dump(path)).toBe(before);
  });

  it('content imported before adds nothing even where parsing it again would now fail', () => {
    const store = Store.open(join(dir, 'seen.db'));
    const text = '1,65000.15,0.010,650.001,1700000000000,true\n';
    importFile(store, write('fine.csv', text), { instrument: BTCUSDT_SPOT, digest: { workerMinBytes: 0 } });
    // On the 0.1 tick grid this price is an error, but the content is known: nothing to do.
    expect(importFile(store, write('again.csv', text), onWorker)).toMatchObject({ alreadyImported: true, tradesAdded: 0 });
    store.close();
  });

  it('hashes in place when the worker fails, or never reports', () => {
    const store = Store.open(join(dir, 'worker-fails.db'));
    const failing = { ...opts, digest: { workerMinBytes: 0, workerSource: 'throw new Error("no")' } };
    expect(importFile(store, write('f.csv', GOOD_TRADES), failing)).toMatchObject({ alreadyImported: false, tradesAdded: 2 });
    expect(store.findImport(sha256(GOOD_TRADES))).not.toBeNull();
    const silent = { ...opts, digest: { workerMinBytes: 0, workerSource: '' } };
    const other = '3,65000.1,0.010,650.001,1700000100000,true\n4,65000.2,0.500,32500.1,1700000100001,false\n';
    expect(importFile(store, write('s.csv', other), silent)).toMatchObject({ alreadyImported: false, tradesAdded: 2 });
    expect(store.findImport(sha256(other))).not.toBeNull();
    store.close();
  });
});

const REAL = {
  trades: 'binance_usdm_btcusdt_trades_ws.csv.gz',
  quotes: 'binance_usdm_btcusdt_bookticker_ws.csv.gz',
  capture: 'raw_ws/binance_usdm_btcusdt_20230405_ws_capture.jsonl.gz',
  klines: 'binance_spot_btcusdt_klines_15m.csv.gz',
  funding: 'funding_oi/binance_usdm_btcusdt_fundingrate_2024-07_2025-06.csv',
  funding2: 'funding_oi/binance_usdm_btcusdt_fundingrate_2026-01_2026-03.csv',
  oi: 'funding_oi/binance_usdm_btcusdt_open_interest_4h.csv',
};
const real = hasSharedData(...Object.values(REAL));

describe('importFile: the real files of ../shared/data', () => {
  it.skipIf(!real)(`round-trips trades and quotes; a capture overlapping them adds nothing new ${real ? '' : SKIP_REASON}`, () => {
    const store = Store.open(join(dir, 'real-ticks.db'));
    const t = importFile(store, sharedDataFile(REAL.trades), opts);
    const q = importFile(store, sharedDataFile(REAL.quotes), opts);
    expect(t.tradesAdded).toBe(44_948);
    expect(q.quotesAdded).toBe(162_554);
    const source = readTickFile(sharedDataFile(REAL.trades), { tickSize: 0.1 }).trades;
    const loaded = store.loadTrades(1, 0, 2e12);
    expect([...loaded.id]).toEqual([...source.id]);
    expect([...loaded.price]).toEqual([...source.price]);
    expect([...loaded.size]).toEqual([...source.size]);
    // The raw capture of 2023-04-05 holds the same trades as the flat CSV for that window.
    const c = importFile(store, sharedDataFile(REAL.capture), opts);
    expect(c.tradesAdded).toBe(0);
    store.close();
  });

  it.skipIf(!real)(`imports 15m klines, funding and open interest with their row counts ${real ? '' : SKIP_REASON}`, () => {
    const store = Store.open(join(dir, 'real-series.db'));
    expect(importFile(store, sharedDataFile(REAL.klines), { instrument: BTCUSDT_SPOT })).toMatchObject({ format: 'binance-klines-csv', barsWritten: 116_556 });
    const spotId = store.ensureInstrument(BTCUSDT_SPOT);
    const first = store.loadBars(spotId, 900, 0, 1672618500000)[0];
    // 1672617600000,16617.17,16629.05,16610.03,16612.62,1175.88274,...,taker_buy 540.48094 (ticks of 0.01)
    expect(first).toMatchObject({ ts: 1672617600000, open: 1661717, high: 1662905, low: 1661003, close: 1661262, volume: 1175.88274, buyVolume: 540.48094 });
    // The 2023-03-24 halt: a bar cut short (close_time before the 15 minutes end) is kept.
    expect(store.loadBars(spotId, 900, 1679661000000, 1679661000001)).toHaveLength(1);
    expect(importFile(store, sharedDataFile(REAL.funding), opts).otherRows).toBe(1_000);
    expect(importFile(store, sharedDataFile(REAL.funding2), opts).otherRows).toBe(200);
    expect(store.loadFunding(store.ensureInstrument(BTCUSDT_PERP), Date.UTC(2024, 6, 19, 8), Date.UTC(2024, 6, 19, 8, 0, 1))).toEqual([{ ts: Date.UTC(2024, 6, 19, 8), rate: 0.00004855 }]);
    expect(importFile(store, sharedDataFile(REAL.oi), opts).otherRows).toBe(168);
    store.close();
  });
});
