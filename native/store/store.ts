// The one owner of the SQLite handle (better-sqlite3, WAL): schema migrations on open, market
// data (instruments, bars, hourly tick blocks, funding, open interest) and import records.
// Everything else reaches the database through this module.

import Database from 'better-sqlite3';
import { minuteBarsFromTrades } from '../../core/market/bar-columns';
import type { Instrument } from '../../core/market/instrument';
import { BAR_ENCODING_V1, blockSpanMs, decodeBarsInto, emptyBarColumns, encodeBars, rowAt, type BarColumnsStored } from './bar-codec';
import { MIGRATIONS, SCHEMA_VERSION } from './migrations';
import type { BarRow } from './store-types';

export type { BarRow } from './store-types';
export type { BarColumnsStored } from './bar-codec';
import {
  decodeQuotesInto,
  decodeTradesInto,
  emptyQuotes,
  emptyTrades,
  encodeQuotes,
  encodeTrades,
  QUOTE_ENCODING_V1,
  TRADE_ENCODING_V1,
  type QuoteBlock,
  type TradeBlock,
} from './tick-codec';
import { mergeQuotes, mergeTrades, sliceQuotes, sliceTrades } from './tick-merge';

export const HOUR_MS = 3_600_000;
export type TickOrigin = 'import' | 'live';

export interface StoredInstrument {
  readonly id: number;
  readonly venue: string;
  readonly symbol: string;
  readonly tickSize: number;
}

export interface ImportRecord {
  readonly id: number;
  readonly sha256: string;
  readonly file: string;
  readonly format: string;
  readonly importedAt: number;
  readonly trades: number;
  readonly quotes: number;
  readonly bars: number;
  readonly rowsOther: number;
}

interface BlockRow {
  hour_ts: number;
  count: number;
  data: Buffer;
}

/** Arrays to decode the next hour into, with room for at least `trades` trades and `quotes` quotes. */
export type TickSpace = (trades: number, quotes: number) => { trades: TradeBlock; quotes: QuoteBlock };

export class StoreError extends Error {}

export class Store {
  private readonly statements = new Map<string, Database.Statement>();

  private constructor(
    private readonly db: Database.Database,
    readonly path: string,
  ) {}

  /** Opens (creating if needed) a store file and brings its schema up to date. */
  static open(path: string): Store {
    const db = new Database(path);
    try {
      db.pragma('journal_mode = WAL');
      db.pragma('synchronous = NORMAL');
      db.pragma('foreign_keys = ON');
      db.pragma('busy_timeout = 5000');
      const store = new Store(db, path);
      store.migrate();
      return store;
    } catch (error) {
      db.close();
      throw error;
    }
  }

  get schemaVersion(): number {
    return this.db.pragma('user_version', { simple: true }) as number;
  }

  close(): void {
    this.db.close();
  }

  /**
   * For the store's own repositories (files in native/store/) only: statements on the handle,
   * cached. Nothing outside native/store reaches SQL.
   */
  statement(sql: string): Database.Statement {
    return this.stmt(sql);
  }

  /** Runs `fn` in one transaction: all of its writes land, or none. */
  transaction<T>(fn: () => T): T {
    return this.db.transaction(fn)();
  }

