// SQLite store: importing trades from CSV, writing a year of 1m bars, loading a day of trades,
// and bytes on disk per million trades. Workloads come from the simulated market.

import { closeSync, mkdtempSync, openSync, rmSync, statSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BTCUSDT_PERP } from '../../core/market/instrument';
import { importFile } from '../../native/feeds/import/import-file';
import { simulateColumns } from '../../native/feeds/sim/sim-columns';
import { HOUR_MS, Store, type BarRow } from '../../native/store/store';
import { report } from './report';

const dir = mkdtempSync(join(tmpdir(), 'auctioneer-bench-store-'));
const TRADES = 2_000_000;
const { trades } = simulateColumns(BTCUSDT_PERP, TRADES, { overrides: { seed: 7, startTs: Date.UTC(2026, 0, 5) } });
const hours = (trades.ts[TRADES - 1]! - trades.ts[0]!) / HOUR_MS;
const workload = `${TRADES / 1e6}M simulated BTCUSDT trades (${hours.toFixed(1)} h)`;
const ids = new Float64Array(TRADES).map((_, i) => 5_000_000_000 + i);

// 1. Import from a Binance trades CSV (parse, check, write blocks, rebuild 1m bars, commit).
// Written in chunks so the bench's own strings are garbage before the import starts.
const csv = join(dir, 'trades.csv');
const fd = openSync(csv, 'w');
for (let from = 0; from < TRADES; from += 50_000) {
  const chunk: string[] = [];
  for (let i = from; i < Math.min(TRADES, from + 50_000); i++) {
    chunk.push(`${ids[i]},${(trades.price[i]! / 10).toFixed(1)},${trades.size[i]!.toFixed(3)},0,${trades.ts[i]},${trades.side[i] === -1 ? 'true' : 'false'}\n`);
  }
  writeSync(fd, chunk.join(''));
}
closeSync(fd);
const importTimes: number[] = [];
let result = { tradesAdded: 0, barsWritten: 0 };
for (let r = 0; r < 3; r++) {
  const importStore = Store.open(join(dir, `import-${r}.db`));
  const began = performance.now();
  result = importFile(importStore, csv, { instrument: BTCUSDT_PERP });
  importTimes.push(performance.now() - began);
  importStore.close();
  if (result.tradesAdded !== TRADES) throw new Error(`imported ${result.tradesAdded} of ${TRADES}`);
}
report({
  name: 'store.import_trades_csv',
  value: TRADES / (Math.min(...importTimes) / 1000),
  unit: 'rows/s',
  workload: `${workload} as a Binance trades CSV: parse, validate, write hourly blocks and ${result.barsWritten} 1m bars, one transaction, fresh file; best of 3 (first run, JIT cold: ${(TRADES / (importTimes[0]! / 1000) / 1e6).toFixed(2)}M rows/s)`,
  target: '>= 2M rows/s',
});

// 2. Writing already-parsed trades (the store's own share of an import).
const writeDb = join(dir, 'write.db');
let started = 0;
let store = Store.open(writeDb);
const id = store.ensureInstrument(BTCUSDT_PERP);
started = performance.now();
store.transaction(() => store.writeTrades(id, 'import', { ...trades, id: ids }));
const writeMs = performance.now() - started;
report({ name: 'store.write_trades', value: TRADES / (writeMs / 1000), unit: 'rows/s', workload: `${workload}, columns already in memory, one transaction` });

// 3. Loading the 24 h that hold the first ~2M trades.
const dayFrom = trades.ts[0]!;
let loaded = 0;
let best = Infinity;
for (let r = 0; r < 5; r++) {
  started = performance.now();
  loaded = store.loadTrades(id, dayFrom, dayFrom + 24 * HOUR_MS).length;
  best = Math.min(best, performance.now() - started);
}
report({ name: 'store.load_day_of_trades', value: best, unit: 'ms', workload: `${loaded} trades in ${Math.ceil(hours)} hourly blocks, best of 5`, target: '< 150 ms' });
store.close();
const bytes = statSync(writeDb).size + (statSync(`${writeDb}-wal`, { throwIfNoEntry: false })?.size ?? 0);
report({ name: 'store.bytes_per_million_trades', value: bytes / (TRADES / 1e6) / 1e6, unit: 'MB', workload: `${workload}: database + WAL file size / millions of trades` });

// 4. One year of 1m bars written in one transaction (a fresh file each time), then read back.
const year: BarRow[] = [];
const t0 = Date.UTC(2025, 0, 1);
let px = 900_000;
for (let i = 0; i < 525_600; i++) {
  const o = px;
  px += ((i * 7919) % 21) - 10;
  year.push({ ts: t0 + i * 60_000, open: o, high: Math.max(o, px) + 5, low: Math.min(o, px) - 5, close: px, volume: 10 + (i % 50), vwap: (o + px) / 2, trades: 300, buyVolume: 5, sellVolume: 5 });
}
const barTimes: number[] = [];
let barsDb = '';
for (let r = 0; r < 3; r++) {
  barsDb = join(dir, `bars-${r}.db`);
  store = Store.open(barsDb);
  const id = store.ensureInstrument(BTCUSDT_PERP);
  started = performance.now();
  store.transaction(() => store.upsertBars(id, 60, year, 'bench'));
  barTimes.push(performance.now() - started);
  store.close();
}
report({ name: 'store.write_year_of_1m_bars', value: Math.min(...barTimes) / 1000, unit: 's', workload: `525,600 1m bars, one transaction, fresh file; best of 3 (first run, JIT cold: ${(barTimes[0]! / 1000).toFixed(2)} s)`, target: '< 1 s' });
store = Store.open(barsDb);
const barsId = store.ensureInstrument(BTCUSDT_PERP);
started = performance.now();
const back = store.loadBarColumns(barsId, 60, t0, t0 + 366 * 86_400_000).length;
report({ name: 'store.load_year_of_1m_bars', value: (performance.now() - started) / 1000, unit: 's', workload: `${back} 1m bars read back as columns in time order`, target: '< 1 s' });
started = performance.now();
const rows = store.loadBars(barsId, 60, t0, t0 + 366 * 86_400_000).length;
report({ name: 'store.load_year_of_1m_bars_as_objects', value: (performance.now() - started) / 1000, unit: 's', workload: `${rows} 1m bars read back as one object per bar` });
store.close();
rmSync(dir, { recursive: true, force: true });
