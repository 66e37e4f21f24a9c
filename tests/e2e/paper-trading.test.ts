// One-click paper trading in the browser: a market buy with its bracket opens a position whose
// fill shows in the fills list and whose entry, stop and targets are drawn; flatten closes it.

import { mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDefaultHost, type Host } from '../../native/host/host';
import { Store } from '../../native/store/store';
import { openAppInBrowser, type AppInBrowser } from '../support/app-in-browser';
import { hasChromium, NO_CHROMIUM_REASON } from '../support/browser';

const RESULTS = join(process.cwd(), 'test-results');
const enabled = hasChromium();

describe.skipIf(!enabled)(`one-click paper trading ${enabled ? '' : NO_CHROMIUM_REASON}`, () => {
  let store: Store;
  let host: Host;
  let app: AppInBrowser;
  let page: Page;

  beforeAll(async () => {
    mkdirSync(RESULTS, { recursive: true });
    store = Store.open(join(mkdtempSync(join(tmpdir(), 'auctioneer-e2e-paper-')), 's.db'));
    host = createDefaultHost({ shell: 'web', version: '0.0.0-e2e', seed: 4, historyMinutes: 30, store });
    await host.start();
    app = await openAppInBrowser(host);
    page = app.page;
  });

  afterAll(async () => {
    await app?.close();
    await host?.stop();
    store?.close();
  });

  it('buys at market with a bracket, shows the fill and the position, and flattens', async () => {
    await expect.poll(() => page.getByTestId('paper-position').count(), { timeout: 15_000 }).toBe(1);
    await page.getByTestId('ticket-qty').fill('0.5');
    await page.getByTestId('ticket-stop').fill('200');
    await page.getByTestId('ticket-targets').fill('300,600');
    await page.getByTestId('buy-market').click();
    // The entry fills on the next quote: the position and the fill appear.
    await expect.poll(async () => (await page.getByTestId('paper-position').textContent()) ?? '', { timeout: 10_000 }).toMatch(/long 0\.5 @ \d+\.\d/);
    await expect.poll(async () => (await page.getByTestId('paper-fills').textContent()) ?? '', { timeout: 5_000 }).toMatch(/entry buy 0\.5/);
    const state = await host.handlers['paper.state']({});
    expect(state.positionQty).toBe(0.5);
    // The bracket sits where the preset put it, in ticks from the price the order was placed at.
    expect(state.stop).not.toBeNull();
    expect(state.targets).toHaveLength(2);
    expect((state.targets[0] ?? 0) - (state.stop ?? 0)).toBe(500);
    expect((state.targets[1] ?? 0) - (state.targets[0] ?? 0)).toBe(300);
    // The fill is in the store's journal: acknowledged means durable.
    const journaled = store.statement(`SELECT COUNT(*) AS n FROM paper_journal WHERE kind = 'order-filled'`).get() as { n: number };
    expect(journaled.n).toBeGreaterThanOrEqual(1);
    // The trader is told: an alert toast for the opened position.
    await expect.poll(async () => (await page.getByTestId('alerts').textContent()) ?? '', { timeout: 5_000 }).toMatch(/Long 0\.5 opened/);
    await page.screenshot({ path: join(RESULTS, 'paper-trading.png') });

    await page.getByTestId('flatten').click();
    await expect.poll(async () => (await page.getByTestId('paper-position').textContent()) ?? '', { timeout: 10_000 }).toMatch(/flat/);
    expect((await host.handlers['paper.state']({})).positionQty).toBe(0);
  }, 60_000);
});