  private migrate(): void {
    const current = this.schemaVersion;
    if (current > SCHEMA_VERSION) {
      throw new StoreError(`${this.path} has schema version ${current}, newer than this Auctioneer (${SCHEMA_VERSION}): update the app`);
    }
    const pending = MIGRATIONS.filter((m) => m.version > current);
    // An upgrade of a store that holds data can rewrite its tables (migration 10 moves every tick
    // block: seconds per stored day); say so rather than leave the app or the CLI silent.
    const announce = current > 0 && pending.length > 0;
    const started = Date.now();
    if (announce) console.error(`auctioneer: upgrading the store ${this.path} from schema ${current} to ${SCHEMA_VERSION}, once (a large store takes a while)`);
    for (const migration of pending) {
      this.db.transaction(() => {
        this.db.exec(migration.sql);
        this.db.pragma(`user_version = ${migration.version}`);
      })();
    }
    if (announce) console.error(`auctioneer: store upgraded in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  }

  private stmt(sql: string): Database.Statement {
    let s = this.statements.get(sql);
    if (!s) {
      s = this.db.prepare(sql);
      this.statements.set(sql, s);
    }
    return s;
  }

  ensureInstrument(instrument: Instrument): number {
    this.stmt(
      `INSERT INTO instruments (venue, symbol, tick_size, contract_size, size_step) VALUES (?, ?, ?, ?, ?)
       ON CONFLICT (venue, symbol) DO NOTHING`,
    ).run(instrument.venue, instrument.symbol, instrument.tickSize, instrument.contractSize, instrument.sizeStep);
    const row = this.stmt('SELECT id, tick_size FROM instruments WHERE venue = ? AND symbol = ?').get(instrument.venue, instrument.symbol) as
      | { id: number; tick_size: number }
      | undefined;
    if (!row) throw new StoreError(`instrument ${instrument.venue}:${instrument.symbol} could not be stored`);
    if (Math.abs(row.tick_size - instrument.tickSize) > 1e-12) {
      throw new StoreError(`${instrument.venue}:${instrument.symbol} is stored with tick size ${row.tick_size}, not ${instrument.tickSize}`);
    }
    return row.id;
  }

  instruments(): StoredInstrument[] {
    return (this.stmt('SELECT id, venue, symbol, tick_size FROM instruments ORDER BY id').all() as Array<{ id: number; venue: string; symbol: string; tick_size: number }>).map(
      (r) => ({ id: r.id, venue: r.venue, symbol: r.symbol, tickSize: r.tick_size }),
    );
  }

  // ---- ticks -------------------------------------------------------------------------------

  /** Stores trades (sorted by time), merging into existing hours without duplicates. */
  writeTrades(instrumentId: number, origin: TickOrigin, trades: TradeBlock): { added: number; hours: number[]; merged: boolean } {
    let added = 0;
    let merged = false;
    const hours: number[] = [];
    forEachHour(trades.ts, trades.length, (hourTs, from, to) => {
      let block = sliceTrades(trades, from, to);
      const existing = this.readBlock(instrumentId, 'trade', hourTs, origin);
      if (existing) {
        merged = true;
        const prior = emptyTrades(existing.count);
        decodeTradesInto(existing.data, existing.count, hourTs, prior, 0);
        const result = mergeTrades(prior, block);
        if (result.added === 0) return;
        block = result.merged;
        const fresh = result.added;
        added += fresh;
      } else {
        added += block.length;
      }
      this.writeBlock(instrumentId, 'trade', hourTs, origin, block.ts, block.length, TRADE_ENCODING_V1, encodeTrades(block, 0, block.length, hourTs));
      hours.push(hourTs);
    });
    return { added, hours, merged };
  }

  /** Whether any tick block of `kind` exists in [fromTs, toTs) for the instrument (any origin). */
  hasTicks(instrumentId: number, kind: 'trade' | 'quote', fromTs: number, toTs: number): boolean {
    return (
      this.stmt(`SELECT 1 FROM tick_blocks WHERE instrument_id = ? AND kind = ? AND hour_ts >= ? AND hour_ts < ? LIMIT 1`).get(
        instrumentId,
        kind,
        Math.floor(fromTs / HOUR_MS) * HOUR_MS - HOUR_MS,
        toTs,
      ) !== undefined
    );
  }

  /** 1m bars of trades that are the only ticks of their hours (nothing merged, no quotes stored). */
  writeMinuteBarsFrom(instrumentId: number, trades: TradeBlock): number {
    return this.upsertBars(instrumentId, 60, minuteBarsWithQuotes(trades, emptyQuotes(0)), 'trades');
  }

  writeQuotes(instrumentId: number, origin: TickOrigin, quotes: QuoteBlock): { added: number; hours: number[] } {
    let added = 0;
    const hours: number[] = [];
    forEachHour(quotes.ts, quotes.length, (hourTs, from, to) => {
      let block = sliceQuotes(quotes, from, to);
      const existing = this.readBlock(instrumentId, 'quote', hourTs, origin);
      if (existing) {
        const prior = emptyQuotes(existing.count);
        decodeQuotesInto(existing.data, existing.count, hourTs, prior, 0);
        const { merged, added: fresh } = mergeQuotes(prior, block);
        if (fresh === 0) return;
        block = merged;
        added += fresh;
      } else {
        added += block.length;
      }
      this.writeBlock(instrumentId, 'quote', hourTs, origin, block.ts, block.length, QUOTE_ENCODING_V1, encodeQuotes(block, 0, block.length, hourTs));
      hours.push(hourTs);
    });
    return { added, hours };
  }

  private readBlock(instrumentId: number, kind: 'trade' | 'quote', hourTs: number, origin: TickOrigin): BlockRow | undefined {
    return this.stmt('SELECT hour_ts, count, data FROM tick_blocks WHERE instrument_id = ? AND kind = ? AND hour_ts = ? AND origin = ?').get(
      instrumentId,
      kind,
      hourTs,
      origin,
    ) as BlockRow | undefined;
  }

  private writeBlock(
    instrumentId: number,
    kind: 'trade' | 'quote',
    hourTs: number,
    origin: TickOrigin,
    ts: Float64Array,
    count: number,
    encoding: number,
    data: Buffer,
  ): void {
    this.stmt(
      `INSERT INTO tick_blocks (instrument_id, kind, hour_ts, origin, first_ts, last_ts, count, encoding, data)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT (instrument_id, kind, hour_ts, origin) DO UPDATE SET
         first_ts = excluded.first_ts, last_ts = excluded.last_ts, count = excluded.count,
         encoding = excluded.encoding, data = excluded.data`,
    ).run(instrumentId, kind, hourTs, origin, ts[0], ts[count - 1], count, encoding, data);
  }

  /** Trades with from <= ts < to, in time order, from every origin (deduplicated across them). */
  loadTrades(instrumentId: number, fromTs: number, toTs: number): TradeBlock {
    const rows = this.blocks(instrumentId, 'trade', fromTs, toTs);
    const out = emptyTrades(rows.reduce((s, r) => s + r.count, 0));
    let at = 0;
    for (let i = 0; i < rows.length; i++) {
      const row = rows[i] as BlockRow;
      if (rows[i + 1]?.hour_ts !== row.hour_ts) {
        decodeTradesInto(row.data, row.count, row.hour_ts, out, at);
        at += row.count;
        continue;
      }
      // The hour was both captured live and imported: merge the two without duplicates.
      let merged = emptyTrades(0);
      for (; i < rows.length && (rows[i] as BlockRow).hour_ts === row.hour_ts; i++) {
        const r = rows[i] as BlockRow;
        const part = emptyTrades(r.count);
        decodeTradesInto(r.data, r.count, r.hour_ts, part, 0);
        merged = mergeTrades(merged, part).merged;
      }
      i--;
      for (const key of ['ts', 'price', 'size', 'side', 'id'] as const) (out[key] as Float64Array).set(merged[key] as Float64Array, at);
      at += merged.length;
    }
    return trimTrades(at === out.length ? out : sliceTrades(out, 0, at), fromTs, toTs);
  }

  loadQuotes(instrumentId: number, fromTs: number, toTs: number): QuoteBlock {
    const rows = this.blocks(instrumentId, 'quote', fromTs, toTs);
    const out = emptyQuotes(rows.reduce((s, r) => s + r.count, 0));
    let at = 0;
    for (let i = 0; i < rows.length; i++) {
      const row = rows[i] as BlockRow;
      if (rows[i + 1]?.hour_ts !== row.hour_ts) {
        decodeQuotesInto(row.data, row.count, row.hour_ts, out, at);
        at += row.count;
        continue;
      }
      let merged = emptyQuotes(0);
      for (; i < rows.length && (rows[i] as BlockRow).hour_ts === row.hour_ts; i++) {
        const r = rows[i] as BlockRow;
        const part = emptyQuotes(r.count);
        decodeQuotesInto(r.data, r.count, r.hour_ts, part, 0);
        merged = mergeQuotes(merged, part).merged;
      }
      i--;
      for (const key of ['ts', 'bidPrice', 'bidSize', 'askPrice', 'askSize'] as const) out[key].set(merged[key], at);
      at += merged.length;
    }
    return trimQuotes(at === out.length ? out : sliceQuotes(out, 0, at), fromTs, toTs);
  }

  /**
   * Trades and quotes with from <= ts < to, one hour at a time, each hour read and decoded when
   * asked for: a tick backtest streams a day (10M events) without holding it whole. The columns
   * of one hour are overwritten by the next (decoding into the same arrays saves ~400 MB of fresh
   * typed arrays a day): use each hour before asking for the next. `space`, when given, provides
   * the arrays each hour is decoded into instead (with room for at least the counts asked), e.g.
   * shared memory another thread reads; an hour held by two origins comes in arrays of its own.
   */
  *tickHours(instrumentId: number, fromTs: number, toTs: number, space?: TickSpace): Generator<{ trades: TradeBlock; quotes: QuoteBlock }> {
    let trades = emptyTrades(0);
    let quotes = emptyQuotes(0);
    for (let hour = Math.floor(fromTs / HOUR_MS) * HOUR_MS; hour < toTs; hour += HOUR_MS) {
      const from = Math.max(fromTs, hour);
      const to = Math.min(toTs, hour + HOUR_MS);
      const tradeRows = this.blocks(instrumentId, 'trade', from, to);
      const quoteRows = this.blocks(instrumentId, 'quote', from, to);
      // An hour held by two origins (imported and captured live) is merged by the loaders.
      if (tradeRows.length > 1 || quoteRows.length > 1) {
        yield { trades: this.loadTrades(instrumentId, from, to), quotes: this.loadQuotes(instrumentId, from, to) };
        continue;
      }
      const t = tradeRows[0];
      const q = quoteRows[0];
      if (space) ({ trades, quotes } = space(t?.count ?? 0, q?.count ?? 0));
      if (t && t.count > trades.ts.length) trades = emptyTrades(t.count + (t.count >> 2));
      if (q && q.count > quotes.ts.length) quotes = emptyQuotes(q.count + (q.count >> 2));
      if (t) decodeTradesInto(t.data, t.count, t.hour_ts, trades, 0);
      if (q) decodeQuotesInto(q.data, q.count, q.hour_ts, quotes, 0);
      yield {
        trades: trimTrades(sliceTrades(trades, 0, t?.count ?? 0), from, to),
        quotes: trimQuotes(sliceQuotes(quotes, 0, q?.count ?? 0), from, to),
      };
    }
  }

  private blocks(instrumentId: number, kind: 'trade' | 'quote', fromTs: number, toTs: number): BlockRow[] {
    return this.stmt(
      `SELECT hour_ts, count, data FROM tick_blocks
       WHERE instrument_id = ? AND kind = ? AND hour_ts >= ? AND hour_ts < ?
       ORDER BY hour_ts, origin`,
    ).all(instrumentId, kind, Math.floor(fromTs / HOUR_MS) * HOUR_MS, toTs) as BlockRow[];
  }

  /** What the store holds for an instrument: hours of trades and quotes, and bar ranges. */
  coverage(instrumentId: number): Array<{ kind: string; origin: string; firstTs: number; lastTs: number; count: number }> {
    return (
      this.stmt(
        `SELECT kind, origin, MIN(first_ts) AS firstTs, MAX(last_ts) AS lastTs, SUM(count) AS count
         FROM tick_blocks WHERE instrument_id = ? GROUP BY kind, origin ORDER BY kind, origin`,
      ).all(instrumentId) as Array<{ kind: string; origin: string; firstTs: number; lastTs: number; count: number }>
    );
  }

  /** Deletes live-captured tick hours that ended before now - retention; imports are kept. */
  purgeLiveTicks(nowMs: number, retentionMs: number): number {
    return this.stmt(`DELETE FROM tick_blocks WHERE origin = 'live' AND last_ts < ?`).run(nowMs - retentionMs).changes;
  }

  // ---- bars --------------------------------------------------------------------------------

  /** Writes bars (any order), replacing stored bars of the same time. Returns how many were written. */
  upsertBars(instrumentId: number, timeframeS: number, rows: readonly BarRow[], source: string): number {
    if (rows.length === 0) return 0;
    const span = blockSpanMs(timeframeS);
    const byBlock = new Map<number, BarRow[]>();
    for (const row of rows) {
      const blockTs = Math.floor(row.ts / span) * span;
      let list = byBlock.get(blockTs);
      if (!list) byBlock.set(blockTs, (list = []));
      list.push(row);
    }
    const read = this.stmt('SELECT count, data FROM bar_blocks WHERE instrument_id = ? AND timeframe_s = ? AND block_ts = ?');
    const write = this.stmt(
      `INSERT INTO bar_blocks (instrument_id, timeframe_s, block_ts, first_ts, last_ts, count, encoding, source, data)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT (instrument_id, timeframe_s, block_ts) DO UPDATE SET first_ts = excluded.first_ts, last_ts = excluded.last_ts,
         count = excluded.count, encoding = excluded.encoding, source = excluded.source, data = excluded.data`,
    );
    for (const [blockTs, incoming] of byBlock) {
      const existing = read.get(instrumentId, timeframeS, blockTs) as { count: number; data: Buffer } | undefined;
      let merged = incoming;
      let sorted = true;
      for (let i = 1; i < incoming.length && sorted; i++) sorted = (incoming[i] as BarRow).ts > (incoming[i - 1] as BarRow).ts;
      if (existing) {
        const stored = emptyBarColumns(existing.count);
        decodeBarsInto(existing.data, existing.count, stored, 0);
        const byTs = new Map<number, BarRow>();
        for (let i = 0; i < stored.length; i++) byTs.set(stored.ts[i] as number, rowAt(stored, i));
        for (const row of incoming) byTs.set(row.ts, row);
        merged = [...byTs.values()];
      }
      if (existing || !sorted) merged.sort((a, b) => a.ts - b.ts);
      for (let i = 1; i < merged.length; i++) {
        if ((merged[i] as BarRow).ts === (merged[i - 1] as BarRow).ts) throw new StoreError(`two bars at ${(merged[i] as BarRow).ts} in one write`);
      }
      write.run(instrumentId, timeframeS, blockTs, merged[0]?.ts, merged[merged.length - 1]?.ts, merged.length, BAR_ENCODING_V1, source, encodeBars(merged));
    }
    return rows.length;
  }

  /** Bars with from <= ts < to as columns, in time order: the fast path for backtests and charts. */
  loadBarColumns(instrumentId: number, timeframeS: number, fromTs: number, toTs: number): BarColumnsStored {
    const span = blockSpanMs(timeframeS);
    const blocks = this.stmt(
      `SELECT count, data FROM bar_blocks WHERE instrument_id = ? AND timeframe_s = ? AND block_ts >= ? AND block_ts < ? ORDER BY block_ts`,
    ).all(instrumentId, timeframeS, Math.floor(fromTs / span) * span, toTs) as Array<{ count: number; data: Buffer }>;
    const all = emptyBarColumns(blocks.reduce((s, b) => s + b.count, 0));
    let at = 0;
    for (const block of blocks) {
      decodeBarsInto(block.data, block.count, all, at);
      at += block.count;
    }
    let from = 0;
    while (from < all.length && (all.ts[from] as number) < fromTs) from++;
    let to = all.length;
    while (to > from && (all.ts[to - 1] as number) >= toTs) to--;
    if (from === 0 && to === all.length) return all;
    const out = { length: to - from } as BarColumnsStored;
    for (const key of Object.keys(all) as Array<keyof BarColumnsStored>) {
      if (key !== 'length') out[key] = all[key].subarray(from, to);
    }
    return out;
  }

  loadBars(instrumentId: number, timeframeS: number, fromTs: number, toTs: number): BarRow[] {
    const columns = this.loadBarColumns(instrumentId, timeframeS, fromTs, toTs);
    return Array.from({ length: columns.length }, (_, i) => rowAt(columns, i));
  }

  countBars(instrumentId: number, timeframeS: number): number {
    return (this.stmt('SELECT COALESCE(SUM(count), 0) AS n FROM bar_blocks WHERE instrument_id = ? AND timeframe_s = ?').get(instrumentId, timeframeS) as { n: number }).n;
  }

  /** Recomputes the 1m bars of the given UTC hours from the stored trades and quotes. */
  rebuildMinuteBars(instrumentId: number, hours: readonly number[]): number {
    let written = 0;
    for (const hourTs of [...new Set(hours)].sort((a, b) => a - b)) {
      const trades = this.loadTrades(instrumentId, hourTs, hourTs + HOUR_MS);
      const quotes = this.loadQuotes(instrumentId, hourTs - 1, hourTs + HOUR_MS);
      const rows = minuteBarsWithQuotes(trades, quotes);
      written += this.upsertBars(instrumentId, 60, rows, 'trades');
    }
    return written;
  }

  // ---- funding and open interest -------------------------------------------------------------

  upsertFunding(instrumentId: number, rows: ReadonlyArray<{ ts: number; rate: number }>): number {
    const insert = this.stmt('INSERT INTO funding_rates (instrument_id, ts, rate) VALUES (?, ?, ?) ON CONFLICT DO UPDATE SET rate = excluded.rate');
    let n = 0;
    for (const r of rows) n += insert.run(instrumentId, r.ts, r.rate).changes;
    return n;
  }

  loadFunding(instrumentId: number, fromTs: number, toTs: number): Array<{ ts: number; rate: number }> {
    return this.stmt('SELECT ts, rate FROM funding_rates WHERE instrument_id = ? AND ts >= ? AND ts < ? ORDER BY ts').all(instrumentId, fromTs, toTs) as Array<{
      ts: number;
      rate: number;
    }>;
  }

  upsertOpenInterest(instrumentId: number, periodS: number, rows: ReadonlyArray<{ ts: number; openInterest: number; value: number | null }>): number {
    const insert = this.stmt(
      `INSERT INTO open_interest (instrument_id, period_s, ts, open_interest, open_interest_value) VALUES (?, ?, ?, ?, ?)
       ON CONFLICT DO UPDATE SET open_interest = excluded.open_interest, open_interest_value = excluded.open_interest_value`,
    );
    let n = 0;
    for (const r of rows) n += insert.run(instrumentId, periodS, r.ts, r.openInterest, r.value).changes;
    return n;
  }

  loadOpenInterest(instrumentId: number, periodS: number, fromTs: number, toTs: number): Array<{ ts: number; openInterest: number; value: number | null }> {
    return this.stmt(
      `SELECT ts, open_interest AS openInterest, open_interest_value AS value FROM open_interest
       WHERE instrument_id = ? AND period_s = ? AND ts >= ? AND ts < ? ORDER BY ts`,
    ).all(instrumentId, periodS, fromTs, toTs) as Array<{ ts: number; openInterest: number; value: number | null }>;
  }

  // ---- imports -----------------------------------------------------------------------------

  findImport(sha256: string): ImportRecord | null {
    const row = this.stmt(
      `SELECT id, sha256, file, format, imported_at AS importedAt, trades, quotes, bars, rows_other AS rowsOther FROM imports WHERE sha256 = ?`,
    ).get(sha256) as ImportRecord | undefined;
    return row ?? null;
  }

  recordImport(r: Omit<ImportRecord, 'id'> & { instrumentId: number }): number {
    return Number(
      this.stmt(
        `INSERT INTO imports (sha256, file, format, instrument_id, imported_at, trades, quotes, bars, rows_other) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      ).run(r.sha256, r.file, r.format, r.instrumentId, r.importedAt, r.trades, r.quotes, r.bars, r.rowsOther).lastInsertRowid,
    );
  }

  // ---- fetch ranges (native/store/fetch-state.ts keeps the logic) ------------------------------

  loadFetchRanges(instrumentId: number, kind: string): Array<{ fromTs: number; toTs: number }> {
    return this.stmt('SELECT from_ts AS fromTs, to_ts AS toTs FROM fetch_ranges WHERE instrument_id = ? AND kind = ? ORDER BY from_ts').all(
      instrumentId,
      kind,
    ) as Array<{ fromTs: number; toTs: number }>;
  }

  /** Replaces every range of one instrument and kind; call inside a transaction with the data it covers. */
  replaceFetchRanges(instrumentId: number, kind: string, ranges: ReadonlyArray<{ fromTs: number; toTs: number }>): void {
    this.stmt('DELETE FROM fetch_ranges WHERE instrument_id = ? AND kind = ?').run(instrumentId, kind);
    const insert = this.stmt('INSERT INTO fetch_ranges (instrument_id, kind, from_ts, to_ts) VALUES (?, ?, ?, ?)');
    for (const r of ranges) insert.run(instrumentId, kind, r.fromTs, r.toTs);
  }
}

