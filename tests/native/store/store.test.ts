import Database from 'better-sqlite3';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { BTCUSDT_PERP } from '../../../core/market/instrument';
import { loadBacktestRun, saveBacktestRun } from '../../../native/store/backtest-runs';
import { MIGRATIONS, SCHEMA_VERSION } from '../../../native/store/migrations';
import { HOUR_MS, Store } from '../../../native/store/store';
import { emptyQuotes, emptyTrades, type QuoteBlock, type TradeBlock } from '../../../native/store/tick-codec';

const dir = mkdtempSync(join(tmpdir(), 'auctioneer-store-'));
let fileNo = 0;
const freshPath = (): string => join(dir, `s${fileNo++}.db`);
const T0 = Date.UTC(2024, 6, 18, 22, 0, 0);

function randomTicks(seed: number, n: number, startTs: number, spanMs: number, withIds = true): { trades: TradeBlock; quotes: QuoteBlock } {
  let s = seed;
  const rand = (): number => {
    s = (s * 1103515245 + 12345) % 2 ** 31;
    return s / 2 ** 31;
  };
  const trades = emptyTrades(n);
  const quotes = emptyQuotes(n);
  for (let i = 0; i < n; i++) {
    const ts = startTs + Math.floor((i / n) * spanMs);
    trades.ts[i] = ts;
    trades.price[i] = 600_000 + Math.floor(rand() * 500);
    trades.size[i] = Math.ceil(rand() * 2000) / 1000;
    trades.side[i] = rand() < 0.5 ? 1 : -1;
    trades.id[i] = withIds ? 1_000_000 + i : Number.NaN;
    quotes.ts[i] = ts;
    quotes.bidPrice[i] = 600_000 + Math.floor(rand() * 500);
    quotes.askPrice[i] = (quotes.bidPrice[i] as number) + 1 + Math.floor(rand() * 2);
    quotes.bidSize[i] = rand() * 5;
    quotes.askSize[i] = rand() * 5;
  }
  return { trades, quotes };
}

const columns = (b: TradeBlock) => [[...b.ts], [...b.price], [...b.size], [...b.side], [...b.id]];
const quoteColumns = (b: QuoteBlock) => [[...b.ts], [...b.bidPrice], [...b.bidSize], [...b.askPrice], [...b.askSize]];

/** A store file with the schema of `version` and no later migration, still open for raw writes. */
function rawFileAt(version: number): { path: string; raw: Database.Database } {
  const path = freshPath();
  const raw = new Database(path);
  for (const m of MIGRATIONS.filter((x) => x.version <= version)) raw.exec(m.sql);
  raw.pragma(`user_version = ${version}`);
  return { path, raw };
}

