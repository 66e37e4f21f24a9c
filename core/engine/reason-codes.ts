// Reason codes of the signals table for refusals by the risk gate and the broker: 'RISK_NO_BALANCE'
// from 'no-balance'. One string per code, made once: a spent account's backtest refuses a
// candidate most minutes (122,033 of a synthetic year), and a fresh string each time was built
// with a regular expression and then kept for good in the signals column.

const codes = { RISK: new Map<string, string>(), BROKER: new Map<string, string>() };

export function refusalCode(prefix: 'RISK' | 'BROKER', reason: string): string {
  const made = codes[prefix];
  let code = made.get(reason);
  if (code === undefined) {
    code = `${prefix}_${reason.toUpperCase().replace(/-/g, '_')}`;
    made.set(reason, code);
  }
  return code;
}
