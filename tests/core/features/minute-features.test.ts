import { describe, expect, it } from 'vitest';
import { FeatureConfigSchema } from '../../../core/features/config';
import { computeMinuteFeatures, FEATURE_COLUMNS, type FeatureTable } from '../../../core/features/minute-features';
import type { QuoteColumns, TradeColumns } from '../../../core/market/columns';
import { readTickFile } from '../../../native/feeds/import/read-ticks';
import { hasSharedData, sharedDataFile, SKIP_REASON } from '../../support/shared-data';

const TRADES = 'binance_usdm_btcusdt_trades_ws.csv.gz';
const QUOTES = 'binance_usdm_btcusdt_bookticker_ws.csv.gz';
const real = hasSharedData(TRADES, QUOTES);
const config = FeatureConfigSchema.parse({ bvc_lookback: 3 });

function load(): { trades: TradeColumns; quotes: QuoteColumns } {
  return {
    trades: readTickFile(sharedDataFile(TRADES), { tickSize: 0.1 }).trades,
    quotes: readTickFile(sharedDataFile(QUOTES), { tickSize: 0.1 }).quotes,
  };
}

/** The seed 003 value area, written plainly: Map histogram, argmax, outward expansion. */
function plainValueArea(volumeByBin: Map<number, number>, vaFraction: number): { poc: number; vah: number; val: number } {
  const keys = [...volumeByBin.keys()].sort((a, b) => a - b);
  const lo = keys[0] as number;
  const hi = keys[keys.length - 1] as number;
  const vol = (k: number): number => volumeByBin.get(k) ?? 0;
  let total = 0;
  for (const v of volumeByBin.values()) total += v;
  const bins: number[] = [];
  for (let k = lo; k <= hi; k++) bins.push(k);
  const max = Math.max(...bins.map(vol));
  const candidates = bins.filter((k) => vol(k) === max);
  // Tie rule of core/profile/value-area.ts: closest to the volume-weighted centre, then lower.
  const centre = bins.reduce((s, k) => s + k * vol(k), 0) / total;
  const poc = candidates.sort((a, b) => Math.abs(a - centre) - Math.abs(b - centre) || a - b)[0] as number;
  let low = poc;
  let high = poc;
  let covered = vol(poc);
  while (covered / total < vaFraction) {
    const up = high < hi ? vol(high + 1) : -1;
    const down = low > lo ? vol(low - 1) : -1;
    if (up > down) covered += vol(++high);
    else covered += vol(--low);
  }
  return { poc, vah: high, val: low };
}

