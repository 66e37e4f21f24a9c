import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { ImportError } from '../../../../native/feeds/import/import-error';
import { readTickFile } from '../../../../native/feeds/import/read-ticks';
import { hasSharedData, sharedDataFile, SKIP_REASON } from '../../../support/shared-data';

const dir = mkdtempSync(join(tmpdir(), 'auctioneer-ticks-'));
const opts = { tickSize: 0.1 };
function file(name: string, text: string, gzip = false): string {
  const path = join(dir, name);
  writeFileSync(path, gzip ? gzipSync(text) : text);
  return path;
}

const WS_TRADES_HEADER = 'local_ts_ns,event_time_ms,trade_time_ms,trade_id,price,qty,is_buyer_maker,order_type_X';

describe('readTickFile: formats', () => {
  it('reads a headerless Binance trades dump, buyer-maker meaning a sell aggressor', () => {
    const t = readTickFile(file('trades.csv', '1,65000.1,0.010,650.001,1700000000000,true\n2,65000.2,0.500,32500.1,1700000000001,false\n'), opts);
    expect(t.format).toBe('binance-trades-csv');
    expect([...t.trades.price]).toEqual([650001, 650002]);
    expect([...t.trades.side]).toEqual([-1, 1]);
    expect([...t.trades.size]).toEqual([0.01, 0.5]);
    expect([...t.trades.id]).toEqual([1, 2]);
  });

  it('reads aggTrades and bookTicker dumps with and without header, plain or gzipped', () => {
    const agg = 'agg_trade_id,price,quantity,first_trade_id,last_trade_id,transact_time,is_buyer_maker\n7,100.5,2,10,12,1700000000000,false\n';
    expect(readTickFile(file('agg.csv.gz', agg, true), opts).trades.length).toBe(1);
    expect(readTickFile(file('agg2.csv', '7,100.5,2,10,12,1700000000000,false\n'), opts).format).toBe('binance-aggtrades-csv');
    const book = '9,100.0,1.5,100.1,2.5,1700000000000,1700000000001\n';
    const q = readTickFile(file('book.csv', book), opts);
    expect(q.format).toBe('binance-bookticker-csv');
    expect([q.quotes.bidPrice[0], q.quotes.bidSize[0], q.quotes.askPrice[0], q.quotes.askSize[0]]).toEqual([1000, 1.5, 1001, 2.5]);
  });

  it('reads raw websocket captures, skipping other streams and counting them', () => {
    const lines = [
      '1 {"stream":"btcusdt@bookTicker","data":{"e":"bookTicker","u":1,"b":"100.0","B":"1","a":"100.1","A":"2","T":1700000000000,"E":1700000000001}}',
      '2 {"stream":"btcusdt@depth@0ms","data":{"e":"depthUpdate","b":[],"a":[]}}',
      '3 {"stream":"btcusdt@trade","data":{"e":"trade","T":1700000000002,"t":5,"p":"100.1","q":"0.3","X":"MARKET","m":false}}',
      '4 {"stream":"btcusdt@trade","data":{"e":"trade","T":1700000000003,"t":6,"p":"100.1","q":"0.3","X":"INSURANCE_FUND","m":false}}',
    ];
    const t = readTickFile(file('cap.jsonl', lines.join('\n')), opts);
    expect(t.format).toBe('binance-ws-capture');
    expect(t.trades.length).toBe(1);
    expect(t.quotes.length).toBe(1);
    expect(t.skipped).toEqual({ 'stream btcusdt@depth@0ms': 1, 'trade type INSURANCE_FUND': 1 });
  });

  it('sorts small reorderings within the tolerance', () => {
    const t = readTickFile(file('reorder.csv', '1,100,1,100,1700000001000,true\n2,100,1,100,1700000000500,true\n'), opts);
    expect([...t.trades.ts]).toEqual([1700000000500, 1700000001000]);
  });
});