describe('Store: schema migrations', () => {
  it('creates the latest schema in an empty file', () => {
    const store = Store.open(freshPath());
    expect(store.schemaVersion).toBe(SCHEMA_VERSION);
    expect(SCHEMA_VERSION).toBe(MIGRATIONS.length);
    store.close();
  });

  it.each(MIGRATIONS.slice(0, -1).map((m) => m.version))('upgrades a file at version %i, keeping its data', (version) => {
    const { path, raw } = rawFileAt(version);
    raw.prepare(`INSERT INTO instruments (venue, symbol, tick_size, contract_size, size_step) VALUES ('binanceusdm', 'BTCUSDT', 0.1, 1, 0.001)`).run();
    raw.prepare(`INSERT INTO funding_rates (instrument_id, ts, rate) VALUES (1, 1000, 0.0001)`).run();
    raw.close();
    const store = Store.open(path);
    expect(store.schemaVersion).toBe(SCHEMA_VERSION);
    expect(store.loadFunding(1, 0, 2000)).toEqual([{ ts: 1000, rate: 0.0001 }]);
    expect(store.ensureInstrument(BTCUSDT_PERP)).toBe(1);
    store.close();
  });

  it('says when it upgrades a store that holds data, and stays quiet creating a new one', () => {
    const spy = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    try {
      Store.open(freshPath()).close();
      expect(spy).not.toHaveBeenCalled();
      const { path, raw } = rawFileAt(9);
      raw.close();
      Store.open(path).close();
      expect(spy.mock.calls.map((c) => String(c[0]))).toEqual([
        `auctioneer: upgrading the store ${path} from schema 9 to ${SCHEMA_VERSION}, once (a large store takes a while)`,
        expect.stringMatching(/^auctioneer: store upgraded in \d+\.\d s$/),
      ]);
      spy.mockClear();
      Store.open(path).close();
      expect(spy).not.toHaveBeenCalled();
    } finally {
      spy.mockRestore();
    }
  });

  it('moves the tick blocks of a version 9 file out of the WITHOUT ROWID table, every tick kept', () => {
    const { path, raw } = rawFileAt(9);
    raw.close();
    const { trades, quotes } = randomTicks(3, 20_000, T0 + 77, 3 * HOUR_MS);
    // Written through the version 9 schema: the current code writes the same columns.
    const before = Store.open(freshPath());
    const id = before.ensureInstrument(BTCUSDT_PERP);
    before.writeTrades(id, 'import', trades);
    before.writeQuotes(id, 'live', quotes);
    const rows = before.statement('SELECT * FROM tick_blocks ORDER BY instrument_id, kind, hour_ts, origin').all() as Array<Record<string, unknown>>;
    before.close();
    const old = new Database(path);
    old.prepare(`INSERT INTO instruments (venue, symbol, tick_size, contract_size, size_step) VALUES ('binanceusdm', 'BTCUSDT', 0.1, 1, 0.001)`).run();
    const insert = old.prepare('INSERT INTO tick_blocks (instrument_id, kind, hour_ts, origin, first_ts, last_ts, count, encoding, data) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)');
    for (const r of rows) insert.run(r.instrument_id, r.kind, r.hour_ts, r.origin, r.first_ts, r.last_ts, r.count, r.encoding, r.data);
    expect(old.prepare(`SELECT sql FROM sqlite_master WHERE name = 'tick_blocks'`).pluck().get()).toMatch(/WITHOUT ROWID/);
    old.close();

    const store = Store.open(path);
    expect(store.schemaVersion).toBe(SCHEMA_VERSION);
    expect(store.statement(`SELECT sql FROM sqlite_master WHERE name = 'tick_blocks'`).pluck().get()).not.toMatch(/WITHOUT ROWID/);
    expect(store.statement(`SELECT name FROM sqlite_master WHERE tbl_name = 'tick_blocks' AND type = 'index' AND name = 'tick_blocks_retention'`).pluck().get()).toBe('tick_blocks_retention');
    expect(columns(store.loadTrades(1, T0, T0 + 4 * HOUR_MS))).toEqual(columns(trades));
    expect(quoteColumns(store.loadQuotes(1, T0, T0 + 4 * HOUR_MS))).toEqual(quoteColumns(quotes));
    // The unique key still merges a block written again instead of adding a second one.
    expect(store.writeTrades(1, 'import', trades).added).toBe(0);
    expect(store.statement('SELECT COUNT(*) FROM tick_blocks').pluck().get()).toBe(rows.length);
    expect(store.purgeLiveTicks(T0 + 10 * HOUR_MS, HOUR_MS)).toBe(rows.filter((r) => r.origin === 'live').length);
    store.close();
  });

  it('keeps the backtest runs of a version 10 file, as runs on 1m bars, and saves new runs with their timeframe', () => {
    const { path, raw } = rawFileAt(10);
    raw.prepare(`INSERT INTO instruments (venue, symbol, tick_size, contract_size, size_step) VALUES ('binanceusdm', 'BTCUSDT', 0.1, 1, 0.001)`).run();
    raw
      .prepare(`INSERT INTO backtest_runs (created_at, strategy, params_json, instrument_id, mode, from_ts, to_ts, metrics_json) VALUES (1, 'seed003-value-area', '{}', 1, 'bars', 0, 60000, '{}')`)
      .run();
    raw.close();
    const store = Store.open(path);
    expect(loadBacktestRun(store, 1)).toMatchObject({ strategy: 'seed003-value-area', mode: 'bars', timeframe: '1m' });
    const id = saveBacktestRun(store, { createdAt: 2, strategy: 'seed000-amt-trend-continuation', params: {}, instrumentId: 1, mode: 'bars', timeframe: '15m', fromTs: 0, toTs: 900_000, metricsJson: '{}', trades: [], equity: [] });
    expect(loadBacktestRun(store, id)?.timeframe).toBe('15m');
    store.close();
  });

  it('refuses a file written by a newer version, saying so', () => {
    const path = freshPath();
    const raw = new Database(path);
    raw.pragma(`user_version = ${SCHEMA_VERSION + 1}`);
    raw.close();
    expect(() => Store.open(path)).toThrow(/newer than this Auctioneer/);
  });
});

