// The chart in the browser against the core's own numbers for the same trades: the volume
// profile's POC/VAH/VAL lines, footprint cells in delta, volume and grouped modes, 5m bars, the
// crosshair readout, strategy signals, and the empty / disconnected / stale states.

import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { StrategySignal } from '../../core/api/areas/strategies';
import type { Trade } from '../../core/market/events';
import { computeValueArea } from '../../core/profile/value-area';
import { SessionProfile } from '../../core/profile/session-profile';
import { etSession } from '../../core/profile/sessions';
import type { Host } from '../../native/host/host';
import { openAppInBrowser, type AppInBrowser } from '../support/app-in-browser';
import { hasChromium, NO_CHROMIUM_REASON } from '../support/browser';
import { asEvents, chartTrades } from '../support/chart-trades';
import { ScriptedFeed, scriptedHost } from '../support/scripted-feed';

const RESULTS = join(process.cwd(), 'test-results');
const enabled = hasChromium();
/** 13:00 UTC on a November day is 08:00 in New York: the NY_AM session opens. */
const START = Date.UTC(2026, 10, 20, 13, 0);
const MINUTES = 150;

/** A scripted feed that never reports itself stale on its own (the test says when). */
class QuietFeed extends ScriptedFeed {
  readonly staleAfterMs = null;
}

interface Sample {
  ts: number;
  levelTicks: number;
  firstLevelPrice: number;
  bid: number[];
  ask: number[];
  pocPrice: number;
  shown: string[];
}

/** Bid and ask per level of `levelTicks` ticks of the trades of one bar: the test's own count. */
function cellsOf(trades: readonly Trade[], fromTs: number, toTs: number, levelTicks: number): Map<number, { bid: number; ask: number }> {
  const cells = new Map<number, { bid: number; ask: number }>();
  for (const t of trades) {
    if (t.ts < fromTs || t.ts >= toTs) continue;
    const level = Math.floor(t.price / levelTicks) * levelTicks;
    const c = cells.get(level) ?? { bid: 0, ask: 0 };
    if (t.side === 1) c.ask += t.size;
    else c.bid += t.size;
    cells.set(level, c);
  }
  return cells;
}

async function sampleOf(page: Page): Promise<Sample | null> {
  return JSON.parse((await page.getByTestId('candle-chart').getAttribute('data-footprint-sample')) || 'null') as Sample | null;
}

async function zoom(page: Page, steps: number): Promise<void> {
  const box = (await page.getByTestId('candle-chart').boundingBox())!;
  await page.mouse.move(box.x + box.width / 3, box.y + box.height / 2);
  for (let i = 0; i < Math.abs(steps); i++) await page.mouse.wheel(0, steps < 0 ? -100 : 100);
  await page.mouse.move(2, 2);
}