/** Calls `visit(hourTs, from, to)` for each run of timestamps in one UTC hour (ts sorted). */
function forEachHour(ts: Float64Array, length: number, visit: (hourTs: number, from: number, to: number) => void): void {
  let from = 0;
  while (from < length) {
    const hourTs = Math.floor((ts[from] as number) / HOUR_MS) * HOUR_MS;
    let to = from + 1;
    while (to < length && (ts[to] as number) < hourTs + HOUR_MS) to++;
    visit(hourTs, from, to);
    from = to;
  }
}

function lowerBound(ts: Float64Array, length: number, value: number): number {
  let lo = 0;
  let hi = length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((ts[mid] as number) < value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function trimTrades(b: TradeBlock, fromTs: number, toTs: number): TradeBlock {
  const from = lowerBound(b.ts, b.length, fromTs);
  const to = lowerBound(b.ts, b.length, toTs);
  return from === 0 && to === b.length ? b : sliceTrades(b, from, to);
}

function trimQuotes(b: QuoteBlock, fromTs: number, toTs: number): QuoteBlock {
  const from = lowerBound(b.ts, b.length, fromTs);
  const to = lowerBound(b.ts, b.length, toTs);
  return from === 0 && to === b.length ? b : sliceQuotes(b, from, to);
}

/** 1m bars of time-ordered trades, each with the latest quote at or before its last millisecond. */
function minuteBarsWithQuotes(trades: TradeBlock, quotes: QuoteBlock): BarRow[] {
  const bars = minuteBarsFromTrades(trades);
  const rows: BarRow[] = new Array(bars.length);
  let q = -1;
  for (let b = 0; b < bars.length; b++) {
    const ts = bars.ts[b] as number;
    const closeTs = ts + 59_999;
    while (q + 1 < quotes.length && (quotes.ts[q + 1] as number) <= closeTs) q++;
    const hasQuote = q >= 0;
    rows[b] = {
      ts,
      open: bars.open[b] as number,
      high: bars.high[b] as number,
      low: bars.low[b] as number,
      close: bars.close[b] as number,
      volume: bars.volume[b] as number,
      vwap: bars.vwap[b] as number,
      trades: bars.trades[b] as number,
      buyVolume: bars.buyVolume[b] as number,
      sellVolume: bars.sellVolume[b] as number,
      bidPxClose: hasQuote ? (quotes.bidPrice[q] as number) : null,
      askPxClose: hasQuote ? (quotes.askPrice[q] as number) : null,
      bidSzClose: hasQuote ? (quotes.bidSize[q] as number) : null,
      askSzClose: hasQuote ? (quotes.askSize[q] as number) : null,
    };
  }
  return rows;
}
