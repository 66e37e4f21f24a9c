// The market core (1m bars, footprint, rolling-profile levels per minute, minute order flow) in one
// pass over trades and quotes, equal bit for bit to running its four modules one after another.

import { minuteBarsFromTrades, type BarColumns } from '../market/bar-columns';
import { MINUTE_MS } from '../market/bars';
import type { QuoteColumns, TradeColumns } from '../market/columns';
import {
  computeMinuteFlow,
  DEFAULT_MINUTE_FLOW,
  MinuteFlowWriter,
  throwDisorder,
  throwTimeDisorder,
  type MinuteFlowColumns,
  type MinuteFlowConfig,
} from '../flow/minute-flow';
import { sideInferenceStats, type SideInferenceStats } from '../flow/side-inference';
import { footprintConfig, rollingProfileConfig, type FootprintConfig, type RollingProfileConfig } from '../profile/config';
import { FootprintBuilder, footprintBarOf, type FootprintBar } from '../profile/footprint';
import { RollingProfile } from '../profile/rolling-profile';
import { planGrowth } from '../profile/tick-histogram';

export interface MarketCoreConfig {
  readonly footprint: Partial<FootprintConfig>;
  readonly rolling: Partial<RollingProfileConfig>;
  readonly flow: Partial<MinuteFlowConfig>;
}

/** The rolling profile after each minute's close: RollingProfile.levels() and its bin width state. */
export interface ProfileLevelColumns {
  readonly length: number;
  /** The minute closed (its open time, UTC ms). */
  readonly ts: Float64Array;
  readonly sigma: Float64Array;
  readonly binTicks: Float64Array;
  /** 1 when the levels are valid, else 0 (and the levels NaN). */
  readonly valid: Float64Array;
  readonly poc: Float64Array;
  readonly vah: Float64Array;
  readonly val: Float64Array;
  readonly coverage: Float64Array;
  readonly total: Float64Array;
}

export interface MarketCoreResult {
  readonly bars: BarColumns;
  /** Every footprint bar in order, the last one as FootprintBuilder.openBar() gives it at the end. */
  readonly footprint: FootprintBar[];
  /** After every minute, the last one closed at the end of the data. */
  readonly levels: ProfileLevelColumns;
  /** The rolling profile after the last minute (its window, for readers). */
  readonly profile: RollingProfile;
  readonly flow: MinuteFlowColumns;
  readonly flowStats: SideInferenceStats;
}

class LevelRecorder {
  readonly cols: { -readonly [K in keyof ProfileLevelColumns]: K extends 'length' ? number : Float64Array };
  constructor(capacity: number) {
    const col = (): Float64Array => new Float64Array(capacity);
    this.cols = {
      length: 0,
      ts: col(),
      sigma: col(),
      binTicks: col(),
      valid: col(),
      poc: col(),
      vah: col(),
      val: col(),
      coverage: col(),
      total: col(),
    };
  }

  record(minute: number, profile: RollingProfile): void {
    const c = this.cols;
    const r = c.length++;
    const levels = profile.levels();
    const state = profile.binWidthState;
    c.ts[r] = minute;
    c.sigma[r] = state.sigma;
    c.binTicks[r] = state.binTicks;
    c.valid[r] = levels.valid ? 1 : 0;
    c.poc[r] = levels.poc;
    c.vah[r] = levels.vah;
    c.val[r] = levels.val;
    c.coverage[r] = levels.coverage;
    c.total[r] = levels.total;
  }

  columns(): ProfileLevelColumns {
    const c = this.cols;
    const n = c.length;
    return {
      length: n,
      ts: c.ts.subarray(0, n),
      sigma: c.sigma.subarray(0, n),
      binTicks: c.binTicks.subarray(0, n),
      valid: c.valid.subarray(0, n),
      poc: c.poc.subarray(0, n),
      vah: c.vah.subarray(0, n),
      val: c.val.subarray(0, n),
      coverage: c.coverage.subarray(0, n),
      total: c.total.subarray(0, n),
    };
  }
}

