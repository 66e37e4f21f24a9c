// The prices and times within which market data can change nothing in the paper broker but its
// clock and its marks: no order fills, triggers or starts resting, no funding falls due. A tick
// driver checks each event against it with a few comparisons and tells the broker only the last
// quote and trade of a quiet run (PaperBroker.skipQuiet) instead of calling it ~10M times a day;
// the broker itself draws the band from its orders by the fill rules (fill-rules.ts), so there is
// one set of rules. A busy broker (a position with its stop and targets working) is quiet for
// nearly every event of a minute.

export class QuietBand {
  /** Valid for events stamped strictly after this (no order waits for later data)... */
  after = Infinity;
  /** ...and strictly before this (the next funding charge on a position). */
  until = -Infinity;
  // A quote is quiet when bidFloor < bid < bidCeil and askFloor < ask < askCeil.
  bidFloor = Infinity;
  bidCeil = -Infinity;
  askFloor = Infinity;
  askCeil = -Infinity;
  // A trade is quiet when tradeFloor < price < tradeCeil and restFloor <= price <= restCeil
  // (resting limits fill only on prints strictly through them).
  tradeFloor = Infinity;
  tradeCeil = -Infinity;
  restFloor = Infinity;
  restCeil = -Infinity;

  quoteQuiet(ts: number, bid: number, ask: number): boolean {
    return ts > this.after && ts < this.until && bid > this.bidFloor && bid < this.bidCeil && ask > this.askFloor && ask < this.askCeil;
  }

  tradeQuiet(ts: number, price: number): boolean {
    return ts > this.after && ts < this.until && price > this.tradeFloor && price < this.tradeCeil && price >= this.restFloor && price <= this.restCeil;
  }
}
