// The paper broker's public contract: what an engine submits, what it reads back, and the events a
// journal records. One broker serves backtest, replay and live paper (DESIGN.md §2).
//
// Units (DESIGN.md §3): prices are integer ticks of the instrument, quantities are contracts (a
// multiple of the instrument's sizeStep), timestamps are UTC epoch ms, money is quote currency
// (ticks * tickSize * contractSize * qty). Fees and funding are positive when paid.
//
// Time contract: every command carries the decision time. Nothing submitted at decision time D can
// fill or trigger on market data stamped <= D; the engine must submit before it forwards the event
// that revealed the bar close, so that event is "the first quote strictly after the decision".

export type Side = 'buy' | 'sell';
export type OrderType = 'market' | 'limit' | 'stop';
export type Liquidity = 'maker' | 'taker';
/** 'tick': driven by onQuote/onTrade. 'bar': driven by onBar with 1m-bar approximations. */
export type FillMode = 'tick' | 'bar';
/** Why an order exists; carried onto its fills so the engine can react (e.g. tighten after a target). */
export type OrderRole = 'order' | 'entry' | 'stop' | 'target' | 'flatten';

export interface OrderRequest {
  readonly side: Side;
  readonly type: OrderType;
  readonly qty: number;
  /** Required for 'limit'. */
  readonly limitPrice?: number;
  /** Trigger price, required for 'stop' (stop-market). */
  readonly stopPrice?: number;
  /** Never increases or flips the position: clamped to the position at fill time, cancelled when flat. */
  readonly reduceOnly?: boolean;
  /** Orders sharing a group are one-cancels-other: the first fill cancels the rest. */
  readonly ocoGroup?: string;
  readonly tag?: string;
}

export type EntrySpec =
  | { readonly type: 'market' }
  | { readonly type: 'limit'; readonly limitPrice: number }
  | { readonly type: 'stop'; readonly stopPrice: number };

/** A take-profit: a limit price and the share of the entry quantity it closes (e.g. 0.5). */
export interface TargetSpec {
  readonly price: number;
  readonly share: number;
}

/**
 * An entry with a protective stop and any number of take-profits. The stop and targets are placed
 * when the entry fills; the stop's quantity follows the bracket's remaining position as targets
 * fill; a stop fill cancels the targets and the last target fill cancels the stop. Target shares
 * must sum to at most 1; what is left over is a runner protected by the stop only.
 */
export interface BracketRequest {
  readonly side: Side;
  readonly qty: number;
  readonly entry: EntrySpec;
  /** Null only when the broker is configured without requireStop. */
  readonly stopPrice: number | null;
  readonly targets: readonly TargetSpec[];
  readonly tag?: string;
}

/** Protection for the new position when reversing. */
export interface ReverseProtection {
  readonly stopPrice: number | null;
  readonly targets: readonly TargetSpec[];
}

export type OrderStatus = 'working' | 'triggered' | 'filled' | 'cancelled';

export interface Order {
  readonly id: number;
  readonly side: Side;
  readonly type: OrderType;
  qty: number;
  limitPrice: number | null;
  stopPrice: number | null;
  readonly reduceOnly: boolean;
  readonly ocoGroup: string | null;
  readonly tag: string | null;
  readonly role: OrderRole;
  readonly bracketId: number | null;
  readonly targetIndex: number | null;
  /** The decision time given at submission (or the fill time of the entry, for bracket children). */
  readonly decisionTs: number;
  /** Only market data stamped strictly after this can fill or trigger the order (moved by modify). */
  activeAfter: number;
  status: OrderStatus;
  /** A limit that was not marketable when it became live: it now rests and fills as maker. */
  resting: boolean;
  /** When a stop triggered; from then on it is a market order. */
  triggeredTs: number | null;
}

export interface Bracket {
  readonly id: number;
  readonly side: Side;
  readonly qty: number;
  readonly tag: string | null;
  /** Null once the entry has filled. */
  entryOrderId: number | null;
  stopPrice: number | null;
  targets: TargetSpec[];
  stopOrderId: number | null;
  targetOrderIds: number[];
  /** Position still held by this bracket (entry fill minus target and stop fills). */
  openQty: number;
}