describe('readTickFile: bad input names file, line and field', () => {
  const cases: Array<[string, string, RegExp]> = [
    ['wrong column count', `${WS_TRADES_HEADER}\n1,2,1700000000000,5,100.0,0.1,true\n`, /:2: row: expected 8 columns, found 7/],
    ['non-numeric price', '1,abc,0.1,1,1700000000000,true\n2,100,0.1,1,1700000000001,true\n', /:1: |:2: /],
    ['negative size', '1,100.0,-0.1,1,1700000000000,true\n', /:1: size: must be positive/],
    ['crossed quote', '9,100.2,1.5,100.1,2.5,1700000000000,1700000000001\n', /:1: bid: crossed quote/],
    ['time backwards beyond tolerance', '1,100,1,100,1700000010000,true\n2,100,1,100,1700000000000,true\n', /:2: trade time: time went backwards by 10000 ms/],
    ['duplicate trade id', '1,100,1,100,1700000000000,true\n1,100,1,100,1700000000001,true\n', /:2: trade id: duplicate id 1/],
    ['price off the tick grid', '1,100.05,1,100,1700000000000,true\n', /:1: price: 100.05 is not a multiple of the tick size 0.1/],
    ['bad side flag', `${WS_TRADES_HEADER}\n1,2,1700000000000,5,100.0,0.1,maybe,MARKET\n`, /:2: is_buyer_maker: expected true or false/],
    ['unknown format', 'hello,world\n', /:1: format: not a known tick format/],
  ];
  it.each(cases)('%s', (_name, text, message) => {
    const path = file(`bad-${Math.random().toString(36).slice(2)}.csv`, text);
    let error: unknown;
    try {
      readTickFile(path, opts);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ImportError);
    expect(String((error as Error).message)).toContain(path);
    expect((error as Error).message).toMatch(message);
  });
});

const REAL = ['binance_usdm_btcusdt_trades_ws.csv.gz', 'binance_usdm_btcusdt_bookticker_ws.csv.gz', 'raw_ws/binance_usdm_btcusdt_20230404_ws_capture.jsonl.gz'];
const real = hasSharedData(...REAL);

describe('readTickFile: the real files in ../shared/data', () => {
  it.skipIf(!real)(`reads the flat USD-M CSVs with the row counts SOURCES.md gives ${real ? '' : SKIP_REASON}`, () => {
    const trades = readTickFile(sharedDataFile(REAL[0] as string), opts);
    const quotes = readTickFile(sharedDataFile(REAL[1] as string), opts);
    // 44,949 rows, one of them an INSURANCE_FUND print that is not a market trade.
    expect(trades.trades.length).toBe(44_948);
    expect(trades.skipped).toEqual({ 'trade type INSURANCE_FUND': 1 });
    expect(quotes.quotes.length).toBe(162_554);
  });

  it.skipIf(!real)(`a raw capture and the flat CSV built from it give the same trades and quotes ${real ? '' : SKIP_REASON}`, () => {
    const capture = readTickFile(sharedDataFile(REAL[2] as string), opts);
    const flatTrades = readTickFile(sharedDataFile(REAL[0] as string), opts).trades;
    const flatQuotes = readTickFile(sharedDataFile(REAL[1] as string), opts).quotes;
    const lastTs = capture.trades.ts[capture.trades.length - 1] as number;
    const n = capture.trades.length;
    expect(n).toBeGreaterThan(2000);
    expect([...flatTrades.id.slice(0, n)]).toEqual([...capture.trades.id]);
    expect([...flatTrades.price.slice(0, n)]).toEqual([...capture.trades.price]);
    expect([...flatTrades.size.slice(0, n)]).toEqual([...capture.trades.size]);
    expect([...flatTrades.side.slice(0, n)]).toEqual([...capture.trades.side]);
    expect(flatTrades.ts[n - 1]).toBe(lastTs);
    const m = capture.quotes.length;
    expect([...flatQuotes.bidPrice.slice(0, m)]).toEqual([...capture.quotes.bidPrice]);
    expect([...flatQuotes.askSize.slice(0, m)]).toEqual([...capture.quotes.askSize]);
  });
});
