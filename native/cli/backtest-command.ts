// `auctioneer backtest`: a strategy over a stored range in bar or tick mode, a metrics table
// on stdout (or JSON), an optional HTML or JSON report file, and the run saved in the store.

import type { Command } from 'commander';
import { writeFileSync } from 'node:fs';
import { extname, resolve } from 'node:path';
import { FeatureConfigSchema } from '../../core/features/config';
import { TIMEFRAMES, type Timeframe } from '../../core/market/timeframes';
import { RunConfigError } from '../../core/engine/run-config';
import { formatMetricsTable, formatTradeTable } from '../../core/report/format';
import { BUILT_IN_STRATEGIES } from '../../core/strategy/registry';
import { runStoredBacktest } from '../backtest/run-stored-backtest';
import { renderHtmlReport } from '../report/html-report';
import { findStrategy, formatLoadErrors } from '../strategies/resolve-strategy';
import { parseTime } from './fetch-command';
import { openStore, resolveInstrument } from './import-command';
import { loadYamlConfig } from './load-config';
import { createProgress } from './progress';

interface BacktestOptions {
  strategy: string;
  from: number;
  to: number;
  mode: 'bars' | 'ticks';
  timeframe: string;
  config?: string;
  set?: string[];
  db?: string;
  instrument: string;
  tickSize?: string;
  report?: string;
  json?: boolean;
  save: boolean;
  strategiesDir?: string;
}

/** key=value pairs; values parse as JSON where they can (numbers, booleans, arrays), else strings. */
function parseSets(sets: readonly string[] = []): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const s of sets) {
    const eq = s.indexOf('=');
    if (eq <= 0) throw new Error(`--set takes key=value, found "${s}"`);
    const raw = s.slice(eq + 1);
    try {
      out[s.slice(0, eq)] = JSON.parse(raw);
    } catch {
      out[s.slice(0, eq)] = raw;
    }
  }
  return out;
}

export function registerBacktestCommand(program: Command): void {
  program
    .command('backtest')
    .description('backtest a strategy over a stored range: metrics table, report file, run saved in the store')
    .requiredOption('--strategy <id>', `strategy: ${BUILT_IN_STRATEGIES.map((s) => s.id).join(', ')}, or one of yours (see \`auctioneer strategies\`)`)
    .requiredOption('--from <time>', 'start, ISO date or UTC ms', parseTime('--from'))
    .requiredOption('--to <time>', 'end (exclusive), ISO date or UTC ms', parseTime('--to'))
    .option('--strategies-dir <path>', "folder of your own strategy files (default: the desktop app's strategies folder)")
    .option('--mode <mode>', 'bars (stored bars, approximate fills) or ticks (trades and quotes, bid/ask fills)', 'bars')
    .option('--timeframe <tf>', `bar mode: the stored bars to run on (${TIMEFRAMES.join(', ')}); imported klines keep their own`, '1m')
    .option('--config <file.yaml>', 'settings in seed 003 keys: features, execution, strategy parameters')
    .option('--set <key=value...>', 'override one setting (repeatable)')
    .option('--db <path>', "store (default: the desktop app's)")
    .option('--instrument <venue:symbol>', 'instrument', 'binanceusdm:BTCUSDT')
    .option('--tick-size <size>', 'tick size, for an instrument Auctioneer does not know')
    .option('--report <file>', 'write a report: .html (plots, trades, settings) or .json')
    .option('--json', 'print the report as JSON instead of tables')
    .option('--no-save', 'do not keep the run in the store')
    .action(async (opts: BacktestOptions) => {
      const found = await findStrategy(opts.strategy, opts.strategiesDir);
      for (const line of formatLoadErrors(found.errors)) console.error(line);
      const definition = found.definition;
      if (!definition) throw new Error(`unknown strategy "${opts.strategy}"; one of: ${found.available.join(', ')}`);
      if (opts.mode !== 'bars' && opts.mode !== 'ticks') throw new Error(`--mode must be bars or ticks, found "${opts.mode}"`);
      if (!(opts.to > opts.from)) throw new Error('--to must be after --from');
      if (!(TIMEFRAMES as readonly string[]).includes(opts.timeframe)) throw new Error(`--timeframe must be one of ${TIMEFRAMES.join(', ')}, found "${opts.timeframe}"`);
      if (opts.mode === 'ticks' && opts.timeframe !== '1m') throw new Error('--timeframe is for bar mode: tick mode builds 1m bars from the ticks');
      const fileSettings = opts.config ? (loadYamlConfig(resolve(opts.config), FeatureConfigSchema) as Record<string, unknown>) : {};
      const settings = { ...fileSettings, ...parseSets(opts.set) };
      const instrument = resolveInstrument(opts.instrument, opts.tickSize);
      const store = openStore(opts.db);
      try {
        const progress = createProgress(`backtest ${definition.id}`, 100, { json: opts.json ?? false });
        let done;
        try {
          done = runStoredBacktest(store, {
            definition,
            settings,
            instrument,
            mode: opts.mode,
            timeframe: opts.timeframe as Timeframe,
            fromTs: opts.from,
            toTs: opts.to,
            save: opts.save,
            onProgress: (phase, fraction) => {
              if (phase === 'running') progress.update(Math.round(fraction * 100), '%');
            },
          });
        } catch (error) {
          if (error instanceof RunConfigError) throw new Error(`${opts.config ?? 'settings'}: ${error.message}`);
          throw error;
        }
        const { run, report: result, json, runId } = done;
        progress.finish(`${done.engine.trades().length} trades`);
        const metricsTable = formatMetricsTable(result);
        const tradesTable = formatTradeTable(result.tradeTable);
        if (opts.report) {
          const file = resolve(opts.report);
          const ext = extname(file).toLowerCase();
          if (ext === '.json') writeFileSync(file, json);
          else if (ext === '.html' || ext === '.htm') {
            writeFileSync(file, renderHtmlReport({ title: `${definition.name}: ${new Date(opts.from).toISOString()} to ${new Date(opts.to).toISOString()} (${opts.mode})`, report: result, metricsTable, tradesTable, settings: { params: run.params, ...run.settings } }));
          } else throw new Error(`--report must end in .html or .json, found "${opts.report}"`);
        }
        if (opts.json) console.log(json);
        else {
          console.log(metricsTable);
          if (runId !== null) console.log(`\nrun ${runId} saved in ${store.path}`);
        }
      } finally {
        store.close();
      }
    });
}
