// Query-string schemas of the REST endpoints (zod), with Binance's limits and defaults, and the
// mapping of a failed parse to the error Binance would answer.

import { z } from 'zod';
import { BinanceError, binanceErrors } from './binance-error';

const INT_PATTERN = '^[0-9]{1,20}$';

/** Binance interval names and their lengths; months are calendar-based and not served. */
export const KLINE_INTERVALS: Readonly<Record<string, number>> = {
  '1m': 60_000,
  '3m': 180_000,
  '5m': 300_000,
  '15m': 900_000,
  '30m': 1_800_000,
  '1h': 3_600_000,
  '2h': 7_200_000,
  '4h': 14_400_000,
  '6h': 21_600_000,
  '8h': 28_800_000,
  '12h': 43_200_000,
  '1d': 86_400_000,
  '3d': 259_200_000,
  '1w': 604_800_000,
};

export const OI_PERIODS: Readonly<Record<string, number>> = {
  '5m': 300_000,
  '15m': 900_000,
  '30m': 1_800_000,
  '1h': 3_600_000,
  '2h': 7_200_000,
  '4h': 14_400_000,
  '6h': 21_600_000,
  '12h': 43_200_000,
  '1d': 86_400_000,
};

// Each issue message carries the Binance error to answer, so the first issue decides it.
const tag = (e: BinanceError): string => JSON.stringify(e.body());

function required(name: string): z.ZodString {
  return z.string({ error: tag(binanceErrors.mandatory(name)) }).min(1, { error: tag(binanceErrors.mandatory(name)) });
}

function int(name: string) {
  return required(name)
    .regex(/^[0-9]{1,20}$/, { error: tag(binanceErrors.illegalChars(name, INT_PATTERN)) })
    .transform(Number)
    .refine(Number.isSafeInteger, { error: tag(binanceErrors.invalidParam(name)) });
}

function limit(defaultValue: number, max: number) {
  return int('limit')
    .refine((v) => v >= 1 && v <= max, { error: tag(binanceErrors.invalidParam('limit')) })
    .optional()
    .transform((v) => v ?? defaultValue);
}

function symbol(expected: string) {
  return required('symbol').refine((s) => s === expected, { error: tag(binanceErrors.badSymbol()) });
}

function keyOf(table: Readonly<Record<string, number>>, name: string, bad: () => BinanceError) {
  return required(name)
    .refine((v) => Object.hasOwn(table, v), { error: tag(bad()) })
    .transform((v) => table[v] as number);
}

export function restSchemas(expectedSymbol: string) {
  const sym = symbol(expectedSymbol);
  const range = { startTime: int('startTime').optional(), endTime: int('endTime').optional() };
  return {
    klines: z.object({
      symbol: sym,
      interval: keyOf(KLINE_INTERVALS, 'interval', binanceErrors.badInterval),
      ...range,
      limit: limit(500, 1500),
    }),
    aggTrades: z.object({ symbol: sym, fromId: int('fromId').optional(), ...range, limit: limit(500, 1000) }),
    trades: z.object({ symbol: sym, limit: limit(500, 1000) }),
    historicalTrades: z.object({ symbol: sym, fromId: int('fromId').optional(), limit: limit(100, 500) }),
    fundingRate: z.object({ symbol: sym.optional(), ...range, limit: limit(100, 1000) }),
    openInterest: z.object({ symbol: sym }),
    openInterestHist: z.object({
      symbol: sym,
      period: keyOf(OI_PERIODS, 'period', () => binanceErrors.invalidParam('period')),
      ...range,
      limit: limit(30, 500),
    }),
    bookTicker: z.object({ symbol: sym.optional() }),
  };
}

export type RestSchemas = ReturnType<typeof restSchemas>;

/** Parses a query or throws the BinanceError its first problem calls for. */
export function parseQuery<S extends z.ZodType>(schema: S, query: Record<string, string>): z.output<S> {
  const result = schema.safeParse(query);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  const tagged = taggedError.safeParse(safeJson(issue?.message ?? ''));
  if (tagged.success) throw new BinanceError(tagged.data.code, tagged.data.msg);
  throw binanceErrors.invalidParam(String(issue?.path[0] ?? 'query'));
}

const taggedError = z.object({ code: z.number().int(), msg: z.string() });

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}
