// Volatility inputs of the auction rules: Wilder ATR (seed 000's displacement and LVN tolerance)
// and sigma_240, the rolling stdev of 1-minute log returns of the mid (seed 003 §5.2).

import { RollingStdev } from '../flow/rolling-stdev';

/** Seed 000 uses ta.atr(candles, period=14). */
export const SEED000_ATR_PERIOD = 14;
/** Seed 003 §5.2: returns r_{t−239..t}, i.e. 240 returns from 241 mids. */
export const SEED003_SIGMA_WINDOW = 240;

/**
 * Streaming Wilder ATR in the TA-Lib convention (what Jesse's ta.atr wraps): true range needs the
 * previous close, so the first bar has none; the first ATR, at the bar with index `period`, is the
 * plain mean of TR over bars 1..period; then ATR = (ATR_prev × (period − 1) + TR) / period.
 */
export class WilderAtr {
  private prevClose = NaN;
  private seen = 0;
  private seedSum = 0;
  private atr = NaN;

  constructor(readonly period: number = SEED000_ATR_PERIOD) {
    if (!Number.isInteger(period) || period < 1) throw new RangeError(`ATR period must be a positive integer, got ${period}`);
  }

  /** Adds a bar; returns the ATR at it (NaN for the first `period` bars). */
  update(high: number, low: number, close: number): number {
    const prev = this.prevClose;
    this.prevClose = close;
    const index = this.seen++;
    if (index === 0) return NaN;
    const tr = Math.max(high - low, Math.abs(high - prev), Math.abs(low - prev));
    const p = this.period;
    if (index <= p) {
      this.seedSum += tr;
      if (index === p) this.atr = this.seedSum / p;
      return this.atr;
    }
    this.atr = (this.atr * (p - 1) + tr) / p;
    return this.atr;
  }

  value(): number {
    return this.atr;
  }
}

/** Bulk ATR over columnar bars. */
export function atrSeries(high: Float64Array, low: Float64Array, close: Float64Array, period: number = SEED000_ATR_PERIOD): Float64Array {
  const out = new Float64Array(close.length);
  const atr = new WilderAtr(period);
  for (let i = 0; i < close.length; i++) out[i] = atr.update(high[i]!, low[i]!, close[i]!);
  return out;
}

/**
 * Streaming sigma: sample stdev (n − 1, pandas' default, as the seed's Python would compute) of
 * the last `window` log returns of the mid. NaN until window + 1 mids were seen, and while the
 * window holds a return from a missing or non-positive mid.
 */
export class LogReturnVolatility {
  private readonly stdev: RollingStdev;
  private prevMid = NaN;
  private started = false;

  constructor(readonly window: number = SEED003_SIGMA_WINDOW) {
    this.stdev = new RollingStdev(window, 1);
  }

  update(mid: number): number {
    const prev = this.prevMid;
    this.prevMid = mid;
    if (!this.started) {
      this.started = true;
      return NaN;
    }
    const r = prev > 0 && mid > 0 ? Math.log(mid / prev) : NaN;
    return this.stdev.push(r);
  }

  value(): number {
    return this.stdev.value();
  }
}

/** Bulk sigma over a column of minute mids (or closes). */
export function sigmaSeries(mid: Float64Array, window: number = SEED003_SIGMA_WINDOW): Float64Array {
  const out = new Float64Array(mid.length);
  const vol = new LogReturnVolatility(window);
  for (let i = 0; i < mid.length; i++) out[i] = vol.update(mid[i]!);
  return out;
}
