// Real Binance USD-M BTCUSDT trades through the profile code, checked against MinuteBarBuilder
// and plain recomputations. Skipped with the reason shown when ../shared/data is absent.

import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { MinuteBarBuilder, type Bar } from '../../../core/market/bars';
import { BTCUSDT_PERP, toTicks } from '../../../core/market/instrument';
import { FootprintBuilder, type FootprintBar } from '../../../core/profile/footprint';
import { RollingProfile } from '../../../core/profile/rolling-profile';
import { SessionProfile } from '../../../core/profile/session-profile';
import { utcDaySession } from '../../../core/profile/sessions';
import type { TradeColumns } from '../../../core/profile/trade-columns';
import { hasSharedData, SKIP_REASON, sharedDataFile } from '../../support/shared-data';
import { plainLevels } from './plain-profile';

const FILE = 'binance_usdm_btcusdt_trades_ws.csv.gz';
const MIN = 60_000;

function loadTrades(): TradeColumns {
  const lines = gunzipSync(readFileSync(sharedDataFile(FILE))).toString('utf8').trim().split('\n').slice(1);
  const ts = new Float64Array(lines.length);
  const price = new Int32Array(lines.length);
  const size = new Float64Array(lines.length);
  const side = new Int8Array(lines.length);
  lines.forEach((line, i) => {
    const f = line.split(',');
    ts[i] = Number(f[2]);
    price[i] = toTicks(Number(f[4]), BTCUSDT_PERP.tickSize);
    size[i] = Number(f[5]);
    // is_buyer_maker true: the seller was the aggressor.
    side[i] = f[6] === 'true' ? -1 : 1;
  });
  return { ts, price, size, side };
}

describe.skipIf(!hasSharedData(FILE))(`profile on real BTCUSDT trades ${hasSharedData(FILE) ? '' : SKIP_REASON}`, () => {
  const trades = hasSharedData(FILE) ? loadTrades() : null;

  it('footprint totals equal the minute bars at 1-tick and $10 levels', () => {
    const t = trades!;
    const builder = new MinuteBarBuilder();
    const bars: Bar[] = [];
    for (let i = 0; i < t.ts.length; i++) {
      const bar = builder.onTrade({ ts: t.ts[i]!, price: t.price[i]!, size: t.size[i]!, side: t.side![i]! as 1 | -1 });
      if (bar) bars.push(bar);
    }
    bars.push(builder.advanceTo(Infinity)!);
    for (const levelTicks of [1, 100]) {
      const fp = new FootprintBuilder({ levelTicks });
      const footprints: FootprintBar[] = fp.addTrades(t);
      footprints.push(fp.advanceTo(Infinity)!);
      expect(footprints.length).toBe(bars.length);
      footprints.forEach((f, b) => {
        const bar = bars[b]!;
        expect([f.ts, f.open, f.high, f.low, f.close, f.trades]).toEqual([bar.ts, bar.open, bar.high, bar.low, bar.close, bar.trades]);
        expect([f.totalVolume, f.buyVolume, f.sellVolume, f.delta]).toEqual([bar.volume, bar.buyVolume, bar.sellVolume, bar.delta]);
        expect(f.volume.reduce((s, v) => s + v, 0)).toBeCloseTo(bar.volume, 6);
        expect(f.bid.reduce((s, v) => s + v, 0) + f.ask.reduce((s, v) => s + v, 0)).toBeCloseTo(bar.volume, 6);
      });
    }
  });

  it('rolling 5-minute profile matches a recomputation from the raw trades at every minute', () => {
    const t = trades!;
    let minutes = 0;
    const profile = new RollingProfile({ rollingWindowMinutes: 5, alphaBin: 10 }, (minute, p) => {
      const byKey = new Map<number, number>();
      for (let i = 0; i < t.ts.length; i++) {
        if (t.ts[i]! >= minute - 4 * MIN && t.ts[i]! < minute + MIN) byKey.set(t.price[i]!, (byKey.get(t.price[i]!) ?? 0) + t.size[i]!);
      }
      for (const [key, v] of byKey) expect(p.volumeAt(key)).toBeCloseTo(v, 9);
      for (const width of [1, 10, p.binTicks]) {
        const got = p.levels(width);
        const want = plainLevels(byKey, 1, width, 0.7);
        expect(got.total).toBeCloseTo(want.total, 9);
        // POC may differ only where two bins tie to within float noise; none do in this data.
        expect([got.poc, got.val, got.vah]).toEqual([want.poc, want.val, want.vah]);
      }
      minutes++;
    });
    profile.addTrades(t);
    profile.advanceTo(Infinity);
    expect(minutes).toBeGreaterThan(20);
  });

  it('UTC day sessions across midnight leave the earlier days\' POCs naked (price moved on)', () => {
    const sp = new SessionProfile(utcDaySession);
    sp.addTrades(trades!);
    sp.advanceTo(Infinity);
    const days = sp.completed();
    expect(days.length).toBe(5); // 2023-04-04, 04-05, 2024-07-18, 07-19, 08-08
    for (const d of days) {
      expect(d.levels.valid).toBe(true);
      expect(d.levels.poc).toBeGreaterThanOrEqual(d.low);
      expect(d.levels.poc).toBeLessThanOrEqual(d.high);
    }
    // Plain recomputation: a POC stays naked iff no minute after its day has low <= POC <= high.
    const t = trades!;
    const ranges = new Map<number, [number, number]>();
    for (let i = 0; i < t.ts.length; i++) {
      const m = Math.floor(t.ts[i]! / MIN) * MIN;
      const r = ranges.get(m) ?? [Infinity, -Infinity];
      ranges.set(m, [Math.min(r[0], t.price[i]!), Math.max(r[1], t.price[i]!)]);
    }
    const expectedNaked = days
      .filter((d) => ![...ranges].some(([m, [low, high]]) => m > d.lastMinute && low <= d.levels.poc && d.levels.poc <= high))
      .map((d) => d.levels.poc);
    expect(sp.nakedPocs().map((n) => n.poc)).toEqual(expectedNaked);
    expect(expectedNaked.length).toBeGreaterThan(0);
  });
});
