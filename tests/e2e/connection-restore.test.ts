// A saved connection that cannot be restored at start: the app says so in a banner naming the
// connection and the error, shows the simulated market it fell back to, and offers the saved
// connection again in Data & settings.

import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { simFeedProvider, type FeedProviders } from '../../native/host/feed-provider';
import { createDefaultHost } from '../../native/host/host';
import { RESULTS, useAppInBrowser } from '../support/app-in-browser';
import { hasChromium, NO_CHROMIUM_REASON } from '../support/browser';

const enabled = hasChromium();

/** The simulated market works; the exchange is unreachable, as on a machine offline. */
const feeds: FeedProviders = {
  sources: [
    { source: 'sim', available: true, note: 'built-in simulated BTCUSDT perpetual' },
    { source: 'exchange', available: true, note: 'a real exchange through ccxt.pro' },
  ],
  provide: async (choice, context) => {
    if (choice.source === 'exchange') throw new Error(`could not load ${choice.exchange} markets (is the internet reachable?)`);
    return { ...(await simFeedProvider(10)(choice, context)) };
  },
};

describe.skipIf(!enabled)(`restoring the chosen connection ${enabled ? '' : NO_CHROMIUM_REASON}`, () => {
  const fixture = useAppInBrowser({
    name: 'connection',
    // The trader connected an exchange last time (kept by the host when the connect succeeded).
    seed: ({ store }) =>
      store.statement('INSERT INTO app_settings (name, value_json, updated_at) VALUES (?, ?, ?)').run('connection', JSON.stringify({ source: 'exchange', exchange: 'binanceusdm', symbol: 'BTC/USDT:USDT' }), Date.now()),
    host: ({ store, dir }) => createDefaultHost({ shell: 'web', version: '0.0.0-e2e', seed: 2, historyMinutes: 10, store, dataDir: dir, feeds }),
  });

  it('falls back to the simulated market with a banner saying which connection failed and why', async () => {
    const page = fixture.page;
    const notice = page.getByTestId('restore-notice');
    await expect.poll(async () => (await notice.textContent()) ?? '', { timeout: 15_000 }).toMatch(
      /Could not reconnect to binanceusdm BTC\/USDT:USDT through ccxt.*could not load binanceusdm markets.*Showing the simulated market \(seed 2\) instead/,
    );
    await expect.poll(() => page.getByTestId('candle-chart').getAttribute('data-candles-drawn'), { timeout: 15_000 }).not.toBe('0');
    await page.screenshot({ path: join(RESULTS, 'connection-restore-failed.png') });

    // Data & settings offers the saved connection again, with the reason.
    await page.getByRole('tab', { name: 'Data & settings' }).click();
    await expect.poll(() => page.getByTestId('connection-source').inputValue(), { timeout: 10_000 }).toBe('exchange');
    expect(await page.getByTestId('connection-exchange').inputValue()).toBe('binanceusdm');
    expect(await page.getByTestId('connection-message').textContent()).toMatch(/Not restored at start: could not load binanceusdm markets/);

    // Connecting the simulated market on purpose clears the banner.
    await page.getByTestId('connection-source').selectOption('sim');
    await page.getByTestId('connection-connect').click();
    await expect.poll(() => notice.count(), { timeout: 10_000 }).toBe(0);
  });
});
