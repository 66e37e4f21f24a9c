// The chart in Chromium (web mode), measured as a trader uses it. Two figures:
// - chart.pan_frame_ms: main-thread time of one frame while dragging the chart (from the frame's
//   render callback to the end of the last plugin's draw), with 500 bars in view each carrying
//   its footprint (the viewport is made 15,200 px wide so the 500 bars get 28 px slots and are
//   drawn as shaded footprint cells); p95 over the drag. Also reported: the rAF-to-rAF interval
//   (what the screen gets, raster included) and the same drag at a readable zoom with numbers.
// - chart.trade_to_pixels_ms: from the scripted feed handing a trade to the host (Date.now() in
//   Node) to the chart's canvas pixels differing (Date.now() in the page, checked after every
//   animation frame); the trade makes a new high, so the forming candle must change. Includes
//   the host's push (immediate after a quiet spell, else at most one per 16 ms frame), the
//   WebSocket, validation, the store and the redraw.
// Software rendering (--disable-gpu) on a shared 2-core machine: figures are pessimistic.

import type { Page } from 'playwright-core';
import { hasChromium } from '../../tests/support/browser';
import { openAppInBrowser } from '../../tests/support/app-in-browser';
import { asEvents, chartTrades } from '../../tests/support/chart-trades';
import { ScriptedFeed, scriptedHost } from '../../tests/support/scripted-feed';
import { percentile, report } from './report';

class QuietFeed extends ScriptedFeed {
  readonly staleAfterMs = null;
}

interface BenchHook {
  frames: number[];
  view?: { visible: number; offset: number };
  redraw?: () => void;
}

async function drag(page: Page, moves: number): Promise<{ frames: number[]; intervals: number[] }> {
  // As source text: tsx would wrap named functions in a helper the page does not have.
  await page.evaluate(`(() => {
    window.__auctioneerBench.frames.length = 0;
    window.__intervals = [];
    window.__rafOn = true;
    let last = performance.now();
    const loop = (now) => {
      window.__intervals.push(now - last);
      last = now;
      if (window.__rafOn) requestAnimationFrame(loop);
    };
    requestAnimationFrame(loop);
  })()`);
  const box = (await page.getByTestId('candle-chart').boundingBox())!;
  const y = box.y + box.height / 2;
  let x = box.x + box.width / 2;
  await page.mouse.move(x, y);
  await page.mouse.down();
  for (let i = 0; i < moves; i++) {
    // Back and forth, so the view stays over data.
    x += i % 80 < 40 ? 7 : -7;
    await page.mouse.move(x, y);
  }
  await page.mouse.up();
  return page.evaluate(() => {
    const w = window as unknown as { __intervals: number[]; __rafOn: boolean; __auctioneerBench: BenchHook };
    w.__rafOn = false;
    return { frames: [...w.__auctioneerBench.frames], intervals: w.__intervals.slice(2) };
  });
}

