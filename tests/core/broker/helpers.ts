// Shared builders for the broker tests: quotes, trades, bars and a broker with test defaults.
// The instrument is BTCUSDT perp: 1 tick = 0.1 USDT, so 1_000_000 ticks = 100,000 USDT.

import { DEFAULT_BROKER_CONFIG, type BrokerConfig } from '../../../core/broker/config';
import { PaperBroker } from '../../../core/broker/paper-broker';
import type { BrokerEvent, Fill } from '../../../core/broker/types';
import type { Bar } from '../../../core/market/bars';
import type { Quote, Trade } from '../../../core/market/events';
import { BTCUSDT_PERP } from '../../../core/market/instrument';

export const INST = BTCUSDT_PERP;
export const T0 = Date.UTC(2025, 0, 6, 10, 0, 0);

export const quote = (ts: number, bid: number, ask: number): Quote => ({ ts, bidPrice: bid, bidSize: 1, askPrice: ask, askSize: 1 });
export const trade = (ts: number, price: number): Trade => ({ ts, price, size: 0.1, side: 0 });

export function bar(ts: number, open: number, high: number, low: number, close: number, closeQuote: Quote | null = null): Bar {
  return { ts, open, high, low, close, volume: 1, vwap: close, trades: 1, buyVolume: 0, sellVolume: 0, delta: 0, closeQuote };
}

export function broker(overrides: Partial<BrokerConfig> = {}): PaperBroker {
  return new PaperBroker(INST, { ...DEFAULT_BROKER_CONFIG, requireStop: false, ...overrides });
}

export function fills(events: readonly BrokerEvent[]): Fill[] {
  return events.flatMap((e) => (e.type === 'order-filled' ? [e.fill] : []));
}

export function cancels(events: readonly BrokerEvent[]): Array<{ orderId: number; reason: string }> {
  return events.flatMap((e) => (e.type === 'order-cancelled' ? [{ orderId: e.orderId, reason: e.reason }] : []));
}

/** Unwraps a command result, failing the test with the broker's message when it was rejected. */
export function must<T>(r: { ok: true; value: T } | { ok: false; reason: string; message: string }): T {
  if (!r.ok) throw new Error(`rejected: ${r.reason}: ${r.message}`);
  return r.value;
}
