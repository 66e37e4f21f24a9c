// Funding rates and open interest for the simulated perpetual: pure functions of seed and time,
// so any range can be served (and re-served identically) without storing a series.

const HOUR_MS = 3_600_000;

/** A well-mixed 32-bit hash of (seed, k) mapped to [0, 1). */
export function unitHash(seed: number, k: number): number {
  let h = (Math.imul(seed | 0, 0x9e3779b1) ^ Math.imul(Math.floor(k) | 0, 0x85ebca6b) ^ Math.floor(k / 4_294_967_296)) >>> 0;
  h = Math.imul(h ^ (h >>> 16), 0x7feb352d) >>> 0;
  h = Math.imul(h ^ (h >>> 15), 0x846ca68b) >>> 0;
  h = (h ^ (h >>> 16)) >>> 0;
  return h / 4_294_967_296;
}

/** Funding rate at a funding time: mostly the 0.01 % baseline, drifting between -0.01 % and 0.03 %. */
export function simFundingRate(seed: number, fundingTime: number, intervalHours: number): number {
  const k = Math.floor(fundingTime / (intervalHours * HOUR_MS));
  const rate = 0.0001 + (unitHash(seed ^ 0x5f0d, k) - 0.5) * 0.0004;
  return Number(rate.toFixed(8));
}

/** Open interest in contracts at `ts`: a slow daily swing, an hourly wobble and per-minute noise. */
export function simOpenInterest(seed: number, ts: number): number {
  const phase = unitHash(seed, 7) * 2 * Math.PI;
  const slow = 0.04 * Math.sin((2 * Math.PI * ts) / (24 * HOUR_MS) + phase);
  const fast = 0.01 * Math.sin((2 * Math.PI * ts) / (0.8 * HOUR_MS) + 2 * phase);
  const noise = (unitHash(seed ^ 0x0123, Math.floor(ts / 60_000)) - 0.5) * 0.004;
  return Number((80_000 * (1 + slow + fast + noise)).toFixed(3));
}
