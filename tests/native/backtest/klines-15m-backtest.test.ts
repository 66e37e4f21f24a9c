// Bar backtests on klines of their own timeframe: the real Binance 15m klines imported as they
// are, seed 000's AMT trend continuation (written on 15m candles) run on them, and what a trader
// relies on checked against the bars and the fee schedule themselves: every fill inside its bar's
// range (plus the one tick of slippage), every fee the rate times the notional, the final equity
// the starting balance plus the trades' net PnL. Seed 003 (per-minute features) is refused.

import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Fill } from '../../../core/broker/types';
import { resolveRun, RunConfigError } from '../../../core/engine/run-config';
import { BTCUSDT_PERP } from '../../../core/market/instrument';
import { strategyById } from '../../../core/strategy/registry';
import { runStoredBacktest } from '../../../native/backtest/run-stored-backtest';
import { importFile } from '../../../native/feeds/import/import-file';
import { Store } from '../../../native/store/store';
import { hasSharedData, sharedDataFile, SKIP_REASON } from '../../support/shared-data';

const KLINES = 'binance_spot_btcusdt_klines_15m.csv.gz';
const BAR_MS = 15 * 60_000;

describe('bar backtests on 15m klines', () => {
  it('refuses seed 003 on 15m bars, saying why it needs 1m', () => {
    expect(() => resolveRun(strategyById('seed003-value-area')!, {}, BTCUSDT_PERP, 'bars', [], '15m')).toThrow(RunConfigError);
    expect(() => resolveRun(strategyById('seed003-value-area')!, {}, BTCUSDT_PERP, 'bars', [], '15m')).toThrow(/runs on 1m bars, not 15m: its features are per minute/);
    expect(resolveRun(strategyById('seed000-amt-trend-continuation')!, {}, BTCUSDT_PERP, 'bars', [], '15m').options.broker.barMs).toBe(BAR_MS);
  });

  it.skipIf(!hasSharedData(KLINES))(`runs seed 000 on the real 15m klines: fills inside their bars, fees at the schedule, equity = balance + net PnL ${hasSharedData(KLINES) ? '' : SKIP_REASON}`, () => {
    const store = Store.open(join(mkdtempSync(join(tmpdir(), 'auctioneer-klines-15m-')), 'k.db'));
    expect(importFile(store, sharedDataFile(KLINES), { instrument: BTCUSDT_PERP }).barsWritten).toBeGreaterThan(100_000);
    const fromTs = Date.UTC(2023, 0, 1);
    const toTs = Date.UTC(2024, 6, 1);
    // The seed's thresholds, loosened so that 18 months of one market trade often enough to check.
    const settings = { target_mode: 'impulse-extreme', displacement_atr: 1, rejection_wick_body: 1, volume_spike: 1, lvn_tolerance_atr: 1 };
    const { engine, run } = runStoredBacktest(store, { definition: strategyById('seed000-amt-trend-continuation')!, settings, instrument: BTCUSDT_PERP, mode: 'bars', timeframe: '15m', fromTs, toTs, save: false });
    const bars = store.loadBarColumns(store.ensureInstrument(BTCUSDT_PERP), BAR_MS / 1000, fromTs, toTs);
    store.close();
    expect(bars.length).toBeGreaterThan(50_000);
    // 15m bars throughout: consecutive opens are 15 minutes apart (gaps aside), never 1 minute.
    for (let b = 1; b < bars.length; b++) expect((bars.ts[b]! - bars.ts[b - 1]!) % BAR_MS).toBe(0);

    const fills = engine.events().flatMap((e) => (e.type === 'order-filled' ? [e.fill as Fill] : []));
    const trades = engine.trades();
    expect(trades.length).toBeGreaterThanOrEqual(5);
    const cfg = run.options.broker;
    const slip = 1; // slippage_ticks_entry / _exit default: one tick
    const barAt = (ts: number): number => {
      let lo = 0;
      let hi = bars.length - 1;
      while (lo < hi) {
        const mid = (lo + hi + 1) >> 1;
        if (bars.ts[mid]! <= ts) lo = mid;
        else hi = mid - 1;
      }
      return lo;
    };
    for (const f of fills) {
      const b = barAt(f.ts);
      // The fill happened inside bar b, at a price that bar traded (one tick of slippage aside).
      expect(f.ts - bars.ts[b]!).toBeLessThan(BAR_MS);
      expect(f.price).toBeGreaterThanOrEqual(bars.low[b]! - slip);
      expect(f.price).toBeLessThanOrEqual(bars.high[b]! + slip);
      // Fee: notional (price in USDT x qty) times the maker or taker rate.
      const notional = f.price * BTCUSDT_PERP.tickSize * f.qty;
      expect(f.fee).toBeCloseTo((notional * (f.liquidity === 'maker' ? cfg.makerFeeBps : cfg.takerFeeBps)) / 10_000, 8);
    }
    // Every closed trade's prices come from fills inside the bars of its entry and exit.
    for (const t of trades) {
      for (const [ts, price] of [[t.entryTs, t.entryPrice], [t.exitTs, t.exitPrice]] as const) {
        const b = barAt(ts);
        expect(price / BTCUSDT_PERP.tickSize).toBeGreaterThanOrEqual(bars.low[b]! - slip - 1e-6);
        expect(price / BTCUSDT_PERP.tickSize).toBeLessThanOrEqual(bars.high[b]! + slip + 1e-6);
      }
    }
    // Flat at the end: equity is the starting balance plus the sum of the trades' net PnL, and
    // the trades' fees are the fills' fees.
    expect(engine.broker.positionQty()).toBe(0);
    const net = trades.reduce((s, t) => s + t.netPnl, 0);
    expect(engine.broker.equity()).toBeCloseTo(cfg.initialBalance + net, 6);
    expect(engine.equity().at(-1)!.equity).toBeCloseTo(cfg.initialBalance + net, 6);
    expect(trades.reduce((s, t) => s + t.fees, 0)).toBeCloseTo(fills.reduce((s, f) => s + f.fee, 0), 6);
  }, 600_000);
});
