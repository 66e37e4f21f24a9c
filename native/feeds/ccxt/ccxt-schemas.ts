// zod schemas for what ccxt returns: its types are loose (optional fields, `any` in info), so
// every payload is checked here before it reaches the store or the engine.

import { z } from 'zod';

// zod 4 numbers already refuse NaN and Infinity.
const finite = z.number();
const ms = z.number().int().nonnegative();

/** [timestamp, open, high, low, close, volume] */
export const ohlcvSchema = z.array(z.tuple([ms, finite, finite, finite, finite, finite.nonnegative()]).rest(z.unknown()));

export const tradeSchema = z.object({
  id: z.string().min(1),
  timestamp: ms,
  price: finite.positive(),
  amount: finite.positive(),
  side: z.enum(['buy', 'sell']),
});
export const tradesSchema = z.array(tradeSchema);
export type CcxtTrade = z.infer<typeof tradeSchema>;

export const fundingSchema = z.array(z.object({ timestamp: ms, fundingRate: finite }));

export const openInterestSchema = z.array(
  z.object({
    timestamp: ms,
    openInterestAmount: finite.nonnegative(),
    openInterestValue: finite.nonnegative().nullish(),
  }),
);

export const bidAskSchema = z.object({
  timestamp: ms.nullish(),
  bid: finite.positive(),
  bidVolume: finite.nonnegative().nullish(),
  ask: finite.positive(),
  askVolume: finite.nonnegative().nullish(),
});

/** Parses `value` or throws naming the call and the first bad field. */
export function parsePayload<T>(schema: z.ZodType<T>, value: unknown, what: string): T {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  throw new Error(`unexpected ${what} payload from ccxt at ${issue?.path.join('.') || '(root)'}: ${issue?.message ?? 'invalid'}`);
}
