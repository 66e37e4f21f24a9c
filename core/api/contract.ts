// The API contract: every request the renderer may make and every event the host may push.
// This map is the whole interface between UI and host; both transports (Electron IPC and the
// web-mode WebSocket) carry exactly these messages, validated on arrival with these schemas.

import { z } from 'zod';
import {
  AppInfoSchema,
  FeedChoiceSchema,
  FeedOptionsSchema,
  FeedStatusSchema,
  FootprintBarSchema,
  MarketSnapshotSchema,
  MarketUpdateSchema,
  BracketPresetSchema,
  PaperMoveSchema,
  PaperOrderSchema,
  PaperStateSchema,
  ReplayControlSchema,
  ReplayStateSchema,
  StoreCalendarSchema,
} from './schemas';
import { backtestEvents, backtestRequests } from './areas/backtest';
import { marketEvents, marketRequests } from './areas/market';
import { settingsEvents, settingsRequests } from './areas/settings';
import { strategiesEvents, strategiesRequests } from './areas/strategies';

export const requests = {
  'app.info': {
    params: z.object({}).strict(),
    result: AppInfoSchema,
  },
  'market.snapshot': {
    params: z.object({ symbol: z.string().min(1) }).strict(),
    result: MarketSnapshotSchema,
  },
  'market.footprint': {
    params: z.object({ symbol: z.string().min(1), fromTs: z.number().int(), toTs: z.number().int() }).strict(),
    result: z.object({ levelTicks: z.number().int().positive(), bars: z.array(FootprintBarSchema) }),
  },
  'feed.options': {
    params: z.object({}).strict(),
    result: FeedOptionsSchema,
  },
  'feed.connect': {
    params: FeedChoiceSchema,
    result: FeedStatusSchema,
  },
  'replay.control': {
    params: ReplayControlSchema,
    result: ReplayStateSchema,
  },
  'paper.state': { params: z.object({}).strict(), result: PaperStateSchema },
  'paper.order': { params: PaperOrderSchema, result: PaperStateSchema },
  'paper.flatten': { params: z.object({}).strict(), result: PaperStateSchema },
  /** Flattens and opens the same size the other way, protected by the preset. */
  'paper.reverse': { params: z.object({ bracket: BracketPresetSchema }).strict(), result: PaperStateSchema },
  /** Cancels one working order (an entry takes its bracket with it). */
  'paper.cancel': { params: z.object({ orderId: z.number().int() }).strict(), result: PaperStateSchema },
  /** Cancels every working order; the position stays. */
  'paper.cancelAll': { params: z.object({}).strict(), result: PaperStateSchema },
  'paper.move': { params: PaperMoveSchema, result: PaperStateSchema },
  'store.calendar': {
    params: z.object({}).strict(),
    result: StoreCalendarSchema,
  },
  ...marketRequests,
  ...backtestRequests,
  ...strategiesRequests,
  ...settingsRequests,
} as const;

export const events = {
  'market.update': MarketUpdateSchema,
  'feed.status': FeedStatusSchema,
  /** The market was replaced (another feed): drop what is shown and load a fresh snapshot. */
  'market.reset': z.object({ symbol: z.string().min(1) }),
  /** Where the replay is (on every control, and a few times a second while playing). */
  'replay.state': ReplayStateSchema,
  /** The paper account after a fill, an order or a position change. */
  'paper.state': PaperStateSchema,
  /** Something the trader should hear about (also sent to Discord when configured). */
  alert: z.object({ kind: z.string(), ts: z.number(), title: z.string(), message: z.string() }),
  ...marketEvents,
  ...backtestEvents,
  ...strategiesEvents,
  ...settingsEvents,
} as const;

export type RequestName = keyof typeof requests;
export type EventName = keyof typeof events;
/** What a caller sends (defaults may be left out). */
export type RequestParams<K extends RequestName> = z.input<(typeof requests)[K]['params']>;
/** What a handler receives: the params after the schema check, defaults filled in. */
export type HandlerParams<K extends RequestName> = z.output<(typeof requests)[K]['params']>;
export type RequestResult<K extends RequestName> = z.output<(typeof requests)[K]['result']>;
export type EventPayload<K extends EventName> = z.output<(typeof events)[K]>;

/** What the host implements: one async handler per request. */
export type ApiHandlers = {
  [K in RequestName]: (params: HandlerParams<K>) => Promise<RequestResult<K>>;
};

export type EventListener = <K extends EventName>(name: K, payload: EventPayload<K>) => void;

/** What the renderer sees, whatever the transport: typed requests and typed event subscriptions. */
export interface AuctioneerApi {
  request<K extends RequestName>(name: K, params: RequestParams<K>): Promise<RequestResult<K>>;
  on<K extends EventName>(name: K, listener: (payload: EventPayload<K>) => void): () => void;
}

export function isRequestName(name: string): name is RequestName {
  return Object.hasOwn(requests, name);
}

export function isEventName(name: string): name is EventName {
  return Object.hasOwn(events, name);
}
