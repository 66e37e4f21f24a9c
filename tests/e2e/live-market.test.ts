// The foundation's end-to-end check: web mode serves the built UI, the browser opens it with
// its token, and candles built from the simulated market's streamed trades appear and update.

import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { appFeedProviders } from '../../native/host/feed-providers';
import { createDefaultHost, type Host } from '../../native/host/host';
import { groupFootprintLevels } from '../../core/profile/footprint-views';
import { RESULTS, useAppInBrowser } from '../support/app-in-browser';
import { hasChromium, NO_CHROMIUM_REASON } from '../support/browser';

const enabled = hasChromium();

describe.skipIf(!enabled)(`live simulated market in the browser ${enabled ? '' : NO_CHROMIUM_REASON}`, () => {
  let host: Host;
  let page: Page;
  const pageErrors: string[] = [];

  // The market alone (no store): the simulated market and the local exchange simulator.
  const fixture = useAppInBrowser({
    name: 'live',
    host: () => createDefaultHost({ shell: 'web', version: '0.0.0-e2e', seed: 3, historyMinutes: 60, feeds: appFeedProviders(60) }),
    beforeLoad: (p) => {
      p.on('pageerror', (e) => pageErrors.push(e.message));
      p.on('console', (m) => {
        if (m.type() === 'error') pageErrors.push(m.text());
      });
    },
  });
  beforeAll(() => {
    ({ host, page } = fixture);
  });

  it('draws the candles of the streamed history and keeps updating the forming one', async () => {
    const chart = page.getByTestId('candle-chart');
    await expect.poll(async () => Number(await chart.getAttribute('data-candles-drawn')), { timeout: 15_000 }).toBeGreaterThanOrEqual(60);

    // The number of candles drawn is the number of 1m bars the host built (60 min of history
    // plus the forming minute), all inside the default 120-bar view.
    const snapshot = await host.handlers['market.snapshot']({ symbol: 'BTCUSDT' });
    const drawn = Number(await chart.getAttribute('data-candles-drawn'));
    expect(Math.abs(drawn - snapshot.bars.length)).toBeLessThanOrEqual(1);

    // Streaming: the forming bar's trade count grows as trades arrive.
    const readout = page.getByTestId('bar-readout');
    const tradesIn = async (): Promise<number> => Number(/Trades (\d+)/.exec((await readout.textContent()) ?? '')?.[1] ?? 0);
    const before = await tradesIn();
    await expect.poll(tradesIn, { timeout: 10_000 }).not.toBe(before);

    await expect.poll(() => page.getByTestId('connection-status').getAttribute('data-state')).toBe('live');
    expect(await page.getByTestId('last-price').textContent()).toMatch(/^\d+\.\d$/);
    expect(await page.getByTestId('spread').textContent()).toMatch(/tick/);
    // SharedArrayBuffer needs cross-origin isolation (COOP/COEP from the server).
    expect(await page.evaluate(() => self.crossOriginIsolated)).toBe(true);
  });

  it('shows the last closed minute\'s auction state and order flow as the host computed them', async () => {
    await expect.poll(() => page.getByTestId('market-state').count(), { timeout: 15_000 }).toBe(1);
    await expect
      .poll(async () => {
        const { features } = await host.handlers['market.snapshot']({ symbol: 'BTCUSDT' });
        const shown = (await page.getByTestId('of-1m').textContent()) ?? '';
        return features !== null && features.of1m !== null && shown.startsWith(`${features.of1m > 0 ? '+' : ''}${features.of1m.toFixed(3)}`);
      }, { timeout: 10_000 })
      .toBe(true);
    expect(await page.getByTestId('session').textContent()).toMatch(/Asia|London|New York|between sessions/);
    expect(await page.getByTestId('cvd-pane').locator('canvas').count()).toBeGreaterThan(0);
  });

  it('shows the rolling value area the profile worker computed', async () => {
    await expect.poll(async () => (await page.getByTestId('poc').count()) > 0, { timeout: 15_000 }).toBe(true);
    // The header and the host agree (both come from the worker's shared-memory snapshot).
    await expect
      .poll(async () => {
        const snapshot = await host.handlers['market.snapshot']({ symbol: 'BTCUSDT' });
        const shown = Number.parseFloat((await page.getByTestId('poc').textContent()) ?? '');
        return snapshot.profile?.valid === true && Math.round(shown * 10) === snapshot.profile.poc;
      }, { timeout: 10_000 })
      .toBe(true);
    expect(await page.getByTestId('value-area').textContent()).toMatch(/\d+\.\d – \d+\.\d/);
    // The rolling profile beside the chart draws the worker's POC, VAH and VAL.
    await page.getByTestId('profile-kind').selectOption('rolling');
    await expect
      .poll(async () => {
        const { profile } = await host.handlers['market.snapshot']({ symbol: 'BTCUSDT' });
        const lines = JSON.parse((await page.getByTestId('candle-chart').getAttribute('data-levels')) || '[]') as { name: string; label: string }[];
        const poc = lines.find((l) => l.name === 'POC')?.label;
        return profile?.valid === true && poc === `POC ${(profile.poc / 10).toFixed(1)}`;
      }, { timeout: 10_000 })
      .toBe(true);
    expect(Number(await page.getByTestId('candle-chart').getAttribute('data-profile-rows'))).toBeGreaterThan(5);
    await page.screenshot({ path: join(RESULTS, 'chart-profile-rolling.png') });
    await page.getByTestId('profile-kind').selectOption('session');
  });

  it('switches the feed from the picker and reloads the chart for the new market', async () => {
    const picker = page.getByTestId('feed-source');
    await expect.poll(() => picker.count()).toBe(1);
    expect(await picker.inputValue()).toBe('sim');
    const before = await page.getByTestId('last-price').textContent();
    // Reconnecting the simulated market (a new seed from the host side) resets what is shown.
    await host.connect({ source: 'sim', seed: 99 });
    await expect.poll(async () => (await page.getByTestId('last-price').textContent()) !== before, { timeout: 10_000 }).toBe(true);
    await expect.poll(async () => Number(await page.getByTestId('candle-chart').getAttribute('data-candles-drawn')), { timeout: 10_000 }).toBeGreaterThanOrEqual(60);
  });

  it('connects the local exchange simulator through ccxt from the feed picker, and back', async () => {
    await page.getByTestId('feed-source').selectOption('exchange-sim');
    // The status names the ccxt feed (binanceusdm against 127.0.0.1), and it goes live.
    await expect.poll(() => page.getByTestId('connection-status').textContent(), { timeout: 20_000 }).toMatch(/binanceusdm.*live/);
    expect(await page.getByTestId('feed-source').inputValue()).toBe('exchange-sim');
    // Trades stream in through ccxt: after the reset, time and sales fills up again.
    await expect.poll(async () => (await page.getByTestId('time-and-sales').locator('li').count()) > 5, { timeout: 20_000 }).toBe(true);
    await page.screenshot({ path: join(RESULTS, 'exchange-sim-feed.png') });
    await page.getByTestId('feed-source').selectOption('sim');
    await expect.poll(async () => Number(await page.getByTestId('candle-chart').getAttribute('data-candles-drawn')), { timeout: 15_000 }).toBeGreaterThanOrEqual(60);
  }, 60_000);

  it('zooming in turns candles into footprint cells whose bid x ask are the host footprint for that bar', async () => {
    const chart = page.getByTestId('candle-chart');
    const box = (await chart.boundingBox())!;
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    for (let i = 0; i < 30; i++) await page.mouse.wheel(0, -100);
    await page.mouse.move(2, 2);
    await expect.poll(async () => await chart.getAttribute('data-footprint-text'), { timeout: 10_000 }).toBe('yes');
    expect(Number(await chart.getAttribute('data-footprint-bars'))).toBeGreaterThan(3);
    // The last bar drawn as cells, checked against what the host computed for the same bar.
    await expect
      .poll(async () => {
        const sample = JSON.parse((await chart.getAttribute('data-footprint-sample')) || 'null') as { ts: number; levelTicks: number; firstLevelPrice: number; bid: number[]; ask: number[] } | null;
        if (!sample) return false;
        const { bars, levelTicks } = await host.handlers['market.footprint']({ symbol: 'BTCUSDT', fromTs: sample.ts, toTs: sample.ts + 1 });
        // The automatic price step may group the host's 1-USD levels (the core's grouping).
        const bar = bars[0] && groupFootprintLevels(bars[0], sample.levelTicks / levelTicks);
        // The forming bar may have moved on between the two reads: compare closed bars exactly.
        return !!bar && bar.firstLevelPrice === sample.firstLevelPrice && JSON.stringify(bar.bid) === JSON.stringify(sample.bid) && JSON.stringify(bar.ask) === JSON.stringify(sample.ask);
      }, { timeout: 10_000 })
      .toBe(true);
    await page.screenshot({ path: join(RESULTS, 'footprint.png') });
    // Zooming back out collapses the cells to candles.
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    for (let i = 0; i < 25; i++) await page.mouse.wheel(0, 100);
    await page.mouse.move(2, 2);
    await expect.poll(async () => await chart.getAttribute('data-footprint-bars'), { timeout: 10_000 }).toBe('0');
  }, 60_000);

  it('paints green and red candles on the canvas', async () => {
    // A fresh page: the default zoom (earlier tests zoomed in and out).
    await page.reload();
    await expect.poll(async () => Number(await page.getByTestId('candle-chart').getAttribute('data-candles-drawn')), { timeout: 15_000 }).toBeGreaterThanOrEqual(60);
    const counts = await page.evaluate(() => {
      const canvas = document.querySelector('[data-testid=candle-chart] canvas') as HTMLCanvasElement;
      const ctx = canvas.getContext('2d');
      if (!ctx) return { up: 0, down: 0 };
      const { data } = ctx.getImageData(0, 0, canvas.width, canvas.height);
      let up = 0;
      let down = 0;
      for (let i = 0; i < data.length; i += 4) {
        const [r, g, b, a] = [data[i], data[i + 1], data[i + 2], data[i + 3]];
        if (a !== 255) continue;
        if (r === 0x26 && g === 0xa6 && b === 0x9a) up++;
        if (r === 0xef && g === 0x53 && b === 0x50) down++;
      }
      return { up, down };
    });
    // Both colours are painted (a trending hour may have few candles of one colour).
    expect(counts.up).toBeGreaterThan(20);
    expect(counts.down).toBeGreaterThan(20);
    expect(counts.up + counts.down).toBeGreaterThan(500);
    await page.screenshot({ path: join(RESULTS, 'live-market.png') });
    expect(pageErrors).toEqual([]);
  });

  it('keeps the header one row of the same height while prices, sizes and status change, at 1440 and 1280 px wide', async () => {
    for (const width of [1440, 1280]) {
      await page.setViewportSize({ width, height: 860 });
      const heights = new Set<number>();
      const chartTops = new Set<number>();
      // Three seconds of live quotes: sizes grow and shrink a digit, the spread changes.
      for (let i = 0; i < 30; i++) {
        const [header, chart] = await Promise.all([page.locator('.market-header').boundingBox(), page.getByTestId('chart-toolbar').boundingBox()]);
        heights.add(Math.round(header!.height));
        chartTops.add(Math.round(chart!.y));
        await page.waitForTimeout(100);
      }
      expect([...heights], `header heights at ${width} px`).toHaveLength(1);
      expect([...heights][0]).toBeLessThanOrEqual(56);
      expect([...chartTops], `chart toolbar top at ${width} px`).toHaveLength(1);
      // The status pill is still on screen, inside the header.
      const status = (await page.getByTestId('connection-status').boundingBox())!;
      expect(status.x + status.width).toBeLessThanOrEqual(width);
      await page.screenshot({ path: join(RESULTS, `header-${width}.png`), clip: { x: 0, y: 0, width, height: 120 } });
    }
    await page.setViewportSize({ width: 1440, height: 860 });
  });
});
