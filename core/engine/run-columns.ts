// The per-minute outputs of a run (equity curve, signals table) kept as columns while it runs and
// turned into row objects only when read: rows made once and cached, so reading again as the run
// goes on (paper trading) costs only the new minutes.

import type { EquityPoint } from '../report/types';
import type { SignalRow } from './engine';

/** A Float64Array that doubles when full: numbers without a heap object each. */
class GrowingFloat64 {
  data = new Float64Array(1024);
  length = 0;

  push(x: number): void {
    if (this.length === this.data.length) {
      const grown = new Float64Array(this.data.length * 2);
      grown.set(this.data);
      this.data = grown;
    }
    this.data[this.length++] = x;
  }
}

export class EquityColumns {
  private readonly ts = new GrowingFloat64();
  private readonly equity = new GrowingFloat64();
  private readonly made: EquityPoint[] = [];

  push(ts: number, equity: number): void {
    this.ts.push(ts);
    this.equity.push(equity);
  }

  rows(): readonly EquityPoint[] {
    const ts = this.ts.data;
    const equity = this.equity.data;
    for (let i = this.made.length; i < this.ts.length; i++) this.made.push({ ts: ts[i]!, equity: equity[i]! });
    return this.made;
  }
}

export class SignalColumns {
  private readonly tsMin = new GrowingFloat64();
  private readonly acceptance = new GrowingFloat64();
  // Shared values (the strategy's flag objects, the action and reason strings): an array slot
  // each, no new object.
  private readonly flags: Readonly<Record<string, boolean>>[] = [];
  private readonly actions: SignalRow['chosenAction'][] = [];
  private readonly reasons: string[] = [];
  private readonly made: SignalRow[] = [];

  push(tsMin: number, flags: Readonly<Record<string, boolean>>, acceptanceState: number, chosenAction: SignalRow['chosenAction'], reasonCode: string): void {
    this.tsMin.push(tsMin);
    this.acceptance.push(acceptanceState);
    this.flags.push(flags);
    this.actions.push(chosenAction);
    this.reasons.push(reasonCode);
  }

  rows(): readonly SignalRow[] {
    const tsMin = this.tsMin.data;
    const acceptance = this.acceptance.data;
    for (let i = this.made.length; i < this.tsMin.length; i++) {
      this.made.push({ tsMin: tsMin[i]!, flags: this.flags[i]!, acceptanceState: acceptance[i]!, chosenAction: this.actions[i]!, reasonCode: this.reasons[i]! });
    }
    return this.made;
  }
}
