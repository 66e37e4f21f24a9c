// Strategies from the app: a seed 003 run started from the Strategies screen on the simulated
// market at max speed trades, its fills, signals and monitoring log appear, and it stops — the
// same durable paper run the CLI uses (its fills are in the store's journal).

import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { createDefaultHost, type Host } from '../../native/host/host';
import type { Store } from '../../native/store/store';
import { RESULTS, useAppInBrowser } from '../support/app-in-browser';
import { hasChromium, NO_CHROMIUM_REASON } from '../support/browser';

const enabled = hasChromium();

describe.skipIf(!enabled)(`strategies on paper from the app ${enabled ? '' : NO_CHROMIUM_REASON}`, () => {
  let store: Store;
  let host: Host;
  let page: Page;
  const fixture = useAppInBrowser({ name: 'strategies', host: ({ store: s }) => createDefaultHost({ shell: 'web', version: '0.0.0-e2e', seed: 4, historyMinutes: 30, store: s }) });
  beforeAll(() => {
    ({ store, host, page } = fixture);
  });

  it('starts seed 003 at max speed, shows it running with fills, signals and its log, and stops it', async () => {
    await page.getByRole('tab', { name: 'Strategies' }).click();
    await page.getByTestId('strategy-seed003-value-area').click();
    // The parameter form comes from the strategy's schema, with the seed's defaults.
    const accept = page.getByTestId('strategy-params').getByLabel('Accept outside k');
    await expect.poll(() => accept.inputValue()).toBe('3');
    await accept.fill('1');
    await page.getByTestId('run-seed').fill('5');
    await page.getByTestId('start-run').click();

    const row = page.locator('[data-testid^="run-seed003-value-area-"]');
    await expect.poll(async () => (await row.getByTestId('run-state').textContent()) ?? '', { timeout: 10_000 }).toBe('running');
    // Fills, signals with their reason codes, and the order lifecycle in the log.
    await expect.poll(async () => (await page.getByTestId('run-fills').locator('tbody tr').count()), { timeout: 30_000 }).toBeGreaterThanOrEqual(2);
    await expect.poll(async () => (await page.getByTestId('run-fills').textContent()) ?? '').toMatch(/entry(buy|sell)/);
    await expect.poll(async () => (await page.getByTestId('run-signals').textContent()) ?? '').toMatch(/taken/);
    await expect.poll(async () => (await page.getByTestId('run-log').textContent()) ?? '').toMatch(/fill entry (buy|sell) 1 @ \d+\.\d, fee \d+\.\d+, slippage/);
    await page.screenshot({ path: join(RESULTS, 'strategies.png') });

    await row.getByTestId('stop-run').click();
    await expect.poll(async () => (await row.getByTestId('run-state').textContent()) ?? '', { timeout: 10_000 }).toBe('stopped');
    // The run is the durable paper run: what the screen counts is what the journal holds.
    const runId = ((await row.getAttribute('data-testid')) ?? '').replace(/^run-/, '');
    const { runs } = await host.handlers['strategies.runs']({});
    const run = runs.find((r) => r.runId === runId)!;
    expect(run.state).toBe('stopped');
    const journaled = store.statement(`SELECT COUNT(*) AS n FROM paper_journal j JOIN paper_accounts a ON a.id = j.account_id WHERE a.name = ? AND j.kind = 'order-filled'`).get(runId) as { n: number };
    expect(run.account.fills).toBe(journaled.n);
    expect(journaled.n).toBeGreaterThanOrEqual(2);
    await expect.poll(async () => (await page.getByTestId('run-account').textContent()) ?? '').toContain('stopped');
  }, 90_000);
});