function barCapacity(ts: Float64Array): number {
  const n = ts.length;
  if (n === 0) return 0;
  return Math.min(n, Math.floor(ts[n - 1]! / MINUTE_MS) - Math.floor(ts[0]! / MINUTE_MS) + 1);
}

const SOURCE_INFERRED = 0;
// Rows of MinuteScan.sideCells, each `cap` levels long: volume by side (sell, unknown, buy),
// then all volume, then the trade count.
const CELL_ROWS = 5;
const VOL_ROW = 3;
const COUNT_ROW = 4;
const SOURCE_EXCHANGE = 1;

/**
 * The modules one after another over the whole batch: the reference, and the path for settings
 * the single pass does not cover.
 */
export function computeMarketCoreSeparately(
  trades: TradeColumns,
  quotes: QuoteColumns,
  config: Partial<MarketCoreConfig> = {},
): MarketCoreResult {
  const bars = minuteBarsFromTrades(trades);
  const builder = new FootprintBuilder(config.footprint);
  const footprint = builder.addTrades(trades);
  const open = builder.openBar();
  if (open) footprint.push(open);
  const recorder = new LevelRecorder(barCapacity(trades.ts));
  const profile = new RollingProfile(config.rolling, (minute, p) => recorder.record(minute, p));
  profile.addTrades(trades);
  if (trades.length > 0) profile.advanceTo(Math.floor(trades.ts[trades.length - 1]! / MINUTE_MS) * MINUTE_MS + MINUTE_MS);
  const { flow, stats } = computeMinuteFlow(trades, quotes, config.flow);
  return { bars, footprint, levels: recorder.columns(), profile, flow, flowStats: stats };
}

/** The last of prices [from, to) equal to `value` (as ===), keeping its sign of zero. */
function lastPriceEqualTo(prices: Float64Array, from: number, to: number, value: number): number {
  for (let k = to - 1; k >= from; k--) if (prices[k] === value) return prices[k]!;
  return value;
}

/**
 * The per-trade work of computeMarketCore, one minute per scanMinute() call: a small hot
 * function that V8 optimizes whole after a few minutes, where one loop over the day would run
 * on on-stack-replacement code compiled before its rare paths had run, and fall back to the
 * interpreter each time one of them first ran (several times per call on the benchmark tape).
 * State that crosses minutes lives in fields, copied to locals around the loop.
 */
class MinuteScan {
  private readonly tTs: Float64Array;
  private readonly tPrice: Float64Array;
  private readonly tSize: Float64Array;
  private readonly tSide: Int8Array;
  private readonly qTs: Float64Array;
  private readonly qBid: Float64Array;
  private readonly qAsk: Float64Array;
  private readonly source: number;
  private readonly maxAge: number;
  private readonly tickRule: boolean;

  i = 0;
  j = 0;
  quoteTs = NaN;
  bid = NaN;
  ask = NaN;
  lastTradeTs = -Infinity;
  lastQuoteTs = -Infinity;
  disorder = 0;
  private lastPrice = NaN;
  private lastTickSign = 0;

  volume = 0;
  fresh = 0;
  quoteSigned = 0;
  tickRuleSigned = 0;
  ambiguous = 0;
  reportedWithQuote = 0;
  agreeing = 0;
  ambiguousAmongReported = 0;
  // Sums read by index in the loop share one array (fewer array bases to keep in registers in
  // a loop that already uses a dozen): the footprint's by side [sell, unknown, buy] at 0-2, the
  // flow's by sign at 3-5 and the volume of unambiguous and ambiguous trades at 6-7.
  private readonly sums = new Float64Array(8);
  readonly fpSide = this.sums.subarray(0, 3);
  readonly bySign = this.sums.subarray(3, 6);
  readonly ambiguousSum = this.sums.subarray(6, 8);

