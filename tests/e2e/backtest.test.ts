// Backtests in the browser: a run from the Backtests screen shows the same metrics as
// `auctioneer backtest --report x.json` for the same settings; clicking a trade draws its entry,
// exit, stop and targets on its candles; two runs compare side by side. Screenshots in
// test-results/backtest-*.png.

import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { restoreNonFinite, type NonFiniteTag } from '../../core/report/json-safe';
import { appFeedProviders } from '../../native/host/feed-providers';
import { createDefaultHost, type Host } from '../../native/host/host';
import { RESULTS, useAppInBrowser, type AppStore } from '../support/app-in-browser';
import { hasChromium, NO_CHROMIUM_REASON } from '../support/browser';
import { storeSimulatedTicks } from '../support/sim-store';
import { storeSyntheticBars, storeSyntheticKlines } from '../support/stored-bars';

const enabled = hasChromium();
const bin = join(process.cwd(), 'build', 'bin', 'auctioneer.mjs');
const TICKS_START = Date.UTC(2024, 11, 20, 9, 0);
const backtestHost = ({ store, dir }: AppStore): Host =>
  createDefaultHost({ shell: 'web', version: '0.0.0-e2e', historyMinutes: 30, feeds: appFeedProviders(30, store), store, strategiesDir: join(dir, 'strategies') });

interface CliReport {
  trades: { totalTrades: number; netProfit: number; winRate: number | null; profitFactor: number | null };
  risk: { maxDrawdown: { pct: number } | null };
  tradeTable: Array<{ side: string; entryTs: number; entryPrice: number; exitPrice: number; netPnl: number }>;
}

function cliBacktest(
  db: string,
  dir: string,
  range: { from: number; to: number },
  sets: Record<string, number | string | boolean>,
  mode: 'bars' | 'ticks' = 'bars',
  strategy = 'seed003-value-area',
  timeframe = '1m',
): CliReport {
  const file = join(dir, `cli-${strategy}-${mode}-${timeframe}-${Object.values(sets).join('-')}.json`);
  const args = ['backtest', '--db', db, '--strategy', strategy, '--from', String(range.from), '--to', String(range.to), '--mode', mode, '--timeframe', timeframe, '--no-save', '--report', file];
  for (const [k, v] of Object.entries(sets)) args.push('--set', `${k}=${v}`);
  const out = spawnSync(process.execPath, [bin, ...args], { encoding: 'utf8', timeout: 120_000 });
  if (out.status !== 0) throw new Error(`auctioneer backtest failed: ${out.stderr}`);
  const json = JSON.parse(readFileSync(file, 'utf8')) as { report: CliReport; nonFinite: Record<string, NonFiniteTag> };
  return restoreNonFinite(json, json.nonFinite).report;
}

