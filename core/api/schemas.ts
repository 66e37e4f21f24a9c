// Schemas of the values that cross the API boundary (host <-> renderer). Shared by both sides so
// a message is checked against the same definition it was typed from.

import { z } from 'zod';

export const TradeSchema = z.object({
  ts: z.number().int().nonnegative(),
  price: z.number().int(),
  size: z.number().positive(),
  side: z.union([z.literal(1), z.literal(-1), z.literal(0)]),
  id: z.number().int().optional(),
});

export const QuoteSchema = z
  .object({
    ts: z.number().int().nonnegative(),
    bidPrice: z.number().int(),
    bidSize: z.number().nonnegative(),
    askPrice: z.number().int(),
    askSize: z.number().nonnegative(),
  })
  .refine((q) => q.bidPrice < q.askPrice, { message: 'crossed or locked quote (bid >= ask)' });

export const BarSchema = z.object({
  ts: z.number().int().nonnegative(),
  open: z.number().int(),
  high: z.number().int(),
  low: z.number().int(),
  close: z.number().int(),
  volume: z.number().nonnegative(),
  vwap: z.number(),
  trades: z.number().int().nonnegative(),
  buyVolume: z.number().nonnegative(),
  sellVolume: z.number().nonnegative(),
  delta: z.number(),
  closeQuote: QuoteSchema.nullable(),
});

export const InstrumentSchema = z.object({
  symbol: z.string().min(1),
  venue: z.string().min(1),
  tickSize: z.number().positive(),
  contractSize: z.number().positive(),
  sizeStep: z.number().positive(),
  takerFeeBps: z.number(),
  makerFeeBps: z.number(),
  fundingIntervalHours: z.number().nonnegative(),
});

export const FeedStateSchema = z.enum(['connecting', 'live', 'stale', 'disconnected']);

export const FeedStatusSchema = z.object({
  source: z.string().min(1),
  symbol: z.string().min(1),
  state: FeedStateSchema,
  /** Time of the last market event received, UTC ms (null before the first). */
  lastEventTs: z.number().int().nullable(),
  message: z.string(),
});

/** The rolling 4-hour value area (seed 003 §5.4) as the profile worker last published it. */
export const ProfileLevelsSchema = z.object({
  valid: z.boolean(),
  /** Low edges of the POC, VAH and VAL bins, in ticks (NaN-free: 0 when invalid). */
  poc: z.number(),
  vah: z.number(),
  val: z.number(),
  binTicks: z.number().nonnegative(),
  coverage: z.number().min(0).max(1),
  /** Open time of the latest minute in the window, UTC ms (0 before the first). */
  minuteTs: z.number(),
});

/** The seed 003 features of the latest closed minute, with the auction context around them. */
export const MinuteFeaturesSchema = z.object({
  tsMin: z.number().int(),
  midClose: z.number().nullable(),
  sigma240: z.number().nullable(),
  /** Ticks. */
  binWidth: z.number().nullable(),
  of1m: z.number().nullable(),
  ofNorm1m: z.number().nullable(),
  qimb: z.number().nullable(),
  ambiguousFrac: z.number().nullable(),
  bvcBuyFrac: z.number().nullable(),
  cvd: z.number(),
  /** Seed 002 market state from the value area and 20-minute momentum. */
  marketState: z.enum(['BALANCE', 'IMBALANCE_UP', 'IMBALANCE_DOWN']).nullable(),
  distanceFromPocPct: z.number().nullable(),
  /** Seed 004 session, and the setup seed 002 favours in it. */
  session: z.enum(['ASIA', 'LONDON', 'NY_AM', 'NY_PM']).nullable(),
  favouredSetup: z.string().nullable(),
  /** Seed 002 aggression score (0-100) of the minute and the side it points to. */
  aggression: z.object({ score: z.number().min(0).max(100), direction: z.enum(['BUY', 'SELL']) }).nullable().default(null),
});

export const MarketSnapshotSchema = z.object({
  instrument: InstrumentSchema,
  /** Closed 1m bars, oldest first, then the forming bar (if any) last. */
  bars: z.array(BarSchema),
  quote: QuoteSchema.nullable(),
  recentTrades: z.array(TradeSchema),
  status: FeedStatusSchema,
  profile: ProfileLevelsSchema.nullable(),
  features: MinuteFeaturesSchema.nullable(),
});

/** One bar's footprint: volume at the bid (sell aggressors) and at the ask per price level. */
export const FootprintBarSchema = z.object({
  ts: z.number().int(),
  /** Ticks per level (grouping). */
  levelTicks: z.number().int().positive(),
  /** Low edge of row 0, ticks; row r covers [first + r*levelTicks, first + (r+1)*levelTicks). */
  firstLevelPrice: z.number().int(),
  bid: z.array(z.number().nonnegative()),
  ask: z.array(z.number().nonnegative()),
  pocPrice: z.number().int(),
  volume: z.number().nonnegative(),
  delta: z.number(),
  maxDelta: z.number(),
  minDelta: z.number(),
});

export const MarketUpdateSchema = z.object({
  symbol: z.string().min(1),
  trades: z.array(TradeSchema),
  quote: QuoteSchema.nullable(),
  /** Bars that changed since the last update, oldest first; the last one may still be forming. */
  bars: z.array(BarSchema),
  /** The value area, when it changed since the last update. */
  profile: ProfileLevelsSchema.nullable(),
  /** Footprints of the bars that changed (the forming one, and one just closed). */
  footprints: z.array(FootprintBarSchema),
  /** The features of a minute that just closed. */
  features: MinuteFeaturesSchema.nullable(),
});

export const AppInfoSchema = z.object({
  name: z.literal('Auctioneer'),
  version: z.string(),
  shell: z.enum(['electron', 'web']),
  symbols: z.array(z.string()),
});

