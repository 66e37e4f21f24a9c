// `auctioneer features FILE...`: the per-minute feature table of seed 003 §3.3 as CSV, from
// trade and quote files (flat CSVs, raw captures, Binance trades/aggTrades/bookTicker dumps).

import type { Command } from 'commander';
import { createWriteStream } from 'node:fs';
import { resolve } from 'node:path';
import { emptyQuotes, emptyTrades } from '../store/tick-codec';
import { decimalsOf } from '../../core/market/instrument';
import { FeatureConfigSchema, DEFAULT_FEATURE_CONFIG } from '../../core/features/config';
import { computeMinuteFeatures, FEATURE_COLUMNS, PRICE_COLUMNS } from '../../core/features/minute-features';
import { readTickFile } from '../feeds/import/read-ticks';
import { TICK_FORMATS, type TickFormat } from '../feeds/import/tick-formats';
import { resolveInstrument } from './import-command';
import { loadYamlConfig } from './load-config';
import { createProgress } from './progress';

interface FeaturesOptions {
  config?: string;
  out?: string;
  format?: string;
  instrument: string;
  tickSize?: string;
}

/** Concatenates column batches of several files and sorts them by time when they interleave. */
function combine<T extends { length: number; ts: Float64Array }>(parts: readonly T[], empty: (n: number) => T): T {
  if (parts.length === 1) return parts[0] as T;
  const out = empty(parts.reduce((s, p) => s + p.length, 0));
  let at = 0;
  for (const p of parts) {
    for (const key of Object.keys(out) as Array<keyof T>) {
      const column = out[key];
      if (ArrayBuffer.isView(column)) (column as unknown as Float64Array).set((p[key] as unknown as Float64Array).subarray(0, p.length), at);
    }
    at += p.length;
  }
  let sorted = true;
  for (let i = 1; i < out.length && sorted; i++) sorted = (out.ts[i] as number) >= (out.ts[i - 1] as number);
  if (sorted) return out;
  const order = Array.from({ length: out.length }, (_, i) => i).sort((a, b) => (out.ts[a] as number) - (out.ts[b] as number) || a - b);
  const result = empty(out.length);
  for (const key of Object.keys(out) as Array<keyof T>) {
    const src = out[key];
    const dst = result[key];
    if (ArrayBuffer.isView(src) && ArrayBuffer.isView(dst)) {
      const s = src as unknown as Float64Array;
      const d = dst as unknown as Float64Array;
      for (let i = 0; i < order.length; i++) d[i] = s[order[i] as number] as number;
    }
  }
  return result;
}

export function registerFeaturesCommand(program: Command): void {
  program
    .command('features')
    .description('per-minute features of seed 003 §3.3 (value area, order flow, qimb, BVC) as CSV')
    .argument('<files...>', 'trade and quote files (plain or gzipped), in any of the tick formats')
    .option('--config <file.yaml>', 'seed 003 §10 settings (defaults: the seed\'s)')
    .option('--out <file.csv>', 'write the CSV here instead of stdout')
    .option('--format <format>', `tick file format, detected when omitted: ${TICK_FORMATS.join(', ')}`)
    .option('--instrument <venue:symbol>', 'instrument the data belongs to', 'binanceusdm:BTCUSDT')
    .option('--tick-size <size>', 'tick size, for an instrument Auctioneer does not know')
    .action(async (files: string[], opts: FeaturesOptions) => {
      if (opts.format && !(TICK_FORMATS as readonly string[]).includes(opts.format)) {
        throw new Error(`unknown --format "${opts.format}"; one of: ${TICK_FORMATS.join(', ')}`);
      }
      const config = opts.config ? loadYamlConfig(resolve(opts.config), FeatureConfigSchema) : DEFAULT_FEATURE_CONFIG;
      const instrument = resolveInstrument(opts.instrument, opts.tickSize);
      const progress = createProgress('features', files.length + 1);
      const parsed = files.map((file, i) => {
        const result = readTickFile(resolve(file), { tickSize: instrument.tickSize, ...(opts.format ? { format: opts.format as TickFormat } : {}) });
        progress.update(i + 1, `${file}: ${result.trades.length} trades, ${result.quotes.length} quotes`);
        return result;
      });
      const trades = combine(parsed.map((p) => p.trades), emptyTrades);
      const quotes = combine(parsed.map((p) => p.quotes), emptyQuotes);
      if (trades.length === 0) throw new Error('no trades in the given files: features need trades (and quotes for OF and qimb)');
      const { table, sideStats } = computeMinuteFeatures(trades, quotes, config);
      progress.finish(`${table.length} minutes; side inference agreed with the exchange on ${(sideStats.agreementRate * 100).toFixed(1)}% of trades`);

      const decimals = decimalsOf(instrument.tickSize);
      const out = opts.out ? createWriteStream(resolve(opts.out)) : process.stdout;
      const lines: string[] = [FEATURE_COLUMNS.join(',')];
      for (let i = 0; i < table.length; i++) {
        lines.push(
          FEATURE_COLUMNS.map((c) => {
            const v = table[c][i] as number;
            if (!Number.isFinite(v)) return '';
            if (c === 'ts_min') return String(v);
            if (PRICE_COLUMNS.has(c)) return (v * instrument.tickSize).toFixed(decimals + (c === 'mid_close' ? 1 : 0));
            return String(Number(v.toPrecision(10)));
          }).join(','),
        );
      }
      await new Promise<void>((done, fail) => {
        out.write(`${lines.join('\n')}\n`, (error) => (error ? fail(error) : done()));
      });
      if (opts.out) await new Promise<void>((done) => (out as NodeJS.WritableStream).end(done));
    });
}