  // Footprint levels of the open minute, indexed by price - origin; bid and ask volume share
  // one array, rows [0, cap) and [2 cap, 3 cap), with row 1 taking the volume of unknown side,
  // so the side picks an offset instead of a branch (a coin flip on every tape).
  cap = 1024;
  origin = 0;
  sideCells: Float64Array = new Float64Array(CELL_ROWS * 1024);
  vol: Float64Array = this.sideCells.subarray(VOL_ROW * 1024, (VOL_ROW + 1) * 1024);
  count: Float64Array = this.sideCells.subarray(COUNT_ROW * 1024, (COUNT_ROW + 1) * 1024);
  lo = Infinity;
  hi = -Infinity;

  // Sums by side, indexed the same way: [sell, unknown, buy]. The bar builder and the
  // footprint read the side differently (> 0 versus === 1): when every side of the minute is
  // -1, 0 or 1 the bar's are the footprint's, copied at the minute's end; otherwise they are
  // summed again over the minute's trades (a check per trade instead of a pass over the day's
  // sides before the scan, which cost ~2.5%).
  readonly barSide = new Float64Array(3);

  // The minute just scanned.
  minute = NaN;
  minuteEnd = NaN;
  first = NaN;
  open = NaN;
  high = NaN;
  low = NaN;
  close = NaN;
  mVolume = 0;
  notional = 0;
  fpHigh = -Infinity;
  fpLow = Infinity;
  maxDelta = -Infinity;
  minDelta = Infinity;
  deltaAtHigh = 0;
  deltaAtLow = 0;
  trades = 0;

  constructor(trades: TradeColumns, quotes: QuoteColumns, flowConfig: MinuteFlowConfig) {
    this.tTs = trades.ts;
    this.tPrice = trades.price;
    this.tSize = trades.size;
    this.tSide = trades.side;
    this.qTs = quotes.ts;
    this.qBid = quotes.bidPrice;
    this.qAsk = quotes.askPrice;
    this.source = flowConfig.signSource === 'inferred' ? SOURCE_INFERRED : flowConfig.signSource === 'exchange' ? SOURCE_EXCHANGE : 2;
    this.maxAge = flowConfig.sideInference.maxQuoteStalenessMs;
    this.tickRule = flowConfig.sideInference.tickRuleFallback;
  }

