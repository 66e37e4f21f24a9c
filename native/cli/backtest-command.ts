// `auctioneer backtest`: a strategy over a stored range in bar or tick mode, a metrics table
// on stdout (or JSON), an optional HTML or JSON report file, and the run saved in the store.

import type { Command } from 'commander';
import { writeFileSync } from 'node:fs';
import { extname, resolve } from 'node:path';
import { FeatureConfigSchema } from '../../core/features/config';
import { runBarBacktest } from '../../core/engine/bar-backtest';
import type { Engine } from '../../core/engine/engine';
import { resolveRun, RunConfigError } from '../../core/engine/run-config';
import { runTickBacktest } from '../../core/engine/tick-backtest';
import { computeReport } from '../../core/report/report';
import { formatMetricsTable, formatTradeTable } from '../../core/report/format';
import { stringifyJsonSafe } from '../../core/report/json-safe';
import { BUILT_IN_STRATEGIES } from '../../core/strategy/registry';
import { renderHtmlReport } from '../report/html-report';
import { saveBacktestRun } from '../store/backtest-runs';
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
    .option('--mode <mode>', 'bars (1m bars, approximate fills) or ticks (trades and quotes, bid/ask fills)', 'bars')
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
      const fileSettings = opts.config ? (loadYamlConfig(resolve(opts.config), FeatureConfigSchema) as Record<string, unknown>) : {};
      const settings = { ...fileSettings, ...parseSets(opts.set) };
      const instrument = resolveInstrument(opts.instrument, opts.tickSize);
      const store = openStore(opts.db);
      try {
        const instrumentId = store.ensureInstrument(instrument);
        const funding = store.loadFunding(instrumentId, opts.from, opts.to).map((f) => ({ ts: f.ts, rate: f.rate }));
        let run;
        try {
          run = resolveRun(definition, settings, instrument, opts.mode, funding);
        } catch (error) {
          if (error instanceof RunConfigError) throw new Error(`${opts.config ?? 'settings'}: ${error.message}`);
          throw error;
        }
        const progress = createProgress(`backtest ${definition.id}`, 100, { json: opts.json ?? false });
        const report = (done: number, total: number): void => progress.update(Math.round((done / Math.max(1, total)) * 100), '%');
        let engine: Engine;
        if (opts.mode === 'bars') {
          const bars = store.loadBarColumns(instrumentId, 60, opts.from, opts.to);
          if (bars.length === 0) throw new Error(`no 1m bars stored for ${instrument.venue}:${instrument.symbol} in that range: import or fetch them first`);
          engine = runBarBacktest(bars, run.options, report);
        } else {
          const trades = store.loadTrades(instrumentId, opts.from, opts.to);
          const quotes = store.loadQuotes(instrumentId, opts.from, opts.to);
          if (trades.length === 0 || quotes.length === 0) throw new Error(`tick mode needs stored trades and quotes in that range (found ${trades.length} trades, ${quotes.length} quotes)`);
          engine = runTickBacktest({ trades, quotes }, run.options, report);
        }
        progress.finish(`${engine.trades().length} trades`);
        const result = computeReport({
          trades: [...engine.trades()],
          equity: [...engine.equity()],
          startingBalance: run.options.broker.initialBalance,
          startTs: opts.from,
          endTs: Math.min(opts.to, Math.max(opts.from, engine.span().endTs)),
        });
        const metricsTable = formatMetricsTable(result);
        const tradesTable = formatTradeTable(result.tradeTable);
        const json = stringifyJsonSafe({ strategy: definition.id, params: run.params, settings: run.settings, mode: opts.mode, from: opts.from, to: opts.to, report: result });
        let runId: number | null = null;
        if (opts.save) {
          runId = saveBacktestRun(store, {
            createdAt: Date.now(),
            strategy: definition.id,
            params: run.params,
            instrumentId,
            mode: opts.mode,
            fromTs: opts.from,
            toTs: opts.to,
            metricsJson: stringifyJsonSafe({ trades: result.trades, risk: result.risk, spread: result.spread }),
            trades: engine.trades(),
            equity: engine.equity(),
          });
        }
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
