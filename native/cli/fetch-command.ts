// `auctioneer fetch`: exchange history through ccxt (1m bars, aggregate trades, funding, open
// interest) into the store, fetching only what the store lacks; Ctrl-C keeps every stored page.

import { InvalidArgumentError, Option, type Command } from 'commander';
import { createRestClient } from '../feeds/ccxt/ccxt-client';
import { fetchHistory, HISTORY_KINDS, type FetchHistoryResult, type HistoryKind } from '../feeds/ccxt/history-fetcher';
import { openStore } from './import-command';
import { createProgress, type Progress } from './progress';

const DAY_MS = 86_400_000;

interface FetchOptions {
  exchange: string;
  symbol: string;
  from?: number;
  to?: number;
  what: HistoryKind[];
  db?: string;
  json?: boolean;
  exchangeUrl?: string;
}

export function parseTime(name: string) {
  return (value: string): number => {
    const ms = /^\d+$/.test(value) ? Number(value) : Date.parse(value);
    if (!Number.isSafeInteger(ms) || ms < 0) throw new InvalidArgumentError(`${name} must be an ISO date (2026-11-01, 2026-11-01T12:00Z) or UTC milliseconds, found "${value}"`);
    return ms;
  };
}

export function parseKinds(value: string): HistoryKind[] {
  const kinds = value.split(',').map((k) => k.trim()).filter(Boolean);
  const bad = kinds.filter((k) => !(HISTORY_KINDS as readonly string[]).includes(k));
  if (kinds.length === 0 || bad.length > 0) throw new InvalidArgumentError(`--what takes a comma list of ${HISTORY_KINDS.join(', ')}; unknown: "${bad.join(',') || value}"`);
  return [...new Set(kinds)] as HistoryKind[];
}

export function registerFetchCommand(program: Command): void {
  program
    .command('fetch')
    .description('fetch exchange history through ccxt into the store: 1m bars, trades, funding, open interest (incremental, resumable)')
    .option('--exchange <id>', 'ccxt exchange id (binanceusdm, bybit, okx, ...)', 'binanceusdm')
    .option('--symbol <symbol>', 'ccxt unified symbol', 'BTC/USDT:USDT')
    .option('--from <time>', 'start, ISO date or UTC ms (default: one day before --to)', parseTime('--from'))
    .option('--to <time>', 'end (exclusive), ISO date or UTC ms (default: now)', parseTime('--to'))
    .addOption(new Option('--what <kinds>', `comma list of ${HISTORY_KINDS.join(',')}`).argParser(parseKinds).default(['bars'], 'bars'))
    .option('--db <path>', "store file (default: the desktop app's store)")
    .option('--json', 'print one JSON object with what was fetched on stdout')
    .addOption(new Option('--exchange-url <url>', 'http://127.0.0.1:PORT of the local exchange simulator (binanceusdm only)').hideHelp())
    .action((opts: FetchOptions) => runFetch(opts));
}

async function runFetch(opts: FetchOptions): Promise<void> {
  const toTs = opts.to ?? Date.now();
  const fromTs = opts.from ?? toTs - DAY_MS;
  if (fromTs >= toTs) throw new Error(`--from (${new Date(fromTs).toISOString()}) must be before --to (${new Date(toTs).toISOString()})`);
  const client = createRestClient({ exchangeId: opts.exchange, ...(opts.exchangeUrl !== undefined ? { exchangeUrl: opts.exchangeUrl } : {}) });
  const store = openStore(opts.db);
  const controller = new AbortController();
  const interrupt = (): void => controller.abort(new Error('interrupted: every page fetched so far is stored; run the same command again to continue'));
  process.once('SIGINT', interrupt);
  let progress: Progress | null = null;
  try {
    const result = await fetchHistory({
      client,
      store,
      symbol: opts.symbol,
      kinds: opts.what,
      fromTs,
      toTs,
      signal: controller.signal,
      onProgress: (p) => {
        progress ??= createProgress('fetch', Math.ceil(p.totalMs / 60_000), { json: opts.json ?? false });
        progress.update(Math.floor(p.doneMs / 60_000), `min, ${p.kind}, ${p.rows} rows`);
      },
      retry: { onRetry: (r) => opts.json || process.stderr.write(`fetch: rate limited (${r.error.constructor.name}), retrying in ${r.delayMs} ms\n`) },
    });
    (progress as Progress | null)?.finish();
    if (opts.json) console.log(JSON.stringify(toJson(opts, result)));
    else for (const line of describe(result)) console.log(line);
  } catch (error) {
    if (!opts.json) throw error;
    console.log(JSON.stringify({ ok: false, exchange: opts.exchange, symbol: opts.symbol, error: error instanceof Error ? error.message : String(error) }));
    process.exitCode = 1;
  } finally {
    process.off('SIGINT', interrupt);
    store.close();
    await client.close();
  }
}

function toJson(opts: FetchOptions, r: FetchHistoryResult): Record<string, unknown> {
  return {
    ok: true,
    exchange: opts.exchange,
    symbol: opts.symbol,
    instrument: `${r.instrument.venue}:${r.instrument.symbol}`,
    from: r.fromTs,
    to: r.toTs,
    kinds: Object.fromEntries(
      Object.entries(r.kinds).map(([kind, k]) => [kind, { rows: k.rows, pages: k.pages, fetched: k.fetched.map((x) => ({ from: x.fromTs, to: x.toTs })) }]),
    ),
  };
}

function describe(r: FetchHistoryResult): string[] {
  const iso = (ts: number): string => new Date(ts).toISOString();
  return Object.entries(r.kinds).map(([kind, k]) =>
    k.fetched.length === 0
      ? `${kind}: already in the store, nothing fetched`
      : `${kind}: ${k.rows} rows in ${k.pages} request${k.pages === 1 ? '' : 's'} (${k.fetched.map((x) => `${iso(x.fromTs)} .. ${iso(x.toTs)}`).join(', ')})`,
  );
}