export const ApiErrorSchema = z.object({
  code: z.enum(['bad_request', 'unknown_method', 'not_found', 'internal']),
  message: z.string(),
});

/** Where market data comes from: the built-in simulated market, the local exchange simulator
 * (Binance protocol through ccxt on 127.0.0.1), or a real exchange through ccxt. */
export const FeedChoiceSchema = z.discriminatedUnion('source', [
  z.object({ source: z.literal('sim'), seed: z.number().int().nonnegative().default(1) }),
  z.object({ source: z.literal('exchange-sim'), seed: z.number().int().nonnegative().default(1) }),
  z.object({
    source: z.literal('exchange'),
    exchange: z.string().regex(/^[a-z0-9]+$/, 'a ccxt exchange id such as binanceusdm'),
    symbol: z.string().min(1).max(40),
  }),
  /** Stored ticks replayed on the replay clock. */
  z.object({
    source: z.literal('replay'),
    fromTs: z.number().int().nonnegative(),
    toTs: z.number().int().positive(),
    speed: z.number().min(1).max(1000).default(1),
    /** Start paused at this time (how a backward jump is replayed). */
    startAt: z.number().int().nonnegative().optional(),
  }),
]);

export const ReplayStateSchema = z.object({
  fromTs: z.number(),
  toTs: z.number(),
  marketTs: z.number(),
  playing: z.boolean(),
  speed: z.number(),
  finished: z.boolean(),
});

export const ReplayControlSchema = z.discriminatedUnion('action', [
  z.object({ action: z.literal('play') }),
  z.object({ action: z.literal('pause') }),
  z.object({ action: z.literal('step') }),
  z.object({ action: z.literal('speed'), speed: z.number().min(1).max(1000) }),
  z.object({ action: z.literal('jump'), ts: z.number().int().nonnegative() }),
]);

/** What the store holds for replay, by UTC day. */
export const StoreCalendarSchema = z.object({
  instrument: z.string(),
  days: z.array(z.object({ dayTs: z.number(), firstTs: z.number(), lastTs: z.number(), trades: z.number(), quotes: z.number() })),
});

export const FeedOptionsSchema = z.object({
  current: FeedChoiceSchema,
  /** Sources this build can connect to, with a reason where one cannot be used. */
  sources: z.array(z.object({ source: z.enum(['sim', 'exchange-sim', 'exchange', 'replay']), available: z.boolean(), note: z.string() })),
  /** The connection the trader chose last (restored at start), or null if none was kept. */
  saved: FeedChoiceSchema.nullable().optional(),
  /** Restoring the saved connection at start failed: why, and the fallback now running. */
  restoreFailure: z.object({ choice: FeedChoiceSchema, error: z.string() }).nullable().optional(),
});

/** A fill as the paper account reports it. */
export const PaperFillSchema = z.object({
  ts: z.number(),
  side: z.enum(['buy', 'sell']),
  qty: z.number(),
  price: z.number(),
  fee: z.number(),
  role: z.string(),
  realizedPnl: z.number(),
});

/** A working order of the paper account (prices in ticks), for the chart and the orders list. */
export const PaperWorkingOrderSchema = z.object({
  id: z.number().int(),
  side: z.enum(['buy', 'sell']),
  type: z.enum(['market', 'limit', 'stop']),
  /** entry (of a bracket), stop, target, flatten or a plain order. */
  role: z.enum(['order', 'entry', 'stop', 'target', 'flatten']),
  qty: z.number(),
  /** The limit price, or the stop's trigger price; null for market orders. */
  price: z.number().nullable(),
  bracketId: z.number().int().nullable(),
  targetIndex: z.number().int().nullable(),
});

export const PaperStateSchema = z.object({
  account: z.string(),
  balance: z.number(),
  equity: z.number(),
  unrealizedPnl: z.number(),
  realizedPnl: z.number(),
  fees: z.number(),
  /** Signed contracts. */
  positionQty: z.number(),
  /** Ticks (0 when flat). */
  avgEntry: z.number(),
  stop: z.number().nullable(),
  targets: z.array(z.number()),
  workingOrders: z.number().int(),
  /** The working orders themselves, oldest first. */
  orders: z.array(PaperWorkingOrderSchema),
  /** The price PnL is marked at (ticks), null before market data. */
  markPrice: z.number().nullable(),
  fills: z.array(PaperFillSchema),
});

/**
 * A bracket preset: the stop in ticks or points (price units) from the entry, the targets in
 * ticks, points or R (multiples of the stop distance), each closing a share of the quantity.
 */
export const BracketPresetSchema = z
  .object({
    stop: z.number().positive(),
    stopUnit: z.enum(['ticks', 'points']),
    targetUnit: z.enum(['ticks', 'points', 'R']),
    targets: z.array(z.object({ distance: z.number().positive(), share: z.number().positive().max(1) })).max(4),
  })
  .refine((p) => p.targets.reduce((a, t) => a + t.share, 0) <= 1 + 1e-9, { message: 'target shares add up to more than 100%' });

/** One click: an entry at market, or a limit at a clicked price (ticks), protected by a preset. */
export const PaperOrderSchema = z
  .object({
    side: z.enum(['buy', 'sell']),
    qty: z.number().positive(),
    type: z.enum(['market', 'limit']).default('market'),
    limitPrice: z.number().int().optional(),
    bracket: BracketPresetSchema,
  })
  .refine((o) => o.type === 'market' || o.limitPrice !== undefined, { message: 'a limit order needs limitPrice' });

/** Moves a working order (a dragged line): a stop's trigger, a target's or a limit entry's price. */
export const PaperMoveSchema = z.object({ orderId: z.number().int(), price: z.number().int() }).strict();
