// The Data & settings screen in the browser: a bad file's import shows its line and field and
// leaves the store as it was; a good file shows its progress and then its day in the calendar
// (by path and by upload); an API key is shown back masked only; the layout (screen, ticket
// preset, confirmation mode) comes back after the host restarts.

import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { createDefaultHost, type Host } from '../../native/host/host';
import type { Store } from '../../native/store/store';
import { RESULTS, useAppInBrowser } from '../support/app-in-browser';
import { hasChromium, NO_CHROMIUM_REASON } from '../support/browser';

const enabled = hasChromium();
// Binance trades CSV: id, price, qty, quote qty, time, buyer is maker.
const GOOD = '1,65000.1,0.010,650.001,1700000000000,true\n2,65000.2,0.500,32500.1,1700000000001,false\n';
const BAD = `${GOOD}3,65000.3,oops,1,1700000000002,true\n`;
const DAY2 = '10,64000.1,0.010,640.001,1700100000000,true\n11,64000.5,0.200,12800.1,1700100000500,false\n';

describe.skipIf(!enabled)(`the data & settings screen ${enabled ? '' : NO_CHROMIUM_REASON}`, () => {
  let dir: string;
  let store: Store;
  let host: Host;
  let page: Page;
  const fixture = useAppInBrowser({ name: 'settings', host: ({ store: s, dir: d }) => createDefaultHost({ shell: 'web', version: '0.0.0-e2e', seed: 3, historyMinutes: 10, store: s, dataDir: d }) });
  const bind = (): void => {
    ({ dir, store, host, page } = fixture);
  };
  beforeAll(bind);

  it('shows a bad file’s line and field with the store unchanged, then imports good files with progress into the calendar', async () => {
    await page.getByRole('tab', { name: 'Data & settings' }).click();
    await expect.poll(() => page.getByTestId('calendar-days').textContent(), { timeout: 10_000 }).toMatch(/No ticks stored yet/);
    expect(await page.getByTestId('stored-bars').textContent()).toMatch(/No bars stored yet/);
    const bad = join(dir, 'bad-trades.csv');
    writeFileSync(bad, BAD);
    await page.getByTestId('import-path').fill(bad);
    await page.getByTestId('import-path-button').click();
    await expect.poll(async () => (await page.getByTestId('import-error').textContent()) ?? '', { timeout: 10_000 }).toMatch(/Nothing was imported\..*Line 3, field “qty”: not a number/);
    expect(await page.getByTestId('import-progress').getAttribute('data-stage')).toBe('failed');
    expect(store.statement('SELECT COUNT(*) AS n FROM imports').get()).toEqual({ n: 0 });
    expect(store.statement('SELECT COUNT(*) AS n FROM tick_blocks').get()).toEqual({ n: 0 });
    expect(await page.getByTestId('calendar-days').textContent()).toMatch(/No ticks stored yet/);
    await page.screenshot({ path: join(RESULTS, 'settings-import-error.png') });

    const good = join(dir, 'trades-2023-11-14.csv');
    writeFileSync(good, GOOD);
    await page.getByTestId('import-path').fill(good);
    await page.getByTestId('import-path-button').click();
    await expect.poll(async () => (await page.getByTestId('import-done').textContent()) ?? '', { timeout: 10_000 }).toMatch(/binance-trades-csv\): 2 trades, 0 quotes, 1 bar\./);
    expect(await page.getByTestId('import-progress').getAttribute('data-stage')).toBe('done');
    await expect.poll(async () => (await page.getByTestId('calendar-days').textContent()) ?? '').toMatch(/2023-11-14.*22:13–22:13 UTC.*2 trades/);
    // The trades' 1m bar is listed with the stored bars.
    expect(await page.getByTestId('stored-bars').textContent()).toMatch(/^1m2023-11-14 → 2023-11-141 barsno day missing/);

    // The browser cannot give a path: the same through an upload.
    await page.getByTestId('import-upload').setInputFiles({ name: 'day2.csv', mimeType: 'text/csv', buffer: Buffer.from(DAY2) });
    await expect.poll(async () => (await page.getByTestId('import-done').textContent()) ?? '', { timeout: 10_000 }).toMatch(/day2\.csv .*2 trades/);
    await expect.poll(async () => (await page.getByTestId('calendar-days').textContent()) ?? '').toMatch(/2023-11-14.*2023-11-16/);
    expect(store.statement('SELECT COUNT(*) AS n FROM imports').get()).toEqual({ n: 2 });

    // 15m klines with a missing day: listed at their own timeframe, in two stretches.
    const kline = (ts: number): string => `${ts},37000.0,37010.0,36990.0,37005.0,12.5,${ts + 899_999},462500.0,100,6.0,222000.0,0`;
    const k0 = Date.UTC(2023, 10, 20);
    const klines = join(dir, 'BTCUSDT-15m.csv');
    writeFileSync(klines, `${[k0, k0 + 900_000, k0 + 2 * 86_400_000].map(kline).join('\n')}\n`);
    await page.getByTestId('import-path').fill(klines);
    await page.getByTestId('import-path-button').click();
    await expect.poll(async () => (await page.getByTestId('import-done').textContent()) ?? '', { timeout: 10_000 }).toMatch(/binance-klines-csv\): 0 trades, 0 quotes, 3 bars\./);
    await expect.poll(async () => (await page.getByTestId('stored-bars').textContent()) ?? '').toMatch(/15m2023-11-20 → 2023-11-223 bars2 stretches/);

    // A large file: the bar moves with the lines read (the import runs off the host's thread).
    const lines: string[] = [];
    for (let i = 0; i < 600_000; i++) lines.push(`${5_000_000 + i},${(64_500 + (i % 300) / 10).toFixed(1)},0.010,645.001,${1_700_200_000_000 + i * 50},${i % 3 === 0}`);
    const big = join(dir, 'big-trades.csv');
    writeFileSync(big, `${lines.join('\n')}\n`);
    await page.getByTestId('import-path').fill(big);
    await page.getByTestId('import-path-button').click();
    const progress = page.getByTestId('import-progress');
    await expect
      .poll(async () => ((await progress.getAttribute('data-stage')) === 'reading' ? Number(await progress.getAttribute('data-rows')) : 0), { timeout: 30_000, interval: 20 })
      .toBeGreaterThan(0);
    await page.screenshot({ path: join(RESULTS, 'settings-import-progress.png') });
    expect(await progress.textContent()).toMatch(/\d+% \S*big-trades\.csv: reading · [\d,]+ lines read and checked · [\d.]+ of \d+\.\d MB/);
    await expect.poll(async () => (await page.getByTestId('import-done').textContent()) ?? '', { timeout: 60_000 }).toMatch(/big-trades\.csv .*600,000 trades/);
    expect(await progress.getAttribute('data-rows')).toBe('600000');
    expect(await progress.textContent()).toMatch(/100% .*done · 600,000 lines · 600000 trades/);
  }, 120_000);

  it('shows an API key back masked, never in full', async () => {
    const apiKey = 'AKIAxx91Yq2mRt7bVw3nPz5Kc8Lh0Je4';
    await page.getByTestId('key-exchange').fill('binanceusdm');
    await page.getByTestId('key-api-key').fill(apiKey);
    await page.getByTestId('key-api-secret').fill('very-secret-value-0123456789');
    await page.getByTestId('key-save').click();
    await expect.poll(async () => (await page.getByTestId('key-masked-binanceusdm').textContent()) ?? '', { timeout: 5_000 }).toBe('••••••••0Je4');
    // Neither the page nor its inputs hold the key any longer.
    expect(await page.getByTestId('key-api-key').inputValue()).toBe('');
    expect(await page.content()).not.toContain(apiKey.slice(0, 12));
    await page.getByTestId('alert-webhook').fill('https://discord.com/api/webhooks/42/tokenABCD');
    await page.getByTestId('alert-webhook-save').click();
    await expect.poll(async () => (await page.getByTestId('alert-webhook-masked').textContent()) ?? '').toBe('••••••••ABCD');
    await page.screenshot({ path: join(RESULTS, 'settings.png'), fullPage: true });
  }, 30_000);

  it('restores the layout after the host restarts: the screen, the ticket preset, the no-confirmation mode, the chart timeframe and mode', async () => {
    await page.getByRole('tab', { name: 'Trade' }).click();
    await page.getByTestId('ticket-qty').fill('0.37');
    await page.getByTestId('ticket-stop').fill('2.5');
    await page.getByTestId('ticket-stop-unit').selectOption('points');
    await page.getByTestId('no-confirm').check();
    await page.getByTestId('tf-5m').click();
    await page.getByTestId('fp-mode-delta').click();
    await page.getByRole('tab', { name: 'Data & settings' }).click();
    // Saved by the host a moment after each change.
    await expect.poll(async () => (await host.handlers['settings.layout.get']({})).ticket?.qty, { timeout: 5_000 }).toBe(0.37);
    await expect.poll(async () => (await host.handlers['settings.layout.get']({})).screen).toBe('settings');
    expect((await host.handlers['settings.layout.get']({})).chart).toMatchObject({ timeframe: '5m', mode: 'delta' });

    await fixture.restart();
    bind();
    await expect.poll(() => page.getByTestId('settings-screen').count(), { timeout: 15_000 }).toBe(1);
    await page.getByRole('tab', { name: 'Trade' }).click();
    expect(await page.getByTestId('ticket-qty').inputValue()).toBe('0.37');
    expect(await page.getByTestId('ticket-stop').inputValue()).toBe('2.5');
    expect(await page.getByTestId('ticket-stop-unit').inputValue()).toBe('points');
    expect(await page.getByTestId('no-confirm').isChecked()).toBe(true);
    // A new browser (nothing in its local storage): the chart's timeframe and mode come from the host.
    await expect.poll(() => page.getByTestId('tf-5m').getAttribute('class')).toBe('on');
    expect(await page.getByTestId('fp-mode-delta').getAttribute('class')).toBe('on');
    // And the key survived too, still masked.
    expect((await host.handlers['settings.keys.list']({}))[0]?.apiKeyMasked).toBe('••••••••0Je4');
  }, 60_000);
});