  /** Takes the trades of the minute of trade `i` (and the quotes up to them). */
  scanMinute(): void {
    const tTs = this.tTs;
    const tPrice = this.tPrice;
    const tSize = this.tSize;
    const tSide = this.tSide;
    const qTs = this.qTs;
    const qBid = this.qBid;
    const qAsk = this.qAsk;
    const nt = tTs.length;
    const nq = qTs.length;
    const source = this.source;
    const maxAge = this.maxAge;
    const tickRule = this.tickRule;
    const barSide = this.barSide;
    const sums = this.sums;

    let i = this.i;
    let j = this.j;
    const first = tTs[i]!;
    if (!(first >= this.lastTradeTs)) throwTimeDisorder(tTs, 'trade');
    const minute = Math.floor(first / MINUTE_MS) * MINUTE_MS;
    const minuteEnd = minute + MINUTE_MS;
    const iStart = i;
    const open = tPrice[i]!;
    let mVolume = 0;
    let notional = 0;
    let maxDelta = -Infinity;
    let minDelta = Infinity;
    let deltaAtHigh = 0;
    let deltaAtLow = 0;
    barSide.fill(0);
    sums.fill(0, 0, 6);

    let disorder = this.disorder;
    let volume = this.volume;
    let fresh = this.fresh;
    let quoteSigned = this.quoteSigned;
    let tickRuleSigned = this.tickRuleSigned;
    let ambiguous = this.ambiguous;
    let reportedWithQuote = this.reportedWithQuote;
    let agreeing = this.agreeing;
    let ambiguousAmongReported = this.ambiguousAmongReported;
    let lo = this.lo;
    let hi = this.hi;
    let otherSides = 0;
    let quoteTs = this.quoteTs;
    let bid = this.bid;
    let ask = this.ask;

    // The level arrays are constants of the inner loop: a level outside them leaves the loop
    // before the trade has touched anything, grows them, and comes back to that trade.
    for (;;) {
      const cap = this.cap;
      const origin = this.origin;
      const cells = this.sideCells;
      const volAt = VOL_ROW * cap;
      const countAt = COUNT_ROW * cap;
      let growTo = NaN;
      let growing = false;

      for (; i < nt; i++) {
        const ts = tTs[i]!;
        // The minute's first trade always belongs to it, even at an infinite time.
        if (!(ts < minuteEnd) && i > iStart) break;
        const price = tPrice[i]!;
        // The level's offset as int32: computed in doubles, each of the three cells below turned it
        // back into an integer and checked it (~5% of the pass). A price that is not a whole
        // number of ticks (or NaN) leaves the loop like one outside the arrays, and is refused.
        const c = (price - origin) | 0;
        if (c !== price - origin || c < 0 || c >= cap) {
          growTo = price;
          growing = true;
          break;
        }
        // Against the trade before (the minute's first was checked against the last minute's).
        disorder |= +(ts < tTs[i - +(i > iStart)]!);
        if (j < nq && qTs[j]! <= ts) {
          let previous = j > 0 ? qTs[j - 1]! : -Infinity;
          do {
            const qt = qTs[j]!;
            disorder |= +(qt < previous);
            previous = qt;
            j++;
          } while (j < nq && qTs[j]! <= ts);
          quoteTs = qTs[j - 1]!;
          bid = qBid[j - 1]!;
          ask = qAsk[j - 1]!;
        }
        const size = tSize[i]!;
        const side = tSide[i]!;

        // Bar (MinuteBarScan); its high and low are the footprint's, its close the last price.
        mVolume += size;
        notional += price * size;

        // Footprint (FootprintBuilder.addTrade, levelTicks 1).
        if (price < lo) lo = price;
        if (price > hi) hi = price;
        cells[volAt + c]! += size;
        cells[countAt + c]!++;
        const fpRow = +(side === 1) - +(side === -1) + 1;
        cells[fpRow * cap + c]! += size;
        sums[fpRow]! += size;
        otherSides |= +((side + 1) >>> 0 > 2);
        const delta = sums[2]! - sums[0]!;
        if (delta > maxDelta) maxDelta = delta;
        if (delta < minDelta) minDelta = delta;
        // A price at or above every one before (FootprintBuilder's price >= high) is the high.
        if (price === hi) deltaAtHigh = delta;
        if (price === lo) deltaAtLow = delta;

        // Order flow (computeMinuteFlow).
        const age = ts - quoteTs;
        const isFresh = +(age >= 0) & +(age <= maxAge);
        const atAsk = isFresh & +(price >= ask);
        const atBid = isFresh & (atAsk ^ 1) & +(price <= bid);
        let inferred = atAsk - atBid;
        fresh += isFresh;
        quoteSigned += atAsk | atBid;
        if (tickRule) {
          // In fields rather than locals: off by default, and the loop has no registers to spare.
          let tickSign = this.lastTickSign;
          if (price > this.lastPrice) tickSign = 1;
          else if (price < this.lastPrice) tickSign = -1;
          this.lastPrice = price;
          this.lastTickSign = tickSign;
          if (inferred === 0 && tickSign !== 0) {
            inferred = tickSign;
            tickRuleSigned++;
          }
        }
        volume += size;
        const isAmbiguous = +(inferred === 0);
        ambiguous += isAmbiguous;
        sums[6 + isAmbiguous]! += size;
        const reported = isFresh & +(side !== 0);
        reportedWithQuote += reported;
        agreeing += reported & +(inferred === side);
        ambiguousAmongReported += reported & isAmbiguous;
        const sign = source === SOURCE_INFERRED ? inferred : source === SOURCE_EXCHANGE || side !== 0 ? side : inferred;
        sums[+(sign > 0) - +(sign < 0) + 4]! += size;
      }
      if (!growing) break;
      if (!Number.isInteger(growTo)) throw new RangeError(`trade ${i}: price ${growTo} is not a whole number of ticks`);
      this.lo = lo;
      this.hi = hi;
      this.reserve(growTo);
    }

    // Quotes up to the minute's end make its close snapshot.
    if (j < nq && qTs[j]! < minuteEnd) {
      let previous = j > 0 ? qTs[j - 1]! : -Infinity;
      do {
        const qt = qTs[j]!;
        disorder |= +(qt < previous);
        previous = qt;
        j++;
      } while (j < nq && qTs[j]! < minuteEnd);
    }

    this.i = i;
    this.j = j;
    if (j > 0) {
      quoteTs = qTs[j - 1]!;
      bid = qBid[j - 1]!;
      ask = qAsk[j - 1]!;
    }
    this.quoteTs = quoteTs;
    this.bid = bid;
    this.ask = ask;
    this.lastTradeTs = tTs[i - 1]!;
    this.lastQuoteTs = j > 0 ? qTs[j - 1]! : -Infinity;
    this.disorder = disorder;
    this.volume = volume;
    this.fresh = fresh;
    this.quoteSigned = quoteSigned;
    this.tickRuleSigned = tickRuleSigned;
    this.ambiguous = ambiguous;
    this.reportedWithQuote = reportedWithQuote;
    this.agreeing = agreeing;
    this.ambiguousAmongReported = ambiguousAmongReported;
    this.lo = lo;
    this.hi = hi;
    this.minute = minute;
    this.minuteEnd = minuteEnd;
    this.first = first;
    this.open = open;
    // The bar's high and low are the footprint's highest and lowest level (both start from the
    // minute's first price and take only greater or smaller ones), unless that price is NaN:
    // then the bar builder's comparisons keep NaN.
    this.high = open === open ? hi : open;
    this.low = open === open ? lo : open;
    const close = tPrice[i - 1]!;
    this.close = close;
    this.mVolume = mVolume;
    this.notional = notional;
    // FootprintBuilder keeps the last price equal to the high (low): the same number as the
    // first, unless the high (low) is zero and both signs of zero traded.
    this.fpHigh = hi === 0 ? lastPriceEqualTo(tPrice, iStart, i, hi) : hi;
    this.fpLow = lo === 0 ? lastPriceEqualTo(tPrice, iStart, i, lo) : lo;
    this.maxDelta = maxDelta;
    this.minDelta = minDelta;
    this.deltaAtHigh = deltaAtHigh;
    this.deltaAtLow = deltaAtLow;
    this.trades = i - iStart;
    if (otherSides === 0) barSide.set(this.fpSide);
    else {
      for (let k = iStart; k < i; k++) {
        const side = tSide[k]!;
        barSide[+(side > 0) - +(side < 0) + 1]! += tSize[k]!;
      }
    }
  }

