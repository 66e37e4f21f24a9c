// The daily chart of an exchange market shows the store's history, not only the session's
// minutes: 60 stored days of 1m bars become daily candles before the session's own.

import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BTCUSDT_PERP } from '../../core/market/instrument';
import { Host } from '../../native/host/host';
import { MarketSession } from '../../native/host/market-session';
import type { BarRow } from '../../native/store/store-types';
import { RESULTS, useAppInBrowser } from '../support/app-in-browser';
import { hasChromium, NO_CHROMIUM_REASON } from '../support/browser';
import { asEvents, chartTrades } from '../support/chart-trades';
import { ScriptedFeed } from '../support/scripted-feed';

const enabled = hasChromium();
const DAY = 86_400_000;

/** `days` of 1m bars ending at `endTs`, a slow sine around 90,000 ticks (9,000 USD). */
function storedMinutes(endTs: number, days: number): BarRow[] {
  const rows: BarRow[] = [];
  for (let ts = endTs - days * DAY; ts < endTs; ts += 60_000) {
    const mid = 900_000 + Math.round(20_000 * Math.sin(ts / (9 * DAY)) + 3_000 * Math.sin(ts / 40_000_000));
    rows.push({ ts, open: mid, high: mid + 40, low: mid - 40, close: mid + 5, volume: 2, vwap: mid, trades: 4, buyVolume: 1.2, sellVolume: 0.8 });
  }
  return rows;
}

const SESSION_START = Date.UTC(2026, 10, 20, 9, 0);

describe.skipIf(!enabled)(`the daily chart with stored history ${enabled ? '' : NO_CHROMIUM_REASON}`, () => {
  const feed = new ScriptedFeed();
  const fixture = useAppInBrowser({
    name: 'history',
    seed: ({ store }) => store.upsertBars(store.ensureInstrument(BTCUSDT_PERP), 60, storedMinutes(SESSION_START, 60), 'import:test'),
    host: ({ store, dir }) =>
      new Host({
        shell: 'web',
        version: '0.0.0-e2e',
        feeds: { sources: [{ source: 'exchange', available: true, note: 'scripted' }], provide: async () => ({ feed, dispose: async () => {} }) },
        initialFeed: { source: 'exchange', exchange: 'binanceusdm', symbol: 'BTC/USDT:USDT' },
        createSession: (f) => new MarketSession(f),
        store,
        replayInstrument: BTCUSDT_PERP,
        settings: { dataDir: dir },
      }),
    started: () => feed.push(...asEvents(chartTrades(120, 30, SESSION_START))),
    beforeLoad: (page) => void page.addInitScript(() => localStorage.setItem('auctioneer.chart', JSON.stringify({ timeframe: '1m', mode: 'bidask', step: 'auto', profileKind: 'session' }))),
  });

  it('draws the stored days before the session, and only the session at 1m', async () => {
    const sessionStart = SESSION_START;
    const page = fixture.page;
    const chart = page.getByTestId('candle-chart');
    await expect.poll(async () => Number(await chart.getAttribute('data-candles-drawn')), { timeout: 15_000 }).toBe(120);

    await page.getByTestId('tf-1d').click();
    // 60 stored days from 09:00 on 2026-09-21 touch 61 calendar days (the first from 09:00, the
    // last up to 09:00 and merged with the session), all in the default 120-bar view.
    await expect.poll(async () => Number(await chart.getAttribute('data-candles-drawn')), { timeout: 15_000 }).toBe(61);
    const shown = JSON.parse((await chart.getAttribute('data-bars-shown')) ?? '[]') as Array<{ ts: number; v: number }>;
    const today = shown[shown.length - 1]!;
    expect(today.ts).toBe(Date.UTC(2026, 10, 20));
    // 9 stored hours (540 minutes of volume 2) and the session's 120 minutes of trades.
    const sessionVolume = chartTrades(120, 30, sessionStart).reduce((s, t) => s + t.size, 0);
    expect(today.v).toBeCloseTo(540 * 2 + sessionVolume, 6);
    expect(shown[shown.length - 2]).toMatchObject({ ts: Date.UTC(2026, 10, 19), v: 1440 * 2 });
    // The readout of the newest day counts the stored morning too.
    expect(await page.getByTestId('bar-readout').textContent()).toContain(`Vol ${today.v.toFixed(3)}`);
    await page.screenshot({ path: join(RESULTS, 'chart-1d-history.png') });

    await page.getByTestId('tf-4h').click();
    // 60 days of six 4h bars = 360, the view holds the newest 120.
    await expect.poll(async () => Number(await chart.getAttribute('data-candles-drawn')), { timeout: 15_000 }).toBeGreaterThanOrEqual(119);
    await page.getByTestId('tf-1m').click();
    await expect.poll(async () => Number(await chart.getAttribute('data-candles-drawn')), { timeout: 15_000 }).toBe(120);
  });
});