describe.skipIf(!enabled)(`the chart against the core ${enabled ? '' : NO_CHROMIUM_REASON}`, () => {
  let host: Host;
  let feed: QuietFeed;
  let app: AppInBrowser;
  let page: Page;
  const trades = chartTrades(MINUTES, 120, START);
  const pageErrors: string[] = [];

  beforeAll(async () => {
    mkdirSync(RESULTS, { recursive: true });
    feed = new QuietFeed();
    ({ host } = await scriptedHost(feed));
    feed.push(...asEvents(trades));
    app = await openAppInBrowser(host, (p) => {
      p.on('pageerror', (e) => pageErrors.push(e.message));
      p.on('console', (m) => {
        if (m.type() === 'error') pageErrors.push(m.text());
      });
    });
    page = app.page;
    await page.evaluate(() => localStorage.clear());
    await page.reload();
    await page.waitForFunction(() => Number(document.querySelector('[data-testid=candle-chart]')?.getAttribute('data-candles-drawn')) > 60, undefined, { timeout: 15_000 });
  }, 60_000);

  afterAll(async () => {
    await app?.close();
    await host?.stop();
  });

  it('draws the session profile with its POC, VAH and VAL lines where the core puts them', async () => {
    await page.getByTestId('profile-kind').selectOption('session');
    // The core's session profile over the same trades (closed minutes only, 1-USD bins)...
    const core = new SessionProfile(etSession, { baseBinTicks: 1, binTicks: 10 });
    for (const t of trades) core.addTrade(t.ts, t.price, t.size);
    const levels = core.developing()!.levels;
    expect(levels.valid).toBe(true);
    // ...agrees with the test's own histogram of those trades and value-area rule.
    const lastClosed = trades[trades.length - 1]!.ts - (trades[trades.length - 1]!.ts % 60_000);
    const byLevel = new Map<number, number>();
    for (const t of trades) if (t.ts < lastClosed) byLevel.set(Math.floor(t.price / 10), (byLevel.get(Math.floor(t.price / 10)) ?? 0) + t.size);
    const lo = Math.min(...byLevel.keys());
    const hist = Array.from({ length: Math.max(...byLevel.keys()) - lo + 1 }, (_, i) => byLevel.get(lo + i) ?? 0);
    const va = computeValueArea(hist);
    expect([levels.poc, levels.vah, levels.val]).toEqual([(lo + va.pocIndex) * 10, (lo + va.vahIndex) * 10, (lo + va.valIndex) * 10]);

    const chart = page.getByTestId('candle-chart');
    await expect.poll(async () => JSON.parse((await chart.getAttribute('data-levels')) || '[]').length, { timeout: 10_000 }).toBe(3);
    const lines = JSON.parse((await chart.getAttribute('data-levels'))!) as { name: string; price: number; y: number; label: string }[];
    // The value area spans [VAL bin low, VAH bin top): VAH and VAL lines sit on those edges; the
    // POC line runs through its 1-USD bin's middle and is labelled with the bin's low edge.
    const drawnAt: Record<string, number> = { POC: levels.poc + 5, VAH: levels.vah + 10, VAL: levels.val };
    const labelled: Record<string, number> = { POC: levels.poc, VAH: levels.vah + 10, VAL: levels.val };
    for (const line of lines) {
      expect(line.price).toBeCloseTo(drawnAt[line.name]! * 0.1, 6);
      expect(line.label).toBe(`${line.name} ${(labelled[line.name]! * 0.1).toFixed(1)}`);
    }
    // Read the pixels back: the POC row of the canvas is painted in the POC colour, and the
    // crosshair put on that row reads the POC's price.
    const poc = lines.find((l) => l.name === 'POC')!;
    const golden = await page.evaluate((y) => {
      const canvas = document.querySelector('[data-testid=candle-chart] canvas') as HTMLCanvasElement;
      const row = canvas.getContext('2d')!.getImageData(0, Math.round(y * devicePixelRatio), canvas.width, 1).data;
      let n = 0;
      for (let i = 0; i < row.length; i += 4) if (Math.abs(row[i]! - 0xe3) < 40 && Math.abs(row[i + 1]! - 0xb3) < 40 && Math.abs(row[i + 2]! - 0x41) < 50) n++;
      return n / (row.length / 4);
    }, poc.y);
    expect(golden).toBeGreaterThan(0.3);
    const box = (await chart.boundingBox())!;
    await page.mouse.move(box.x + box.width / 3, box.y + poc.y);
    await expect.poll(async () => Number.parseFloat((await page.getByTestId('crosshair-price').textContent()) ?? 'NaN')).toBeCloseTo(poc.price, 0);
    await page.mouse.move(2, 2);
    expect(Number(await chart.getAttribute('data-profile-rows'))).toBeGreaterThan(20);
    await page.screenshot({ path: join(RESULTS, 'chart-profile.png') });
  });

  it('shows footprint cells in delta and volume mode equal to the trades of the bar', async () => {
    const chart = page.getByTestId('candle-chart');
    await page.getByTestId('fp-step').selectOption('1');
    await zoom(page, -22);
    await expect.poll(async () => chart.getAttribute('data-footprint-text'), { timeout: 10_000 }).toBe('yes');
    for (const mode of ['delta', 'volume', 'bidask'] as const) {
      await page.getByTestId(`fp-mode-${mode}`).click();
      await page.mouse.move(2, 2);
      await expect
        .poll(async () => {
          const s = await sampleOf(page);
          if (!s || s.shown.length === 0) return 'no sample';
          // Closed bars only: the forming one may have moved on between the reads.
          const cells = cellsOf(trades, s.ts, s.ts + 60_000, 10);
          for (let r = 0; r < s.shown.length; r++) {
            const c = cells.get(s.firstLevelPrice + r * 10) ?? { bid: 0, ask: 0 };
            const text = s.shown[r]!;
            if (mode === 'delta' && Math.abs(Number.parseFloat(text) - (c.ask - c.bid)) > 0.0051) return `row ${r}: ${text} vs ${c.ask - c.bid}`;
            if (mode === 'volume' && Math.abs(Number.parseFloat(text) - (c.ask + c.bid)) > 0.0051) return `row ${r}: ${text} vs ${c.ask + c.bid}`;
            if (mode === 'bidask') {
              const [bid, ask] = text.split(' x ').map(Number.parseFloat);
              if (Math.abs(bid! - c.bid) > 0.0051 || Math.abs(ask! - c.ask) > 0.0051) return `row ${r}: ${text} vs ${c.bid} x ${c.ask}`;
            }
          }
          return 'ok';
        }, { timeout: 10_000 })
        .toBe('ok');
      await page.screenshot({ path: join(RESULTS, `chart-footprint-${mode}.png`) });
    }
    // Stacked imbalances are found and marked on this stream's one-sided bursts.
    expect(Number(await chart.getAttribute('data-footprint-stacked'))).toBeGreaterThan(0);
    // Unfinished auctions (both sides traded at a bar's extreme) are marked: count them by hand
    // over the bars drawn as cells (the view's last bars).
    const shownBars = Number(await chart.getAttribute('data-footprint-bars'));
    const newest = trades[trades.length - 1]!.ts - (trades[trades.length - 1]!.ts % 60_000);
    let unfinished = 0;
    for (let b = 0; b < shownBars; b++) {
      const from = newest - b * 60_000;
      const cells = cellsOf(trades, from, from + 60_000, 10);
      const levels = [...cells.keys()].sort((x, y) => x - y);
      const lo = cells.get(levels[0]!)!;
      const hi = cells.get(levels[levels.length - 1]!)!;
      if (hi.bid > 0 && hi.ask > 0) unfinished++;
      if (lo.bid > 0 && lo.ask > 0) unfinished++;
    }
    expect(Number(await chart.getAttribute('data-footprint-unfinished'))).toBe(unfinished);
  }, 60_000);

  it('groups footprint levels by the price step and reads the cell under the crosshair', async () => {
    await page.getByTestId('fp-step').selectOption('5');
    await expect
      .poll(async () => {
        const s = await sampleOf(page);
        if (!s || s.levelTicks !== 50) return false;
        const cells = cellsOf(trades, s.ts, s.ts + 60_000, 50);
        return s.bid.every((b, r) => Math.abs(b - (cells.get(s.firstLevelPrice + r * 50)?.bid ?? 0)) < 1e-9) && s.ask.every((a, r) => Math.abs(a - (cells.get(s.firstLevelPrice + r * 50)?.ask ?? 0)) < 1e-9);
      }, { timeout: 10_000 })
      .toBe(true);
    await page.screenshot({ path: join(RESULTS, 'chart-footprint-step5.png') });
    await page.getByTestId('fp-step').selectOption('1');
    // The crosshair over a cell reads its bid, ask and delta.
    const chart = page.getByTestId('candle-chart');
    const box = (await chart.boundingBox())!;
    let found = '';
    for (let dx = 0.55; dx < 0.8 && !found; dx += 0.03) {
      await page.mouse.move(box.x + box.width * dx, box.y + box.height * 0.45);
      found = (await page.getByTestId('crosshair-readout').textContent().catch(() => '')) ?? '';
      if (!found.includes('bid')) found = '';
    }
    expect(found).toMatch(/@ \d+\.\d \[\d+\.\d–\d+\.\d\) bid [\d.]+ ask [\d.]+ Δ [+-]?[\d.]+/);
    await page.screenshot({ path: join(RESULTS, 'chart-crosshair.png') });
    await page.mouse.move(2, 2);
  }, 30_000);

  it('switches to 5m bars equal to the trades aggregated over five minutes', async () => {
    await page.getByTestId('tf-5m').click();
    const chart = page.getByTestId('candle-chart');
    await expect.poll(() => chart.getAttribute('data-timeframe')).toBe('5m');
    await zoom(page, 10);
    await expect
      .poll(async () => {
        const shown = JSON.parse((await chart.getAttribute('data-bars-shown')) || '[]') as { ts: number; o: number; h: number; l: number; c: number; v: number }[];
        if (shown.length < 3) return `only ${shown.length} bars`;
        for (const b of shown) {
          if (b.ts % 300_000 !== 0) return `bar at ${b.ts} is not on a 5m boundary`;
          const inBar = trades.filter((t) => t.ts >= b.ts && t.ts < b.ts + 300_000);
          const expected = { o: inBar[0]!.price, h: Math.max(...inBar.map((t) => t.price)), l: Math.min(...inBar.map((t) => t.price)), c: inBar[inBar.length - 1]!.price };
          const v = inBar.reduce((s, t) => s + t.size, 0);
          if (b.o !== expected.o || b.h !== expected.h || b.l !== expected.l || b.c !== expected.c || Math.abs(b.v - v) > 1e-6) return `bar ${b.ts}: ${JSON.stringify(b)} vs ${JSON.stringify({ ...expected, v })}`;
        }
        return 'ok';
      }, { timeout: 10_000 })
      .toBe('ok');
    await page.screenshot({ path: join(RESULTS, 'chart-5m.png') });
    await page.getByTestId('tf-1m').click();
  }, 30_000);

  it('drags back in time, zooms there, and returns to the newest bar on double-click', async () => {
    const chart = page.getByTestId('candle-chart');
    const newestShown = async (): Promise<number> => {
      const shown = JSON.parse((await chart.getAttribute('data-bars-shown')) || '[]') as { ts: number }[];
      return shown[shown.length - 1]?.ts ?? NaN;
    };
    const newest = trades[trades.length - 1]!.ts - (trades[trades.length - 1]!.ts % 60_000);
    await expect.poll(newestShown).toBe(newest);
    const box = (await chart.boundingBox())!;
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    await page.mouse.down();
    for (let i = 1; i <= 10; i++) await page.mouse.move(box.x + box.width / 2 + i * 40, box.y + box.height / 2);
    await page.mouse.up();
    await expect.poll(newestShown).toBeLessThan(newest - 5 * 60_000);
    const panned = await newestShown();
    // Zooming in while panned keeps the view in the past (about the mouse), not at the live edge.
    await page.mouse.wheel(0, -100);
    await page.mouse.wheel(0, -100);
    await expect.poll(newestShown).toBeLessThan(newest);
    expect(Math.abs((await newestShown()) - panned)).toBeLessThan(30 * 60_000);
    await page.screenshot({ path: join(RESULTS, 'chart-panned.png') });
    await page.mouse.dblclick(box.x + box.width / 2, box.y + box.height / 2);
    await expect.poll(newestShown).toBe(newest);
    await page.mouse.move(2, 2);
  }, 30_000);

  it('marks strategy signals, taken and refused, with the reason under the cursor', async () => {
    const last = trades[trades.length - 1]!;
    const at = (minutesBack: number, price: number, accepted: boolean, reasonCode: string): StrategySignal => ({
      runId: 'run-1',
      strategyId: 'seed003',
      ts: last.ts - (last.ts % 60_000) - minutesBack * 60_000,
      tag: 'A',
      side: accepted ? 'long' : 'short',
      price,
      accepted,
      reasonCode,
    });
    const emit = host['emit'].bind(host);
    emit('strategies.signal', at(6, last.price * 0.1, true, 'OK'));
    emit('strategies.signal', at(3, last.price * 0.1 + 2, false, 'COOLDOWN'));
    const chart = page.getByTestId('candle-chart');
    await expect.poll(() => chart.getAttribute('data-signals'), { timeout: 10_000 }).toBe('1/1');
    // Hover the refused marker where it was drawn: its reason is read out.
    const marks = JSON.parse((await chart.getAttribute('data-signal-marks'))!) as { x: number; y: number; reason: string }[];
    const refused = marks.find((m) => m.reason === 'COOLDOWN')!;
    const box = (await chart.boundingBox())!;
    await page.mouse.move(box.x + refused.x, box.y + refused.y);
    const text = (await page.getByTestId('signal-readout').textContent()) ?? '';
    expect(text).toContain('refused: COOLDOWN');
    await page.screenshot({ path: join(RESULTS, 'chart-signals.png') });
    await page.mouse.move(2, 2);
  }, 30_000);

  it('shows the aggression score and the nearest LVN of the profile as the host computes them', async () => {
    await page.getByTestId('profile-kind').selectOption('session');
    // The random walk's profile has ripples but no LVN that stands out. A second auction 30 USD
    // above its range, after a jump with no trades between, leaves one: the untraded gap.
    const top = Math.max(...trades.map((t) => t.price));
    const last = trades[trades.length - 1]!;
    const upper: Trade[] = [];
    for (let m = 1; m <= 9; m++) {
      for (let k = 0; k < 120; k++) upper.push({ ts: last.ts - (last.ts % 60_000) + m * 60_000 + k * 500, price: top + 300 + (k % 20), size: 0.1, side: k % 2 ? 1 : -1 });
    }
    feed.push(...asEvents(upper));
    const sessionProfile = () => host.handlers['market.profile']({ symbol: 'BTCUSDT', kind: 'session' });
    await expect.poll(async () => (await sessionProfile()).lvn.length, { timeout: 10_000 }).toBeGreaterThan(0);
    const profile = await sessionProfile();
    const lvnTicks = profile.lvn.map((l) => l + profile.binTicks / 2);
    expect(lvnTicks.some((l) => l > top && l < top + 300)).toBe(true);

    const { features } = await host.handlers['market.snapshot']({ symbol: 'BTCUSDT' });
    expect(features?.aggression).not.toBeNull();
    const { score, direction } = features!.aggression!;
    const who = score === 0 ? 'quiet' : direction === 'BUY' ? 'buyers' : 'sellers';
    await expect.poll(async () => (await page.getByTestId('aggression').textContent()) ?? '', { timeout: 10_000 }).toBe(`${score}${who}`);
    // The LVN nearest to the last trade among the session profile's LVNs (bin middles).
    const lastPrice = upper[upper.length - 1]!.price;
    const nearest = lvnTicks.reduce((a, b) => (Math.abs(b - lastPrice) < Math.abs(a - lastPrice) ? b : a));
    const pct = (Math.abs(lastPrice - nearest) / nearest) * 100;
    await expect.poll(async () => (await page.getByTestId('lvn-proximity').textContent()) ?? '', { timeout: 10_000 }).toContain(`${(nearest * 0.1).toFixed(1)} · ${pct.toFixed(2)}%`);
    await page.getByTestId('order-flow-panel').screenshot({ path: join(RESULTS, 'chart-panels.png') });
  });

  it('says when the feed is stale or disconnected, and clears when it is live again', async () => {
    const status = page.getByTestId('chart-status');
    feed.state('stale', 'no market data for 5 s');
    await expect.poll(() => status.getAttribute('data-kind'), { timeout: 5_000 }).toBe('stale');
    expect(await status.textContent()).toContain('no market data for 5 s');
    await page.screenshot({ path: join(RESULTS, 'chart-stale.png') });
    feed.state('disconnected', 'connection lost');
    await expect.poll(() => status.getAttribute('data-kind'), { timeout: 5_000 }).toBe('error');
    expect(await status.textContent()).toContain('Feed disconnected');
    await page.screenshot({ path: join(RESULTS, 'chart-disconnected.png') });
    feed.state('live', 'back');
    await expect.poll(() => status.count(), { timeout: 5_000 }).toBe(0);
    expect(pageErrors).toEqual([]);
  });
});

describe.skipIf(!enabled)(`the chart before the first trade ${enabled ? '' : NO_CHROMIUM_REASON}`, () => {
  it('says there are no trades yet', async () => {
    const feed = new QuietFeed();
    const { host } = await scriptedHost(feed);
    const app = await openAppInBrowser(host);
    try {
      const status = app.page.getByTestId('chart-status');
      await expect.poll(() => status.getAttribute('data-kind'), { timeout: 10_000 }).toBe('empty');
      expect(await status.textContent()).toContain('No trades yet');
      await app.page.screenshot({ path: join(RESULTS, 'chart-empty.png') });
    } finally {
      await app.close();
      await host.stop();
    }
  }, 30_000);
});
