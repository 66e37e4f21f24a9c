// Broker settings, with the seed 003 §10 execution keys (snake_case YAML names) mapped onto them.
// Unknown keys pass through so one config file serves features, strategies and the broker.

import { z } from 'zod';
import type { FillMode, FundingEvent } from './types';

export type SlippageModel =
  | { readonly kind: 'ticks'; readonly entryTicks: number; readonly exitTicks: number }
  /** Rounded up to whole ticks of the reference price, so a fill stays on the tick grid. */
  | { readonly kind: 'bps'; readonly bps: number };

export type FundingModel =
  | { readonly kind: 'none' }
  /** A flat rate per 8 hours, charged at every multiple of the instrument's funding interval (UTC). */
  | { readonly kind: 'flat'; readonly ratePer8h: number }
  /** Replayed funding events, applied when market time reaches each ts. */
  | { readonly kind: 'schedule'; readonly events: readonly FundingEvent[] };

export interface BrokerConfig {
  readonly mode: FillMode;
  readonly initialBalance: number;
  readonly slippage: SlippageModel;
  readonly takerFeeBps: number;
  readonly makerFeeBps: number;
  readonly funding: FundingModel;
  /** Refuse brackets (and plain non-reduce-only orders) that carry no stop. */
  readonly requireStop: boolean;
  /** Bar length in bar mode (1m bars). */
  readonly barMs: number;
  /** Bar mode market fills: the decision bar's close quote when it has one, or always the next open. */
  readonly barMarketPrice: 'close-quote' | 'open';
}

export const DEFAULT_BROKER_CONFIG: BrokerConfig = {
  mode: 'tick',
  initialBalance: 10_000,
  slippage: { kind: 'ticks', entryTicks: 1, exitTicks: 1 },
  takerFeeBps: 5,
  makerFeeBps: -1,
  funding: { kind: 'none' },
  requireStop: true,
  barMs: 60_000,
  barMarketPrice: 'close-quote',
};

/** The execution section of seed 003 §10, plus the few keys the broker needs that the seed leaves implicit. */
export const ExecutionConfigSchema = z
  .object({
    fill_on_next_quote: z.literal(true).default(true),
    slippage_ticks_entry: z.number().int().nonnegative().default(1),
    slippage_ticks_exit: z.number().int().nonnegative().default(1),
    /** When set, replaces the tick slippage. */
    slippage_bps: z.number().nonnegative().optional(),
    taker_fee_bps: z.number().default(5),
    maker_fee_bps: z.number().default(-1),
    funding_model: z.enum(['none', 'simple', 'schedule']).default('simple'),
    /** Flat rate per 8 h for funding_model "simple" (0.0001 = the usual 1 bp baseline). */
    funding_rate_8h: z.number().default(0.0001),
    initial_balance: z.number().positive().default(10_000),
    require_stop: z.boolean().default(true),
    bar_market_price: z.enum(['close-quote', 'open']).default('close-quote'),
  })
  .passthrough();

export type ExecutionConfig = z.output<typeof ExecutionConfigSchema>;

/** Builds a BrokerConfig from parsed seed keys; a "schedule" funding model needs its events. */
export function brokerConfigFrom(exec: ExecutionConfig, mode: FillMode, fundingEvents: readonly FundingEvent[] = [], barMs = DEFAULT_BROKER_CONFIG.barMs): BrokerConfig {
  const funding: FundingModel =
    exec.funding_model === 'none'
      ? { kind: 'none' }
      : exec.funding_model === 'simple'
        ? { kind: 'flat', ratePer8h: exec.funding_rate_8h }
        : { kind: 'schedule', events: fundingEvents };
  return {
    ...DEFAULT_BROKER_CONFIG,
    mode,
    initialBalance: exec.initial_balance,
    slippage:
      exec.slippage_bps !== undefined
        ? { kind: 'bps', bps: exec.slippage_bps }
        : { kind: 'ticks', entryTicks: exec.slippage_ticks_entry, exitTicks: exec.slippage_ticks_exit },
    takerFeeBps: exec.taker_fee_bps,
    makerFeeBps: exec.maker_fee_bps,
    funding,
    requireStop: exec.require_stop,
    barMarketPrice: exec.bar_market_price,
    barMs,
  };
}