  /** Zeroes the footprint levels the minute used. */
  clearLevels(): void {
    if (this.lo <= this.hi) {
      const from = this.lo - this.origin;
      const to = this.hi - this.origin + 1;
      const cap = this.cap;
      for (let row = 0; row < CELL_ROWS; row++) this.sideCells.fill(0, row * cap + from, row * cap + to);
    }
    this.lo = Infinity;
    this.hi = -Infinity;
  }

  /** Makes `level` addressable, as FootprintBuilder.reserve does. */
  private reserve(level: number): void {
    if (this.lo > this.hi) {
      // Empty minute: the arrays are all zero, so re-centre on the level instead of growing.
      this.origin = level - (this.cap >> 1);
      return;
    }
    const cap = this.cap;
    const plan = planGrowth(this.origin, cap, Math.min(level, this.lo), Math.max(level, this.hi));
    const shift = this.origin - plan.origin;
    const next = plan.capacity;
    const cells = new Float64Array(CELL_ROWS * next);
    for (let row = 0; row < CELL_ROWS; row++) cells.set(this.sideCells.subarray(row * cap, row * cap + cap), row * next + shift);
    this.sideCells = cells;
    this.vol = cells.subarray(VOL_ROW * next, (VOL_ROW + 1) * next);
    this.count = cells.subarray(COUNT_ROW * next, (COUNT_ROW + 1) * next);
    this.cap = plan.capacity;
    this.origin = plan.origin;
  }
}

