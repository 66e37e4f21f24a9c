// The seed 003 §11 / seed 000 alerts on constructed minutes: each fires on its condition and not
// on the near miss beside it, and reaches Discord (a local stand-in) through the alert hub.

import { afterEach, describe, expect, it } from 'vitest';
import type { DecisionReport } from '../../../core/engine/engine';
import type { FeatureRow } from '../../../core/features/minute-feature-stream';
import type { Bar } from '../../../core/market/bars';
import { BTCUSDT_PERP } from '../../../core/market/instrument';
import { AlertHub } from '../../../native/alerts/alert-hub';
import { ConditionAlerts, DEFAULT_CONDITION_LIMITS, lvnPrices, type ConditionLimits } from '../../../native/alerts/condition-alerts';
import { DiscordSink } from '../../../native/alerts/discord-sink';
import { startFakeDiscord, type FakeDiscord } from '../../support/fake-discord';

const T0 = Date.UTC(2026, 0, 5, 10, 0);
const MIN = 60_000;

const bar = (ts: number, low: number, high: number, volume: number, close = low): Bar => ({
  ts, open: low, high, low, close, volume, vwap: close, trades: 1, buyVolume: volume / 2, sellVolume: volume / 2, delta: 0, closeQuote: null,
});

const features = (over: Partial<FeatureRow> = {}): FeatureRow => ({
  ts_min: T0, mid_close: 1_000, sigma_240: 5, bin_width: 10, poc: 1_020, vah: 1_040, val: 1_000, va_coverage: 0.7,
  of_1m: 0, of_norm_1m: 0, qimb_close: 0, ambiguous_trade_frac_1m: 0.1, bvc_buy_frac_1m: 0.5, bvc_net_proxy_1m: 0, ...over,
});

/** A minute closing at `close` (ticks) with the given features, history and closed trades. */
function minute(i: number, over: { features?: Partial<FeatureRow>; bars?: Bar[]; close?: number; closed?: DecisionReport['closedTrades'] } = {}): DecisionReport {
  const b = bar(T0 + i * MIN, over.close ?? 1_000, over.close ?? 1_000, 1);
  const row = { tsMin: b.ts, flags: {}, acceptanceState: 0, chosenAction: 'HOLD' as const, reasonCode: 'NO_SIGNAL' };
  return { decisionTs: b.ts + MIN - 1, bar: b, features: features({ ts_min: b.ts, ...over.features }), history: { bars: over.bars ?? [b] }, candidates: [], signal: row, closedTrades: over.closed ?? [] };
}

/**
 * Two volume clusters 100 ticks apart (bins 100-104 and 110-114 of 10 ticks, 40 per bin) with
 * a thin bridge (0.2 per bin) between: the smoothed profile's trough is bins 106-108, an LVN
 * centred at 1,075 ticks.
 */
function twoClusters(): Bar[] {
  const bars: Bar[] = [];
  for (let i = 0; i < 20; i++) bars.push(bar(T0 + i * MIN, 1_000, 1_049, 10));
  bars.push(bar(T0 + 20 * MIN, 1_050, 1_099, 1));
  for (let i = 21; i < 41; i++) bars.push(bar(T0 + i * MIN, 1_100, 1_149, 10));
  return bars;
}

let discord: FakeDiscord | null = null;
afterEach(async () => {
  await discord?.close();
  discord = null;
});

/** Runs the minutes through fresh condition alerts into Discord; the titles received. */
async function deliver(minutes: DecisionReport[], limits: Partial<ConditionLimits> = {}): Promise<string[]> {
  discord = await startFakeDiscord();
  const sink = new DiscordSink({ webhookUrl: discord.url, minIntervalMs: 0 });
  const hub = new AlertHub([sink]);
  const conditions = new ConditionAlerts(BTCUSDT_PERP, { ...DEFAULT_CONDITION_LIMITS, ...limits }, 'acct');
  for (const m of minutes) for (const a of conditions.onDecision(m)) hub.raise(a);
  await sink.idle();
  const titles = discord.titles();
  await discord.close();
  discord = null;
  return titles;
}

describe('condition alerts', () => {
  it('ambiguous trade fraction: fires above 0.35, not at 0.35; once per episode', async () => {
    expect(await deliver([minute(0, { features: { ambiguous_trade_frac_1m: 0.35 } })])).toEqual([]);
    // Above twice in a row: one alert; below, then above again two minutes later: a second one.
    const titles = await deliver([0.36, 0.5, 0.2, 0.4].map((f, i) => minute(i * 2, { features: { ambiguous_trade_frac_1m: f } })));
    expect(titles).toEqual(['Ambiguous flow 36% > 35% (acct)', 'Ambiguous flow 40% > 35% (acct)']);
    // The threshold follows the run's ambiguous_trade_frac_max.
    expect(await deliver([minute(0, { features: { ambiguous_trade_frac_1m: 0.36 } })], { ambiguousMax: 0.4 })).toEqual([]);
  });

  it('value area not computable: fires when the profile has no value area, not when it has one', async () => {
    expect(await deliver([minute(0, { features: { poc: 1_000, vah: 1_000, val: 1_000 } })])).toEqual([]);
    expect(await deliver([minute(0), minute(1, { features: { poc: Number.NaN, vah: Number.NaN, val: Number.NaN } })])).toEqual(['Value area not computable (acct)']);
  });

  it('daily loss limit: fires once the day realizes more than max_daily_loss, not at exactly the limit', async () => {
    const loss = (pnl: number): DecisionReport['closedTrades'] => [{ side: 'long', exitTs: T0, pnl: 50 }, { side: 'short', exitTs: T0 + MIN, pnl: pnl - 50 }];
    expect(await deliver([minute(2, { closed: loss(-100) })], { maxDailyLoss: 100 })).toEqual([]);
    expect(await deliver([minute(2, { closed: loss(-100.01) }), minute(3, { closed: loss(-100.01) })], { maxDailyLoss: 100 })).toEqual([
      'Daily loss limit hit: -100.01 (acct)',
    ]);
    // Yesterday's losses do not count today.
    const yesterday = [{ side: 'long' as const, exitTs: T0 - 86_400_000, pnl: -500 }];
    expect(await deliver([minute(2, { closed: yesterday })], { maxDailyLoss: 100 })).toEqual([]);
    // No limit set: no alert.
    expect(await deliver([minute(2, { closed: loss(-1_000) })])).toEqual([]);
  });

  it('price near an LVN: fires within one profile bin of the node, not two bins away', async () => {
    const bars = twoClusters();
    expect(lvnPrices(bars, 10)).toEqual([1_075]);
    expect(await deliver([minute(41, { bars, close: 1_090 })])).toEqual([]);
    expect(await deliver([minute(41, { bars, close: 1_085 })])).toEqual(['Price 108.5 near LVN 107.5 (acct)']);
    // Too little history for a profile: nothing.
    expect(await deliver([minute(41, { bars: bars.slice(-10), close: 1_075 })])).toEqual([]);
  });
});