describe.skipIf(!real)(`feature table on the real USD-M sessions ${real ? '' : SKIP_REASON}`, () => {
  it('matches an independent per-minute recomputation of OF, qimb, ambiguity, mid, sigma, value area and BVC', () => {
    const { trades, quotes } = load();
    const { table } = computeMinuteFeatures(trades, quotes, config);
    expect(table.length).toBe(24);

    const minutes = [...new Set([...trades.ts].map((t) => Math.floor(t / 60_000) * 60_000))];
    expect([...table.ts_min]).toEqual(minutes);
    const latestQuoteAtOrBefore = (ts: number): number => {
      let lo = 0;
      let hi = quotes.length - 1;
      let found = -1;
      while (lo <= hi) {
        const mid = (lo + hi) >> 1;
        if ((quotes.ts[mid] as number) <= ts) {
          found = mid;
          lo = mid + 1;
        } else hi = mid - 1;
      }
      return found;
    };

    const closes: number[] = [];
    const volumes: number[] = [];
    const mids: Array<[number, number]> = [];
    minutes.forEach((minute, m) => {
      let of = 0;
      let volume = 0;
      let ambiguous = 0;
      let close = NaN;
      for (let i = 0; i < trades.length; i++) {
        const ts = trades.ts[i] as number;
        if (ts < minute || ts >= minute + 60_000) continue;
        const q = latestQuoteAtOrBefore(ts);
        const size = trades.size[i] as number;
        const price = trades.price[i] as number;
        volume += size;
        close = price;
        const fresh = q >= 0 && ts - (quotes.ts[q] as number) <= 250;
        const sign = !fresh ? 0 : price >= (quotes.askPrice[q] as number) ? 1 : price <= (quotes.bidPrice[q] as number) ? -1 : 0;
        of += sign * size;
        if (sign === 0) ambiguous += size;
      }
      closes.push(close);
      volumes.push(volume);
      expect(table.of_1m[m]).toBeCloseTo(of, 9);
      expect(table.of_norm_1m[m]).toBeCloseTo(of / volume, 9);
      expect(table.ambiguous_trade_frac_1m[m]).toBeCloseTo(ambiguous / volume, 9);
      const q = latestQuoteAtOrBefore(minute + 59_999);
      const mid = ((quotes.bidPrice[q] as number) + (quotes.askPrice[q] as number)) / 2;
      expect(table.mid_close[m]).toBe(mid);
      const bs = quotes.bidSize[q] as number;
      const as = quotes.askSize[q] as number;
      expect(table.qimb_close[m]).toBeCloseTo((bs - as) / (bs + as), 12);

      // sigma: sample stdev of log mid returns between consecutive minutes of the session.
      mids.push([minute, mid]);
      const session = mids.filter(([t]) => t > minute - 240 * 60_000);
      const returns = session.slice(1).map(([, v], i) => Math.log(v / (session[i] as [number, number])[1]));
      if (returns.length >= 2) {
        const mean = returns.reduce((s, r) => s + r, 0) / returns.length;
        const sd = Math.sqrt(returns.reduce((s, r) => s + (r - mean) ** 2, 0) / (returns.length - 1));
        expect(table.sigma_240[m]).toBeCloseTo(sd, 12);
      } else {
        expect(Number.isNaN(table.sigma_240[m])).toBe(true);
      }

      // Value area of the last 240 minutes at the reported bin width, from a plain histogram.
      const width = table.bin_width[m] as number;
      const hist = new Map<number, number>();
      for (let i = 0; i < trades.length; i++) {
        const ts = trades.ts[i] as number;
        if (ts < minute - 239 * 60_000 || ts >= minute + 60_000) continue;
        const key = Math.floor((trades.price[i] as number) / width) * width;
        hist.set(key, (hist.get(key) ?? 0) + (trades.size[i] as number));
      }
      const binned = new Map([...hist].map(([k, v]) => [k / width, v]));
      const va = plainValueArea(binned, 0.7);
      expect([table.poc[m], table.vah[m], table.val[m]]).toEqual([va.poc * width, va.vah * width, va.val * width]);
    });

    // BVC with a lookback of 3 price changes, written out: buyFrac = Phi(dP / sd(dP over the window)).
    const phi = (x: number): number => 0.5 * erfc(-x / Math.SQRT2);
    for (let m = 0; m < table.length; m++) {
      if (m < 3) {
        expect(Number.isNaN(table.bvc_buy_frac_1m[m])).toBe(true);
        continue;
      }
      const deltas = [closes[m - 2]! - closes[m - 3]!, closes[m - 1]! - closes[m - 2]!, closes[m]! - closes[m - 1]!];
      const mean = deltas.reduce((s, d) => s + d, 0) / 3;
      const sd = Math.sqrt(deltas.reduce((s, d) => s + (d - mean) ** 2, 0) / 2);
      const frac = sd > 0 ? phi(deltas[2]! / sd) : 0.5;
      expect(table.bvc_buy_frac_1m[m]).toBeCloseTo(frac, 6);
      // The reference erfc is accurate to 1.2e-7, scaled here by the minute volume (up to ~500).
      expect(table.bvc_net_proxy_1m[m]).toBeCloseTo(volumes[m]! * (2 * frac - 1), 3);
    }
  });

  it('has no look-ahead: rows do not change when later data is appended, and runs are identical', () => {
    const { trades, quotes } = load();
    const full = computeMinuteFeatures(trades, quotes, config).table;
    const again = computeMinuteFeatures(trades, quotes, config).table;
    for (const c of FEATURE_COLUMNS) expect([...again[c]]).toEqual([...full[c]]);
    for (const cut of [3, 10, 17]) {
      const end = (full.ts_min[cut] as number) + 60_000;
      const t = truncate(trades, end);
      const q = truncate(quotes, end);
      const part: FeatureTable = computeMinuteFeatures(t, q, config).table;
      expect(part.length).toBe(cut + 1);
      for (const c of FEATURE_COLUMNS) expect([...part[c]], c).toEqual([...full[c].subarray(0, cut + 1)]);
    }
  });
});

function truncate<T extends { length: number; ts: Float64Array }>(cols: T, endTs: number): T {
  let n = 0;
  while (n < cols.length && (cols.ts[n] as number) < endTs) n++;
  const out = { length: n } as Record<string, unknown>;
  for (const [k, v] of Object.entries(cols)) if (ArrayBuffer.isView(v)) out[k] = (v as Float64Array).subarray(0, n);
  return out as T;
}

/** Complementary error function (Numerical Recipes erfcc, |error| < 1.2e-7). */
function erfc(x: number): number {
  const z = Math.abs(x);
  const t = 1 / (1 + 0.5 * z);
  const r =
    t *
    Math.exp(-z * z - 1.26551223 + t * (1.00002368 + t * (0.37409196 + t * (0.09678418 + t * (-0.18628806 + t * (0.27886807 + t * (-1.13520398 + t * (1.48851587 + t * (-0.82215223 + t * 0.17087277)))))))));
  return x >= 0 ? r : 2 - r;
}