/**
 * One walk over the trades (and the quotes alongside) feeding every module. Trades are read
 * once and each is worked on while in registers; with footprint levels of one tick, 1m footprint
 * bars and one-tick base bins, a minute's footprint volume per level is exactly the rolling
 * profile's histogram of that minute, so the profile is handed the minute whole. Other settings,
 * or times before 1970 (where the bar builder rounds minutes differently), go through the
 * modules one after another. On the 2M-trade + 8M-quote benchmark tape (npm run bench --
 * market-core, a shared 2-core machine) this pass ran at 13.9-17.5M trades/s against 12.5-13.7M/s
 * for the (sped-up) modules in sequence in the same runs, and 8.6-8.8M/s for the modules before.
 * It is bound by memory and by one unpredictable branch per trade (the end of its run of quotes):
 * removing the quote walk alone takes a quarter off. What else helped, in on-CPU time of the
 * scan (best of 40, interleaved, loaded machine): fewer values carried from trade to trade
 * (the bar's high, low and close and the footprint's high and low follow from its levels and
 * the last trade; the time order is checked against the previous element), the sums in one
 * array, and one buffer per footprint bar: 17.2M/s before, 19.0M/s after. A branch-free binary
 * search for the quotes, prefetching the quote columns and dropping the bounds check from the
 * walk did not help.
 *
 * Prices are integer ticks (any other price throws). Trades and quotes must each be in time order
 * (a quote at a trade's millisecond applies to it); time going backwards throws, as
 * computeMinuteFlow does.
 */
export function computeMarketCore(trades: TradeColumns, quotes: QuoteColumns, config: Partial<MarketCoreConfig> = {}): MarketCoreResult {
  const fpConfig = footprintConfig(config.footprint);
  const rollingConfig = rollingProfileConfig(config.rolling);
  const nt = trades.length;
  if (fpConfig.levelTicks !== 1 || fpConfig.barMs !== MINUTE_MS || rollingConfig.baseBinTicks !== 1 || (nt > 0 && !(trades.ts[0]! >= 0))) {
    return computeMarketCoreSeparately(trades, quotes, config);
  }
  const flowConfig: MinuteFlowConfig = { ...DEFAULT_MINUTE_FLOW, ...config.flow };
  const capacity = barCapacity(trades.ts);

  const recorder = new LevelRecorder(capacity);
  const profile = new RollingProfile(rollingConfig, (minute, p) => recorder.record(minute, p));
  const writer = new MinuteFlowWriter(capacity, flowConfig);
  const footprint: FootprintBar[] = [];
  const bars = new BarRows(capacity);
  const scan = new MinuteScan(trades, quotes, flowConfig);

  while (scan.i < nt) {
    scan.scanMinute();
    if (scan.disorder !== 0) throwDisorder(trades.ts, quotes.ts);
    bars.add(scan, scan.i < nt);
    footprint.push(
      footprintBarOf({
        ts: scan.minute,
        barMs: MINUTE_MS,
        levelTicks: 1,
        lo: scan.lo,
        hi: scan.hi,
        origin: scan.origin,
        bid: scan.sideCells,
        bidOffset: 0,
        ask: scan.sideCells,
        askOffset: 2 * scan.cap,
        vol: scan.vol,
        count: scan.count,
        open: scan.open,
        high: scan.fpHigh,
        low: scan.fpLow,
        close: scan.close,
        totalVolume: scan.mVolume,
        buyVolume: scan.fpSide[2]!,
        sellVolume: scan.fpSide[0]!,
        maxDelta: scan.maxDelta,
        minDelta: scan.minDelta,
        deltaAtHigh: scan.deltaAtHigh,
        deltaAtLow: scan.deltaAtLow,
        trades: scan.trades,
      }),
    );
    profile.addClosedMinute(scan.minute, { volumes: scan.vol, origin: scan.origin, lo: scan.lo, hi: scan.hi }, scan.close);
    writer.emit(scan.minute, scan.trades, scan.bySign, scan.mVolume, quotes, scan.j - 1);
    scan.clearLevels();
  }
  // The quotes after the last minute are still checked for order, as computeMinuteFlow does.
  const qTs = quotes.ts;
  let lastQuoteTs = scan.lastQuoteTs;
  for (let j = scan.j; j < qTs.length; j++) {
    const qt = qTs[j]!;
    if (!(qt >= lastQuoteTs)) throwTimeDisorder(qTs, 'quote');
    lastQuoteTs = qt;
  }

  const flowStats = sideInferenceStats({
    trades: nt,
    volume: scan.volume,
    quoteSigned: scan.quoteSigned,
    insideSpread: scan.fresh - scan.quoteSigned,
    staleOrMissingQuote: nt - scan.fresh,
    tickRuleSigned: scan.tickRuleSigned,
    ambiguous: scan.ambiguous,
    ambiguousVolume: scan.ambiguousSum[1]!,
    reportedWithQuote: scan.reportedWithQuote,
    agreeing: scan.agreeing,
    ambiguousAmongReported: scan.ambiguousAmongReported,
  });
  return { bars: bars.columns(), footprint, levels: recorder.columns(), profile, flow: writer.columns(), flowStats };
}

