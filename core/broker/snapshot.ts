// The broker's whole state as plain JSON, and its schema: paper trading journals the snapshot to
// SQLite and rebuilds the broker from it after a crash, so it is validated on the way back in.

import { z } from 'zod';
import type { Quote } from '../market/events';
import type { Bracket, Order } from './types';

export interface PositionState {
  qty: number;
  avgEntry: number;
  realizedPnl: number;
  fees: number;
  funding: number;
}

export interface BrokerSnapshot {
  version: 1;
  /** Latest market or command time seen; null before the first event. */
  clock: number | null;
  balance: number;
  position: PositionState;
  /** Working (and triggered) orders only, in id order: finished orders live in the event journal. */
  orders: Order[];
  brackets: Bracket[];
  nextOrderId: number;
  nextBracketId: number;
  nextFillId: number;
  nextSeq: number;
  lastQuote: Quote | null;
  lastTradePrice: number | null;
  lastBarTs: number | null;
  lastBarClose: number | null;
  lastCloseQuote: Quote | null;
  /** Next flat-funding boundary, once the clock has started. */
  nextFundingTs: number | null;
  /** Index of the next event of a funding schedule. */
  fundingCursor: number;
}

const num = z.number();
const side = z.enum(['buy', 'sell']);
const quote = z.object({ ts: num, bidPrice: num, bidSize: num, askPrice: num, askSize: num });

const order = z.object({
  id: z.number().int(),
  side,
  type: z.enum(['market', 'limit', 'stop']),
  qty: num,
  limitPrice: num.nullable(),
  stopPrice: num.nullable(),
  reduceOnly: z.boolean(),
  ocoGroup: z.string().nullable(),
  tag: z.string().nullable(),
  role: z.enum(['order', 'entry', 'stop', 'target', 'flatten']),
  bracketId: z.number().int().nullable(),
  targetIndex: z.number().int().nullable(),
  decisionTs: num,
  activeAfter: num,
  status: z.enum(['working', 'triggered', 'filled', 'cancelled']),
  resting: z.boolean(),
  triggeredTs: num.nullable(),
});

const bracket = z.object({
  id: z.number().int(),
  side,
  qty: num,
  tag: z.string().nullable(),
  entryOrderId: z.number().int().nullable(),
  stopPrice: num.nullable(),
  targets: z.array(z.object({ price: num, share: num })),
  stopOrderId: z.number().int().nullable(),
  targetOrderIds: z.array(z.number().int()),
  openQty: num,
});

export const BrokerSnapshotSchema = z.object({
  version: z.literal(1),
  clock: num.nullable(),
  balance: num,
  position: z.object({ qty: num, avgEntry: num, realizedPnl: num, fees: num, funding: num }),
  orders: z.array(order),
  brackets: z.array(bracket),
  nextOrderId: z.number().int(),
  nextBracketId: z.number().int(),
  nextFillId: z.number().int(),
  nextSeq: z.number().int(),
  lastQuote: quote.nullable(),
  lastTradePrice: num.nullable(),
  lastBarTs: num.nullable(),
  lastBarClose: num.nullable(),
  lastCloseQuote: quote.nullable(),
  nextFundingTs: num.nullable(),
  fundingCursor: z.number().int().nonnegative(),
});

/** Validates a journaled snapshot (throws a ZodError naming the bad field) and returns a private copy. */
export function parseSnapshot(raw: unknown): BrokerSnapshot {
  const parsed: BrokerSnapshot = BrokerSnapshotSchema.parse(raw);
  return cloneSnapshot(parsed);
}

/** A deep copy through JSON: the snapshot is plain data by construction. */
export function cloneSnapshot(s: BrokerSnapshot): BrokerSnapshot {
  return JSON.parse(JSON.stringify(s)) as BrokerSnapshot;
}
