// Formatting for the strategy screens: market times, money and reason codes.

export function formatTime(ts: number | null): string {
  if (ts === null || !Number.isFinite(ts)) return '—';
  return new Date(ts).toISOString().slice(0, 19).replace('T', ' ');
}

export function formatMoney(v: number): string {
  return v.toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
}

export function signedMoney(v: number): string {
  return `${v > 0 ? '+' : ''}${formatMoney(v)}`;
}

export function pnlClass(v: number): string {
  return v > 0 ? 'up' : v < 0 ? 'down' : '';
}

/** Month-day and time to the millisecond: a decision (…59.999) and its fill (…00.000) read apart. */
export function formatLogTime(ts: number): string {
  return new Date(ts).toISOString().slice(5, 23).replace('T', ' ');
}