/** Bar columns written one minute at a time, with MinuteBarScan's arithmetic. */
class BarRows {
  private readonly ts: Float64Array;
  private readonly open: Float64Array;
  private readonly high: Float64Array;
  private readonly low: Float64Array;
  private readonly close: Float64Array;
  private readonly volume: Float64Array;
  private readonly vwap: Float64Array;
  private readonly trades: Float64Array;
  private readonly buy: Float64Array;
  private readonly sell: Float64Array;
  private n = 0;

  constructor(capacity: number) {
    this.ts = new Float64Array(capacity);
    this.open = new Float64Array(capacity);
    this.high = new Float64Array(capacity);
    this.low = new Float64Array(capacity);
    this.close = new Float64Array(capacity);
    this.volume = new Float64Array(capacity);
    this.vwap = new Float64Array(capacity);
    this.trades = new Float64Array(capacity);
    this.buy = new Float64Array(capacity);
    this.sell = new Float64Array(capacity);
  }

  add(s: MinuteScan, more: boolean): void {
    const b = this.n++;
    // The bar builder's minute (time - time % 1 minute) is the floor for times from 1970 on.
    this.ts[b] = s.first - (s.first % MINUTE_MS);
    this.open[b] = s.open;
    this.high[b] = s.high;
    this.low[b] = s.low;
    this.close[b] = s.close;
    this.volume[b] = s.mVolume;
    // The last bar's rule differs (MinuteBarScan.finish).
    this.vwap[b] = more ? s.notional / s.mVolume : s.mVolume > 0 ? s.notional / s.mVolume : s.close;
    this.trades[b] = s.trades;
    this.buy[b] = s.barSide[2]!;
    this.sell[b] = s.barSide[0]!;
  }

  columns(): BarColumns {
    const n = this.n;
    return {
      length: n,
      ts: this.ts.subarray(0, n),
      open: this.open.subarray(0, n),
      high: this.high.subarray(0, n),
      low: this.low.subarray(0, n),
      close: this.close.subarray(0, n),
      volume: this.volume.subarray(0, n),
      vwap: this.vwap.subarray(0, n),
      trades: this.trades.subarray(0, n),
      buyVolume: this.buy.subarray(0, n),
      sellVolume: this.sell.subarray(0, n),
    };
  }
}
