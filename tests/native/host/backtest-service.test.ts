// Backtests from the app: a run started through the API (in the backtest worker) gives the very
// metrics `auctioneer backtest --report x.json` gives for the same settings, is saved like a CLI
// run, lists CLI runs too, reports progress, can be cancelled, and keeps each trade's stop and
// targets for the chart.

import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { requests, type EventName, type EventPayload, type RequestResult } from '../../../core/api/contract';
import { restoreNonFinite, type NonFiniteTag } from '../../../core/report/json-safe';
import { BUILT_IN_STRATEGIES } from '../../../core/strategy/registry';
import { BacktestService } from '../../../native/host/areas/backtest-service';
import { Store } from '../../../native/store/store';
import { storeSyntheticBars, storeSyntheticKlines } from '../../support/stored-bars';

const bin = join(process.cwd(), 'build', 'bin', 'auctioneer.mjs');
const cli = (...args: string[]) => spawnSync(process.execPath, [bin, ...args], { encoding: 'utf8', timeout: 120_000 });
const DAYS = 4;
const KLINE_DAYS = 30;
const SETTINGS = { accept_outside_k: 2, taker_fee_bps: 4, slippage_ticks_entry: 0 } as const;

describe('backtests through the API', () => {
  let dir: string;
  let db: string;
  let store: Store;
  let service: BacktestService;
  let range: { from: number; to: number };
  let klines: { from: number; to: number; count: number };
  const events: Array<EventPayload<'backtest.progress'>> = [];

  // Requests go through the contract's schemas both ways, as dispatch does.
  async function call<K extends keyof typeof requests & `backtest.${string}`>(name: K, params: unknown): Promise<RequestResult<K>> {
    const handler = service.handlers[name] as (p: unknown) => Promise<unknown>;
    const result = await handler(requests[name].params.parse(params));
    return requests[name].result.parse(result) as RequestResult<K>;
  }

  async function finished(jobId: string): Promise<EventPayload<'backtest.progress'>> {
    await expect.poll(() => events.some((e) => e.jobId === jobId && ['done', 'failed', 'cancelled'].includes(e.state)), { timeout: 60_000 }).toBe(true);
    return events.filter((e) => e.jobId === jobId).at(-1)!;
  }

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'auctioneer-bt-api-'));
    db = join(dir, 's.db');
    store = Store.open(db);
    range = storeSyntheticBars(store, DAYS);
    // 15m klines of the same walk over a month, stored at their own timeframe.
    klines = storeSyntheticKlines(store, KLINE_DAYS, '15m');
    // And 30m klines (Binance's 30m interval), listed at theirs.
    storeSyntheticKlines(store, 2, '30m');
    service = new BacktestService(
      {
        store,
        emit: <K extends EventName>(name: K, payload: EventPayload<K>) => {
          if (name === 'backtest.progress') events.push(payload as EventPayload<'backtest.progress'>);
        },
        raise: () => {},
      },
      { strategiesDir: join(dir, 'no-strategies-here') },
    );
  });

  afterAll(async () => {
    await service.dispose();
    store.close();
  });

  it('runs in the worker and shows the same metrics, trades and equity as the CLI for the same settings', async () => {
    const report = join(dir, 'cli.json');
    const sets = Object.entries(SETTINGS).flatMap(([k, v]) => ['--set', `${k}=${v}`]);
    const out = cli('backtest', '--db', db, '--strategy', 'seed003-value-area', '--from', String(range.from), '--to', String(range.to), '--mode', 'bars', ...sets, '--report', report, '--json');
    expect(out.stderr).toBe('');
    expect(out.status).toBe(0);
    const cliJson = JSON.parse(readFileSync(report, 'utf8')) as { report: Record<string, unknown>; nonFinite: Record<string, NonFiniteTag> };
    restoreNonFinite(cliJson, cliJson.nonFinite);
    const cliReport = cliJson.report as { trades: { totalTrades: number; netProfit: number }; risk: unknown; spread: unknown; run: unknown; tradeTable: Array<{ entryPrice: number; exitPrice: number; entryTs: number; exitTs: number; netPnl: number }> };
    expect(cliReport.trades.totalTrades).toBeGreaterThan(5);

    const { jobId } = await call('backtest.start', { strategy: 'seed003-value-area', settings: SETTINGS, instrument: 'binanceusdm:BTCUSDT', fromTs: range.from, toTs: range.to, mode: 'bars' });
    const last = await finished(jobId);
    expect(last).toMatchObject({ state: 'done', fraction: 1 });
    // Progress went through the run's phases before it ended.
    expect(events.filter((e) => e.jobId === jobId).map((e) => e.state)).toEqual(expect.arrayContaining(['queued', 'loading', 'running', 'saving', 'done']));

    const detail = await call('backtest.run', { id: last.runId! });
    const metrics = restoreNonFinite(detail.summary.metrics.value, detail.summary.metrics.nonFinite) as { trades: unknown; risk: unknown; spread: unknown; run: unknown };
    expect(metrics.trades).toEqual(cliReport.trades);
    expect(metrics.risk).toEqual(cliReport.risk);
    expect(metrics.spread).toEqual(cliReport.spread);
    expect(metrics.run).toEqual(cliReport.run);
    expect(detail.summary).toMatchObject({ strategy: 'seed003-value-area', mode: 'bars', instrument: 'binanceusdm:BTCUSDT', fromTs: range.from, toTs: range.to, settings: SETTINGS });

    // The trades are the CLI's, in closing order, with prices in price units.
    expect(detail.trades).toHaveLength(cliReport.trades.totalTrades);
    detail.trades.forEach((t, i) => {
      const c = cliReport.tradeTable[i]!;
      expect([t.entryTs, t.exitTs]).toEqual([c.entryTs, c.exitTs]);
      expect(t.entryPrice).toBeCloseTo(c.entryPrice, 6);
      expect(t.exitPrice).toBeCloseTo(c.exitPrice, 6);
      expect(t.netPnl).toBeCloseTo(c.netPnl, 6);
    });
    // Every seed 003 entry carries a stop below a long (above a short) and targets on the profit side.
    for (const t of detail.trades) {
      expect(t.stop).not.toBeNull();
      expect(t.targets.length).toBeGreaterThan(0);
      const dir = t.side === 'long' ? 1 : -1;
      expect(dir * (t.entryPrice - t.stop!)).toBeGreaterThan(0);
      for (const target of t.targets) expect(dir * (target - t.entryPrice)).toBeGreaterThan(0);
      // A trade stopped out at its final stop exits at that stop, less the exit slippage (1 tick).
      expect(Number.isFinite(t.finalStop)).toBe(true);
    }
    // The equity series ends at the finishing balance; drawdown is never negative and peaks at the max drawdown.
    const run = metrics.run as { finishingBalance: number };
    expect(detail.equity.equity.at(-1)).toBeCloseTo(run.finishingBalance, 6);
    expect(Math.min(...detail.equity.drawdownPct)).toBeGreaterThanOrEqual(0);
    const maxDd = (metrics.risk as { maxDrawdown: { pct: number } | null }).maxDrawdown?.pct ?? 0;
    expect(Math.max(...detail.equity.drawdownPct)).toBeLessThanOrEqual(maxDd + 1e-9);
    expect(Math.max(...detail.equity.drawdownPct)).toBeGreaterThan(maxDd * 0.5);

    // The CLI's run is listed beside the app's.
    const { runs } = await call('backtest.runs', {});
    expect(runs.map((r) => r.id)).toEqual(expect.arrayContaining([last.runId]));
    expect(runs).toHaveLength(2);
    const cliRun = runs.find((r) => r.id !== last.runId)!;
    expect(restoreNonFinite(cliRun.metrics.value, cliRun.metrics.nonFinite)).toMatchObject({ trades: cliReport.trades });
  }, 180_000);

  it('stops a cancelled run before anything is saved', async () => {
    const before = (await call('backtest.runs', {})).runs.length;
    const { jobId } = await call('backtest.start', { strategy: 'seed003-value-area', fromTs: range.from, toTs: range.to });
    expect(await call('backtest.cancel', { jobId })).toEqual({ cancelled: true });
    expect((await finished(jobId)).state).toBe('cancelled');
    expect((await call('backtest.jobs', {})).jobs).toEqual([]);
    await new Promise((r) => setTimeout(r, 500));
    expect((await call('backtest.runs', {})).runs).toHaveLength(before);
    expect(await call('backtest.cancel', { jobId })).toEqual({ cancelled: false });
  }, 60_000);

  it('refuses bad settings with the CLI message before starting, and reports a range without data as failed', async () => {
    await expect(call('backtest.start', { strategy: 'seed003-value-area', settings: { acept_outside_k: 2 }, fromTs: range.from, toTs: range.to })).rejects.toThrow('unknown setting: acept_outside_k');
    await expect(call('backtest.start', { strategy: 'nope', fromTs: range.from, toTs: range.to })).rejects.toThrow('unknown strategy "nope"');
    const { jobId } = await call('backtest.start', { strategy: 'seed003-value-area', fromTs: range.to + 86_400_000, toTs: range.to + 2 * 86_400_000 });
    const last = await finished(jobId);
    expect(last.state).toBe('failed');
    expect(last.message).toContain('no 1m bars stored');
  }, 60_000);

  it('lists every built-in strategy with its parameter schema and seed defaults, and the stored days', async () => {
    const { strategies, executionSchema } = await call('backtest.strategies', {});
    expect(strategies.map((s) => s.id)).toEqual(BUILT_IN_STRATEGIES.map((s) => s.id));
    for (const s of strategies) {
      const definition = BUILT_IN_STRATEGIES.find((d) => d.id === s.id)!;
      expect(s.defaults).toEqual(definition.params.parse({}));
      const properties = (s.paramsSchema as { properties: Record<string, { default?: unknown }> }).properties;
      expect(Object.keys(properties).sort()).toEqual(Object.keys(s.defaults).sort());
      for (const [key, value] of Object.entries(s.defaults)) expect(properties[key]?.default).toEqual(value);
    }
    expect((executionSchema as { properties: Record<string, { default?: unknown }> }).properties['taker_fee_bps']?.default).toBe(5);

    const { instruments } = await call('backtest.ranges', {});
    expect(instruments).toHaveLength(1);
    expect(instruments[0]!.instrument).toBe('binanceusdm:BTCUSDT');
    expect(instruments[0]!.bars.map((b) => b.timeframe)).toEqual(['1m', '15m', '30m']);
    expect(instruments[0]!.bars[2]!.days.map((d) => d.count)).toEqual([48, 48]);
    const minuteDays = instruments[0]!.bars[0]!.days;
    expect(minuteDays.map((d) => d.count)).toEqual(Array(DAYS).fill(1440));
    expect(minuteDays[0]!.firstTs).toBe(range.from);
    expect(minuteDays.at(-1)!.lastTs).toBe(range.to - 60_000);
    const quarterDays = instruments[0]!.bars[1]!.days;
    expect(quarterDays.map((d) => d.count)).toEqual(Array(KLINE_DAYS).fill(96));
    expect([quarterDays[0]!.firstTs, quarterDays.at(-1)!.lastTs]).toEqual([klines.from, klines.to - 900_000]);

    const bars = await call('backtest.bars', { instrument: 'binanceusdm:BTCUSDT', fromTs: range.from, toTs: range.from + 10 * 60_000 });
    expect(bars.ts).toHaveLength(10);
    expect(bars.open[0]).toBeCloseTo(65_000, 6);
    // The 15m bars of the first hour: four, a quarter hour apart, each spanning its 15 minutes.
    const quarters = await call('backtest.bars', { instrument: 'binanceusdm:BTCUSDT', fromTs: range.from, toTs: range.from + 60 * 60_000, timeframe: '15m' });
    const minutes = await call('backtest.bars', { instrument: 'binanceusdm:BTCUSDT', fromTs: range.from, toTs: range.from + 60 * 60_000 });
    expect(quarters.ts).toEqual([0, 1, 2, 3].map((q) => range.from + q * 15 * 60_000));
    expect(quarters.high[1]).toBeCloseTo(Math.max(...minutes.high.slice(15, 30)), 6);
    expect(quarters.close[3]).toBeCloseTo(minutes.close[59]!, 6);
  });

  it('runs on 15m klines at their own timeframe as the CLI does, and the run remembers its timeframe', async () => {
    // Seed 000 is written on 15m candles; its filters loosened so that a month of a random walk trades.
    const settings = {
      target_mode: 'impulse-extreme', atr_candles: 50, displacement_atr: 0.2, range_expansion: 0.5, min_directional_candles: 1, rejection_wick_body: 0.1,
      volume_spike: 0.1, lvn_tolerance_atr: 3, min_reward_risk: 0, ny_session_only: false,
    };
    const report = join(dir, 'cli-15m.json');
    const sets = Object.entries(settings).flatMap(([k, v]) => ['--set', `${k}=${v}`]);
    const out = cli('backtest', '--db', db, '--strategy', 'seed000-amt-trend-continuation', '--from', String(klines.from), '--to', String(klines.to), '--timeframe', '15m', ...sets, '--report', report, '--json');
    expect(out.stderr).toBe('');
    const cliJson = JSON.parse(readFileSync(report, 'utf8')) as { report: { trades: { totalTrades: number } }; nonFinite: Record<string, NonFiniteTag> };
    restoreNonFinite(cliJson, cliJson.nonFinite);
    expect(cliJson.report.trades.totalTrades).toBeGreaterThan(0);

    const { jobId } = await call('backtest.start', { strategy: 'seed000-amt-trend-continuation', settings, fromTs: klines.from, toTs: klines.to, timeframe: '15m' });
    const last = await finished(jobId);
    expect(last.state).toBe('done');
    const detail = await call('backtest.run', { id: last.runId! });
    expect(detail.summary).toMatchObject({ strategy: 'seed000-amt-trend-continuation', mode: 'bars', timeframe: '15m' });
    const metrics = restoreNonFinite(detail.summary.metrics.value, detail.summary.metrics.nonFinite) as { trades: unknown };
    expect(metrics.trades).toEqual(cliJson.report.trades);
    // It stepped through 15m bars: entries at a quarter hour, exits there or at a 15m bar's last
    // millisecond (a stop or target hit inside the bar); on 1m bars most would fall between.
    expect(detail.trades.length).toBe(cliJson.report.trades.totalTrades);
    for (const t of detail.trades) {
      expect((t.entryTs - klines.from) % 900_000).toBe(0);
      expect([0, 899_999]).toContain((t.exitTs - klines.from) % 900_000);
    }
    const runs = (await call('backtest.runs', {})).runs.filter((r) => r.strategy === 'seed000-amt-trend-continuation');
    expect(runs.map((r) => r.timeframe)).toEqual(['15m', '15m']);

    // Seed 003 is refused on 15m bars before a worker starts, saying why.
    await expect(call('backtest.start', { strategy: 'seed003-value-area', fromTs: range.from, toTs: range.to, timeframe: '15m' })).rejects.toThrow(/runs on 1m bars, not 15m/);
    // A timeframe is for bar mode only.
    await expect(call('backtest.start', { strategy: 'seed003-value-area', fromTs: range.from, toTs: range.to, mode: 'ticks', timeframe: '15m' })).rejects.toThrow(/tick mode builds 1m bars/);
  }, 180_000);
});
