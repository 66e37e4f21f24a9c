// Refusals of data out of time order, made in functions of their own. Written inline,
// `if (bad) throw new RangeError(`... ${ts} ...`)` had TurboFan (Node 20) convert ts to a string
// ahead of the test that guards the throw, on every event, trade or bar: double-to-string
// conversions were ~5% of a year's bar backtest. A call that never runs is not inlined, so its
// message is only made when it is thrown.

/** "trade time is not a finite number: NaN". */
export function throwNotFinite(what: string, ts: number): never {
  throw new RangeError(`${what} is not a finite number: ${ts}`);
}

/** "`what`: ts `relation` other", e.g. "event time went backwards: 5 after 9". */
export function throwOutOfOrder(what: string, ts: number, relation: 'before' | 'after', other: number): never {
  throw new RangeError(`${what}: ${ts} ${relation} ${other}`);
}