describe.skipIf(!enabled)(`backtests in the browser ${enabled ? '' : NO_CHROMIUM_REASON}`, () => {
  let dir: string;
  let db: string;
  let page: Page;
  let range: { from: number; to: number };
  let klines: { from: number; to: number };
  const fixture = useAppInBrowser({
    name: 'bt',
    seed: ({ store: s }) => {
      range = storeSyntheticBars(s, 3);
      // A stretch of simulated ticks before the bars, for tick mode.
      storeSimulatedTicks(s, 120_000, 21, TICKS_START);
      // A month of 15m klines from the same start, stored at their own interval.
      klines = storeSyntheticKlines(s, 30, '15m');
    },
    host: backtestHost,
  });

  const metric = async (label: string): Promise<string> => (await page.locator(`[data-testid="bt-metrics"] tr[data-metric="${label}"] td`).textContent()) ?? '';
  const num = (text: string): number => parseFloat(text.replace(/,/g, ''));
  const expectCliMetrics = async (cli: CliReport): Promise<void> => {
    expect(num(await metric('Net profit'))).toBeCloseTo(cli.trades.netProfit, 2);
    expect(await metric('Total trades')).toBe(String(cli.trades.totalTrades));
    expect(num(await metric('Win rate'))).toBeCloseTo((cli.trades.winRate ?? 0) * 100, 2);
    expect(num(await metric('Max drawdown'))).toBeCloseTo(cli.risk.maxDrawdown?.pct ?? 0, 2);
    expect(num(await metric('Profit factor'))).toBeCloseTo(cli.trades.profitFactor ?? 0, 2);
  };
  const setField = async (form: 'bt-params' | 'bt-execution', key: string, value: string): Promise<void> => {
    await page.locator(`[data-testid="${form}"] input[name="${key}"]`).fill(value);
  };
  const shownRun = async (): Promise<string | null> => ((await page.getByTestId('bt-result').count()) > 0 ? page.getByTestId('bt-result').getAttribute('data-run') : null);
  const runAndWait = async (): Promise<string> => {
    const before = await shownRun();
    await page.getByTestId('bt-run').click();
    await expect.poll(shownRun, { timeout: 60_000 }).not.toBe(before);
    return (await shownRun()) ?? '';
  };

  beforeAll(async () => {
    ({ dir, dbPath: db, page } = fixture);
    await page.getByRole('tab', { name: 'Backtests' }).click();
    await page.getByTestId('bt-run').waitFor({ timeout: 15_000 });
  }, 60_000);

  it('runs a backtest from the form and shows the metrics the CLI reports for the same settings', async () => {
    const cli = cliBacktest(db, dir, range, { accept_outside_k: 2, taker_fee_bps: 4, slippage_ticks_entry: 0 });
    expect(cli.trades.totalTrades).toBeGreaterThan(5);

    // The range defaults to the stored span: the CLI's --from and --to.
    const utc = (ts: number): string => new Date(ts).toISOString().slice(0, 16).replace('T', ' ');
    expect(await page.getByTestId('bt-from').inputValue()).toBe(utc(range.from));
    expect(await page.getByTestId('bt-to').inputValue()).toBe(utc(range.to));

    // A bad value is named under its field and blocks the run.
    await setField('bt-params', 'accept_outside_k', '2.5');
    await expect.poll(() => page.locator('[data-testid="bt-params"] .param-field-error').textContent()).toBe('must be a whole number');
    expect(await page.getByTestId('bt-run').isDisabled()).toBe(true);
    await setField('bt-params', 'accept_outside_k', '2');
    await setField('bt-execution', 'taker_fee_bps', '4');
    await setField('bt-execution', 'slippage_ticks_entry', '0');
    expect(await page.getByTestId('bt-cli-equivalent').textContent()).toBe('--set accept_outside_k=2 --set slippage_ticks_entry=0 --set taker_fee_bps=4');

    await runAndWait();
    await page.getByTestId('backtest-form').evaluate((el) => (el.scrollTop = 0));
    await expectCliMetrics(cli);
    expect(await page.locator('[data-testid="bt-trades"] tbody tr').count()).toBe(cli.trades.totalTrades);
    expect(Number(await page.getByTestId('bt-equity-plot').getAttribute('data-points'))).toBeGreaterThan(100);
    await page.screenshot({ path: join(RESULTS, 'backtest-results.png') });
  }, 120_000);

  it('draws a clicked trade on its candles with entry, exit, stop and targets', async () => {
    const cli = cliBacktest(db, dir, range, { accept_outside_k: 2, taker_fee_bps: 4, slippage_ticks_entry: 0 });
    // The biggest winner, found by sorting the list by net PnL (descending on first click).
    await page.getByTestId('bt-sort-netPnl').click();
    const best = [...cli.tradeTable].sort((a, b) => b.netPnl - a.netPnl)[0]!;
    const firstRow = page.locator('[data-testid="bt-trades"] tbody tr').first();
    expect(await firstRow.locator('td').nth(4).textContent()).toBe(best.entryPrice.toFixed(1));
    await firstRow.click();
    const chart = page.getByTestId('bt-trade-chart');
    await expect.poll(async () => (await chart.getAttribute('data-drawn-labels')) ?? '', { timeout: 15_000 }).toContain('Exit');
    const labels = ((await chart.getAttribute('data-drawn-labels')) ?? '').split('|');
    expect(labels).toContain(`${best.side === 'long' ? 'Long' : 'Short'} ${best.entryPrice.toFixed(1)}`);
    expect(labels).toContain(`Exit ${best.exitPrice.toFixed(1)}`);
    expect(labels.some((l) => l.startsWith('Stop '))).toBe(true);
    expect(labels.some((l) => l.startsWith('Target ') || l.startsWith('T1 '))).toBe(true);
    expect(await page.getByTestId('bt-readout-entry').textContent()).toBe(best.entryPrice.toFixed(1));
    expect(await page.getByTestId('bt-readout-exit').textContent()).toBe(best.exitPrice.toFixed(1));
    await chart.scrollIntoViewIfNeeded();
    await page.screenshot({ path: join(RESULTS, 'backtest-trade.png') });
  }, 60_000);

  it('lists earlier runs and compares two side by side', async () => {
    await setField('bt-params', 'accept_outside_k', '3');
    const second = await runAndWait();
    const first = String(Number(second) - 1);
    await page.getByTestId(`bt-pick-${first}`).check();
    await page.getByTestId(`bt-pick-${second}`).check();
    await page.getByTestId('bt-compare-button').click();
    const compare = page.getByTestId('bt-compare');
    await expect.poll(() => compare.count()).toBe(1);
    expect(await compare.locator('thead th').count()).toBe(3);
    const tradesRow = compare.locator('tr[data-metric="Total trades"] td');
    expect(await tradesRow.count()).toBe(2);
    // The list is newest first, and the comparison follows it: the second run, then the first.
    const cli2 = cliBacktest(db, dir, range, { accept_outside_k: 3, taker_fee_bps: 4, slippage_ticks_entry: 0 });
    const cli1 = cliBacktest(db, dir, range, { accept_outside_k: 2, taker_fee_bps: 4, slippage_ticks_entry: 0 });
    expect(await tradesRow.allTextContents()).toEqual([String(cli2.trades.totalTrades), String(cli1.trades.totalTrades)]);
    await compare.scrollIntoViewIfNeeded();
    await page.screenshot({ path: join(RESULTS, 'backtest-compare.png') });
  }, 120_000);

  it('runs in tick mode on the stored ticks and matches the CLI in tick mode', async () => {
    await page.getByTestId('bt-compare').getByRole('button', { name: 'Close' }).click();
    await page.getByTestId('bt-mode-ticks').click();
    const span = page.locator('[data-testid="bt-spans"] button').first();
    await span.click();
    const from = Date.parse(`${(await page.getByTestId('bt-from').inputValue()).replace(' ', 'T')}Z`);
    const to = Date.parse(`${(await page.getByTestId('bt-to').inputValue()).replace(' ', 'T')}Z`);
    expect(from).toBe(TICKS_START);
    const cli = cliBacktest(db, dir, { from, to }, { accept_outside_k: 3, taker_fee_bps: 4, slippage_ticks_entry: 0 }, 'ticks');
    await runAndWait();
    expect(await page.getByTestId('bt-result').textContent()).toContain('ticks');
    await expectCliMetrics(cli);
    // The trade's candles come from the stored trades (this stretch has no stored bars).
    await page.locator('[data-testid="bt-trades"] tbody tr').first().click();
    const chart = page.getByTestId('bt-trade-chart');
    await expect.poll(async () => (await chart.getAttribute('data-drawn-labels')) ?? '', { timeout: 15_000 }).toContain('Exit');
    expect(Number(await chart.getAttribute('data-bars'))).toBeGreaterThan(10);
    await page.screenshot({ path: join(RESULTS, 'backtest-ticks.png') });
  }, 120_000);

  it('runs seed 000 on 15m klines chosen under Bars, as the CLI does with --timeframe 15m, and draws a trade on 15m candles', async () => {
    await page.getByTestId('bt-mode-bars').click();
    await page.getByTestId('bt-strategy').selectOption('seed000-amt-trend-continuation');
    await page.getByTestId('bt-timeframe').selectOption('15m');
    // The range moves to the klines' span: from their first bar to just after their last.
    const utc = (ts: number): string => new Date(ts).toISOString().slice(0, 16).replace('T', ' ');
    await expect.poll(() => page.getByTestId('bt-from').inputValue()).toBe(utc(klines.from));
    expect(await page.getByTestId('bt-to').inputValue()).toBe(utc(klines.to - 15 * 60_000 + 60_000));
    const to = klines.to - 15 * 60_000 + 60_000;
    // Seed 000's filters loosened so that a month of a random walk trades.
    const sets = { atr_candles: 50, displacement_atr: 0.2, range_expansion: 0.5, min_directional_candles: 1, rejection_wick_body: 0.1, volume_spike: 0.1, lvn_tolerance_atr: 3, min_reward_risk: 1 };
    for (const [k, v] of Object.entries(sets)) await setField('bt-params', k, String(v));
    await page.locator('[data-testid="bt-params"] select[name="target_mode"]').selectOption('impulse-extreme');
    // The execution fields keep the earlier tests' fee and slippage.
    const cli = cliBacktest(db, dir, { from: klines.from, to }, { ...sets, target_mode: 'impulse-extreme', taker_fee_bps: 4, slippage_ticks_entry: 0 }, 'bars', 'seed000-amt-trend-continuation', '15m');
    expect(cli.trades.totalTrades).toBeGreaterThan(5);
    await runAndWait();
    expect(await page.getByTestId('bt-result').textContent()).toContain('15m bars');
    await expectCliMetrics(cli);
    // The last trade is weeks after the 1m bars end: its chart has candles only if it loads 15m bars.
    await page.getByTestId('bt-sort-entryTs').click();
    await page.getByTestId('bt-sort-entryTs').click();
    await page.locator('[data-testid="bt-trades"] tbody tr').first().click();
    const chart = page.getByTestId('bt-trade-chart');
    await expect.poll(async () => (await chart.getAttribute('data-drawn-labels')) ?? '', { timeout: 15_000 }).toContain('Exit');
    expect(await chart.getAttribute('data-timeframe')).toBe('15m');
    expect(Number(await chart.getAttribute('data-bars'))).toBeGreaterThanOrEqual(60);
    await chart.scrollIntoViewIfNeeded();
    await page.screenshot({ path: join(RESULTS, 'backtest-15m.png') });
  }, 120_000);
});

describe.skipIf(!enabled)(`the backtests screen on an empty store ${enabled ? '' : NO_CHROMIUM_REASON}`, () => {
  const fixture = useAppInBrowser({ name: 'bt-empty', host: backtestHost });

  it('says there is no history to test on and no earlier run, and offers no run', async () => {
    const page = fixture.page;
    await page.getByRole('tab', { name: 'Backtests' }).click();
    await page.getByTestId('bt-no-data').waitFor({ timeout: 15_000 });
    expect(await page.getByTestId('bt-no-data').textContent()).toContain('no history yet');
    expect(await page.getByTestId('bt-run').isDisabled()).toBe(true);
    expect(await page.getByTestId('backtest-screen').textContent()).toContain('No runs yet');
    await page.screenshot({ path: join(RESULTS, 'backtest-empty.png') });
  }, 60_000);
});
