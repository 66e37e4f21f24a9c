// Acceptance counters of seed 003 §6.2: how many consecutive closes sit above VAH, below VAL, or
// back inside the value area after an excursion, with the value area of each minute as input.

export interface AcceptanceConfig {
  /** Closes outside needed to call acceptance outside (seed 003 accept_outside_k = 3). */
  readonly acceptOutsideK: number;
  /** Closes inside after an excursion needed to call acceptance back inside (seed 003 default 1). */
  readonly acceptInsideK: number;
}

export const SEED003_ACCEPTANCE: AcceptanceConfig = { acceptOutsideK: 3, acceptInsideK: 1 };

export interface AcceptanceState {
  /** Consecutive closes strictly above VAH (seed 003 §6.4: close_t > VAH_t). */
  readonly closesAbove: number;
  /** Consecutive closes strictly below VAL. */
  readonly closesBelow: number;
  /** Consecutive closes with VAL <= close <= VAH. */
  readonly closesInside: number;
  /**
   * Consecutive closes inside counted from the latest bar that traded outside the value area
   * (high > VAH or low < VAL), that bar included when it closed back inside; 0 until an excursion.
   * A break-in bar (low < VAL, close > VAL) therefore counts 1 at once, which is why the seed's
   * default accept_inside_k is 1.
   */
  readonly insideAfterExcursion: number;
  readonly acceptedAbove: boolean;
  readonly acceptedBelow: boolean;
  readonly acceptedInside: boolean;
}

/**
 * Streaming counters, one update per closed minute. The value area moves every minute, so each
 * close is judged against that minute's VAH/VAL. A minute without a value area (NaN) breaks every
 * run: nothing can be accepted against levels that do not exist.
 */
export class AcceptanceCounter {
  private closesAbove = 0;
  private closesBelow = 0;
  private closesInside = 0;
  private insideAfterExcursion = 0;
  private excursionSeen = false;

  constructor(private readonly config: AcceptanceConfig = SEED003_ACCEPTANCE) {}

  update(high: number, low: number, close: number, vah: number, val: number): AcceptanceState {
    if (!(vah >= val)) {
      this.closesAbove = this.closesBelow = this.closesInside = this.insideAfterExcursion = 0;
      this.excursionSeen = false;
    } else if (close > vah) {
      this.closesAbove++;
      this.closesBelow = this.closesInside = this.insideAfterExcursion = 0;
      this.excursionSeen = true;
    } else if (close < val) {
      this.closesBelow++;
      this.closesAbove = this.closesInside = this.insideAfterExcursion = 0;
      this.excursionSeen = true;
    } else {
      this.closesInside++;
      this.closesAbove = this.closesBelow = 0;
      if (high > vah || low < val) {
        this.excursionSeen = true;
        this.insideAfterExcursion = 1;
      } else if (this.excursionSeen) {
        this.insideAfterExcursion++;
      }
    }
    return this.state();
  }

  state(): AcceptanceState {
    const { acceptOutsideK, acceptInsideK } = this.config;
    return {
      closesAbove: this.closesAbove,
      closesBelow: this.closesBelow,
      closesInside: this.closesInside,
      insideAfterExcursion: this.insideAfterExcursion,
      acceptedAbove: this.closesAbove >= acceptOutsideK,
      acceptedBelow: this.closesBelow >= acceptOutsideK,
      acceptedInside: this.insideAfterExcursion >= acceptInsideK,
    };
  }
}