async function main(): Promise<void> {
  if (!hasChromium()) {
    console.error('chart bench skipped: no Chromium at /usr/bin/chromium');
    return;
  }
  const feed = new QuietFeed();
  const { host } = await scriptedHost(feed);
  const start = Date.UTC(2026, 10, 20, 3, 0);
  const trades = chartTrades(700, 90, start);
  feed.push(...asEvents(trades));
  const app = await openAppInBrowser(host, (page) => {
    void page.addInitScript(() => {
      (window as unknown as { __auctioneerBench: BenchHook }).__auctioneerBench = { frames: [] };
      localStorage.setItem('auctioneer.chart', JSON.stringify({ timeframe: '1m', mode: 'bidask', step: 'auto', profileKind: 'session' }));
    });
  });
  const { page } = app;
  try {
    await page.waitForFunction(() => Number(document.querySelector('[data-testid=candle-chart]')?.getAttribute('data-candles-drawn')) > 100, undefined, { timeout: 30_000 });

    // 500 bars with footprint cells on screen.
    await page.setViewportSize({ width: 15_200, height: 900 });
    await page.evaluate(() => {
      const hook = (window as unknown as { __auctioneerBench: BenchHook }).__auctioneerBench;
      hook.view!.visible = 500;
      hook.view!.offset = 0;
      hook.redraw!();
    });
    await page.waitForFunction(() => Number(document.querySelector('[data-testid=candle-chart]')?.getAttribute('data-footprint-bars')) >= 490, undefined, { timeout: 60_000 });
    const bars = Number(await page.getByTestId('candle-chart').getAttribute('data-footprint-bars'));
    await drag(page, 20); // warm-up
    const wide = await drag(page, 160);
    const workload500 = `drag of 160 mouse moves over ${bars} 1m bars drawn as footprint cells (28 px slots, 15,200x900 viewport, Debian Chromium, software raster), ${wide.frames.length} frames`;
    report({ name: 'chart.pan_frame_ms.p95', value: percentile(wide.frames, 95), unit: 'ms', workload: workload500, target: 'p95 < 16 ms' });
    report({ name: 'chart.pan_frame_ms.median', value: percentile(wide.frames, 50), unit: 'ms', workload: workload500 });
    report({ name: 'chart.pan_frame_interval_ms.p95', value: percentile(wide.intervals, 95), unit: 'ms', workload: `${workload500}; rAF-to-rAF, raster included` });

    // A trader's screen: 1440x860, zoomed in until the cells carry numbers.
    await page.setViewportSize({ width: 1440, height: 860 });
    await page.evaluate(() => {
      const hook = (window as unknown as { __auctioneerBench: BenchHook }).__auctioneerBench;
      hook.view!.visible = 7;
      hook.view!.offset = 0;
      hook.redraw!();
    });
    await page.waitForFunction(() => document.querySelector('[data-testid=candle-chart]')?.getAttribute('data-footprint-text') === 'yes', undefined, { timeout: 30_000 });
    await drag(page, 20);
    const near = await drag(page, 160);
    const workloadText = `drag of 160 mouse moves at 7 bars with numbers in the cells (1440x860), ${near.frames.length} frames`;
    report({ name: 'chart.pan_frame_ms.text.p95', value: percentile(near.frames, 95), unit: 'ms', workload: workloadText, target: 'p95 < 16 ms' });
    report({ name: 'chart.pan_frame_interval_ms.text.p95', value: percentile(near.intervals, 95), unit: 'ms', workload: `${workloadText}; rAF-to-rAF, raster included` });

    // Trade to pixels: back to the live edge, then one new-high trade at a time.
    await page.evaluate(() => {
      const hook = (window as unknown as { __auctioneerBench: BenchHook }).__auctioneerBench;
      hook.view!.visible = 60;
      hook.view!.offset = 0;
      hook.redraw!();
    });
    await page.waitForTimeout(500);
    const latencies: number[] = [];
    let last = trades[trades.length - 1]!;
    let high = Math.max(...trades.slice(-2_000).map((t) => t.price));
    for (let i = 0; i < 25; i++) {
      await page.evaluate(`(() => {
        const canvas = document.querySelector('[data-testid=candle-chart] canvas');
        const ctx = canvas.getContext('2d');
        const sum = () => {
          const d = ctx.getImageData(0, 0, canvas.width, canvas.height).data;
          let s = 0;
          for (let k = 0; k < d.length; k += 28) s = (s * 31 + d[k]) >>> 0;
          return s;
        };
        const before = sum();
        window.__changedAt = 0;
        window.__watch = true;
        const check = () => {
          if (!window.__watch) return;
          if (sum() !== before) {
            window.__changedAt = Date.now();
            window.__watch = false;
            return;
          }
          requestAnimationFrame(() => setTimeout(check, 0));
        };
        requestAnimationFrame(() => setTimeout(check, 0));
      })()`);
      high += 40;
      last = { ts: last.ts + 200, price: high, size: 1.5, side: 1 };
      const sent = Date.now();
      feed.push({ kind: 'trade', trade: last });
      await page.waitForFunction(() => (window as unknown as { __changedAt: number }).__changedAt > 0, undefined, { timeout: 5_000 });
      const changedAt = await page.evaluate(() => (window as unknown as { __changedAt: number }).__changedAt);
      latencies.push(changedAt - sent);
      await page.waitForTimeout(150);
    }
    const workloadLatency = `${latencies.length} single trades making a new high, each timed from the feed handing it to the host to the first animation frame whose canvas differs (1440x860, 60 bars in view)`;
    report({ name: 'chart.trade_to_pixels_ms.p95', value: percentile(latencies, 95), unit: 'ms', workload: workloadLatency, target: '< 50 ms' });
    report({ name: 'chart.trade_to_pixels_ms.median', value: percentile(latencies, 50), unit: 'ms', workload: workloadLatency });
  } finally {
    await app.close();
    await host.stop();
  }
}

await main();