export interface Fill {
  readonly id: number;
  readonly orderId: number;
  readonly bracketId: number | null;
  readonly role: OrderRole;
  readonly targetIndex: number | null;
  readonly tag: string | null;
  readonly side: Side;
  readonly qty: number;
  readonly price: number;
  readonly decisionTs: number;
  /** When a stop triggered (it then filled as a market order); null for other orders. */
  readonly triggerTs: number | null;
  readonly ts: number;
  readonly liquidity: Liquidity;
  /** price * tickSize * contractSize * qty. */
  readonly notional: number;
  /** Positive when paid, negative for a maker rebate. */
  readonly fee: number;
  /** Price before slippage (the touch, bar open, or stop level). */
  readonly refPrice: number;
  /** Ticks paid against refPrice (>= 0). */
  readonly slippageTicks: number;
  readonly slippageCost: number;
  /** ask - bid of the quote the fill used; null when no quote was available (bar mode). */
  readonly spreadTicks: number | null;
  /** Gross PnL realised by this fill (fees excluded). */
  readonly realizedPnl: number;
  readonly positionAfter: number;
}

export interface Position {
  /** Signed contracts: > 0 long, < 0 short. */
  readonly qty: number;
  /** Average entry in ticks (fractional after averaging in); 0 when flat. */
  readonly avgEntry: number;
  /** Cumulative gross realised PnL, fees and funding since the account started. */
  readonly realizedPnl: number;
  readonly fees: number;
  readonly funding: number;
}

export interface AccountState {
  /** Cash: initial balance + realised PnL - fees - funding. */
  readonly balance: number;
  readonly unrealizedPnl: number;
  readonly equity: number;
  /** The price unrealised PnL uses: last quote mid (tick mode, else last trade) or last bar close. */
  readonly markPrice: number | null;
  readonly position: Position;
}

export type RejectReason =
  | 'bad-qty'
  | 'bad-price'
  | 'missing-price'
  | 'stop-required'
  | 'stop-wrong-side'
  | 'target-wrong-side'
  | 'bad-target-shares'
  | 'stale-decision-ts'
  | 'no-position'
  | 'unknown-order'
  | 'unknown-bracket';

export type CancelReason =
  | 'user'
  | 'oco'
  | 'stop-filled'
  | 'targets-filled'
  | 'flatten'
  | 'reduce-only-no-position'
  | 'bracket-cancelled';

export type CommandResult<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly reason: RejectReason; readonly message: string };

export interface FundingEvent {
  readonly ts: number;
  /** Rate for this funding period (0.0001 = 1 bp); longs pay positive rates. */
  readonly rate: number;
  /** Mark price in ticks at ts; the broker's own mark is used when absent. */
  readonly markPrice?: number;
}

interface EventBase {
  /** Strictly increasing across the broker's life (survives snapshot/restore). */
  readonly seq: number;
  readonly ts: number;
}

export type BrokerEvent = EventBase &
  (
    | { readonly type: 'order-submitted'; readonly order: Order }
    | { readonly type: 'order-accepted'; readonly order: Order }
    | { readonly type: 'order-rejected'; readonly reason: RejectReason; readonly message: string }
    | { readonly type: 'order-triggered'; readonly orderId: number }
    | { readonly type: 'order-modified'; readonly order: Order }
    | { readonly type: 'order-cancelled'; readonly orderId: number; readonly reason: CancelReason }
    | { readonly type: 'order-filled'; readonly fill: Fill }
    | { readonly type: 'position-changed'; readonly position: Position }
    | { readonly type: 'balance-changed'; readonly balance: number; readonly delta: number; readonly cause: 'fill' | 'funding' }
    | { readonly type: 'funding-applied'; readonly rate: number; readonly markPrice: number; readonly positionQty: number; readonly amount: number }
  );

export type BrokerEventType = BrokerEvent['type'];
