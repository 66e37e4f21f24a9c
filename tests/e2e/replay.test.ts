// Replay in the browser: pick the replay feed, play stored ticks at 1000x, pause, step a bar,
// and see the chart build up as if live.

import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { appFeedProviders } from '../../native/host/feed-providers';
import { createDefaultHost } from '../../native/host/host';
import { RESULTS, useAppInBrowser } from '../support/app-in-browser';
import { hasChromium, NO_CHROMIUM_REASON } from '../support/browser';
import { storeSimulatedTicks } from '../support/sim-store';
const enabled = hasChromium();
const START = Date.UTC(2026, 0, 5, 9, 0);

describe.skipIf(!enabled)(`replay of stored ticks in the browser ${enabled ? '' : NO_CHROMIUM_REASON}`, () => {
  let page: Page;
  const fixture = useAppInBrowser({
    name: 'replay',
    seed: ({ store: s }) => storeSimulatedTicks(s, 60_000, 21, START),
    host: ({ store: s }) => createDefaultHost({ shell: 'web', version: '0.0.0-e2e', historyMinutes: 30, feeds: appFeedProviders(30, s), store: s }),
  });
  beforeAll(() => {
    ({ page } = fixture);
  });

  it('plays, pauses and steps a stored day, the chart building up from the replay clock', async () => {
    await expect.poll(() => page.getByTestId('feed-source').count(), { timeout: 15_000 }).toBe(1);
    await page.getByTestId('feed-source').selectOption('replay');
    await expect.poll(() => page.getByTestId('replay-bar').count(), { timeout: 15_000 }).toBe(1);
    expect(await page.getByTestId('replay-clock').textContent()).toContain('2026-01-05 09:00');
    const drawn = async (): Promise<number> => Number(await page.getByTestId('candle-chart').getAttribute('data-candles-drawn'));

    // 120x: the stored 25 minutes take ~12 s, room to pause on a loaded machine (at 1000x the
    // replay could end before the pause click landed).
    await page.getByTestId('replay-speed').selectOption('120');
    await page.getByTestId('replay-play').click();
    await expect.poll(drawn, { timeout: 15_000 }).toBeGreaterThanOrEqual(10);
    await page.getByTestId('replay-play').click(); // pause
    // Once the host confirmed the pause the button offers Play again; the clock then holds.
    await expect.poll(() => page.getByTestId('replay-play').textContent(), { timeout: 5_000 }).toBe('Play');
    const paused = await page.getByTestId('replay-clock').textContent();
    await page.waitForTimeout(500);
    expect(await page.getByTestId('replay-clock').textContent()).toBe(paused);

    const before = await drawn();
    await page.getByTestId('replay-step').click();
    // A step completes the bar in progress: the clock lands on a whole minute.
    await expect.poll(async () => (await page.getByTestId('replay-clock').textContent())?.slice(14, 19), { timeout: 5_000 }).toMatch(/^\d\d:00$/);
    await expect.poll(drawn, { timeout: 5_000 }).toBeGreaterThanOrEqual(before);
    await page.screenshot({ path: join(RESULTS, 'replay.png') });
  }, 60_000);
});