describe('Store: ticks', () => {
  it('round-trips trades and quotes exactly across hour blocks, and loads sub-ranges', () => {
    const store = Store.open(freshPath());
    const id = store.ensureInstrument(BTCUSDT_PERP);
    const { trades, quotes } = randomTicks(1, 30_000, T0 + 1234, 3 * HOUR_MS);
    expect(store.writeTrades(id, 'import', trades).added).toBe(30_000);
    expect(store.writeQuotes(id, 'import', quotes).added).toBe(30_000);
    expect(columns(store.loadTrades(id, T0, T0 + 4 * HOUR_MS))).toEqual(columns(trades));
    expect(quoteColumns(store.loadQuotes(id, T0, T0 + 4 * HOUR_MS))).toEqual(quoteColumns(quotes));
    const from = T0 + HOUR_MS / 2;
    const to = T0 + 2 * HOUR_MS + 17;
    const part = store.loadTrades(id, from, to);
    const expected = [...trades.ts].filter((t) => t >= from && t < to);
    expect([...part.ts]).toEqual(expected);
    store.close();
  });

  it('adds nothing when the same trades arrive again, and only the new ones on overlap', () => {
    const store = Store.open(freshPath());
    const id = store.ensureInstrument(BTCUSDT_PERP);
    const { trades } = randomTicks(2, 1_000, T0, HOUR_MS / 2);
    store.writeTrades(id, 'import', trades);
    expect(store.writeTrades(id, 'import', trades).added).toBe(0);
    const { trades: more } = randomTicks(2, 1_500, T0, HOUR_MS * 0.75);
    // Same seed and ids for the first 1,000 (different timestamps spacing does not matter: ids decide).
    expect(store.writeTrades(id, 'import', more).added).toBe(500);
    expect(store.loadTrades(id, T0, T0 + HOUR_MS).length).toBe(1_500);
    store.close();
  });

  it('deduplicates id-less trades by time, price, size and side', () => {
    const store = Store.open(freshPath());
    const id = store.ensureInstrument(BTCUSDT_PERP);
    const { trades } = randomTicks(3, 500, T0, HOUR_MS / 4, false);
    store.writeTrades(id, 'import', trades);
    expect(store.writeTrades(id, 'import', trades).added).toBe(0);
    store.close();
  });

  it('merges an hour captured live and imported without counting a trade twice', () => {
    const store = Store.open(freshPath());
    const id = store.ensureInstrument(BTCUSDT_PERP);
    const { trades } = randomTicks(4, 2_000, T0, HOUR_MS);
    store.writeTrades(id, 'live', trades);
    store.writeTrades(id, 'import', trades);
    const loaded = store.loadTrades(id, T0, T0 + HOUR_MS);
    expect(columns(loaded)).toEqual(columns(trades));
    store.close();
  });

  it('purges live ticks older than the retention and keeps imported history', () => {
    const store = Store.open(freshPath());
    const id = store.ensureInstrument(BTCUSDT_PERP);
    const old = randomTicks(5, 100, T0, HOUR_MS / 2).trades;
    const recent = randomTicks(6, 100, T0 + 47 * HOUR_MS, HOUR_MS / 2).trades;
    store.writeTrades(id, 'live', old);
    store.writeTrades(id, 'import', old);
    store.writeTrades(id, 'live', recent);
    const now = T0 + 49 * HOUR_MS;
    expect(store.purgeLiveTicks(now, 48 * HOUR_MS)).toBe(1);
    expect(store.coverage(id).map((c) => [c.origin, c.count])).toEqual([
      ['import', 100],
      ['live', 100],
    ]);
    store.close();
  });

  it('rebuilds 1m bars from stored trades with the quote snapshot at each minute close', () => {
    const store = Store.open(freshPath());
    const id = store.ensureInstrument(BTCUSDT_PERP);
    const { trades, quotes } = randomTicks(7, 5_000, T0, HOUR_MS);
    store.writeTrades(id, 'import', trades);
    store.writeQuotes(id, 'import', quotes);
    store.rebuildMinuteBars(id, [T0]);
    const bars = store.loadBars(id, 60, T0, T0 + HOUR_MS);
    expect(bars).toHaveLength(60);
    for (const bar of bars) {
      const inMinute = [...trades.ts.keys()].filter((i) => (trades.ts[i] as number) >= bar.ts && (trades.ts[i] as number) < bar.ts + 60_000);
      expect(bar.open).toBe(trades.price[inMinute[0] as number]);
      expect(bar.close).toBe(trades.price[inMinute[inMinute.length - 1] as number]);
      expect(bar.volume).toBeCloseTo(inMinute.reduce((s, i) => s + (trades.size[i] as number), 0), 9);
      const lastQuote = [...quotes.ts.keys()].filter((i) => (quotes.ts[i] as number) <= bar.ts + 59_999).pop() as number;
      expect(bar.bidPxClose).toBe(quotes.bidPrice[lastQuote]);
      expect(bar.askSzClose).toBe(quotes.askSize[lastQuote]);
    }
    store.close();
  });
});

describe('Store: bars of a fresh trades import', () => {
  it('writes the same 1m bars from memory as rebuilding them from the stored ticks', () => {
    const { trades } = randomTicks(8, 20_000, T0, 2 * HOUR_MS);
    const a = Store.open(freshPath());
    const idA = a.ensureInstrument(BTCUSDT_PERP);
    a.writeTrades(idA, 'import', trades);
    a.writeMinuteBarsFrom(idA, trades);
    const b = Store.open(freshPath());
    const idB = b.ensureInstrument(BTCUSDT_PERP);
    const written = b.writeTrades(idB, 'import', trades);
    b.rebuildMinuteBars(idB, written.hours);
    expect(a.loadBars(idA, 60, T0, T0 + 2 * HOUR_MS)).toEqual(b.loadBars(idB, 60, T0, T0 + 2 * HOUR_MS));
    expect(a.countBars(idA, 60)).toBe(120);
    a.close();
    b.close();
  });
});
