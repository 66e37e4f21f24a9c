// The /fapi/v1/exchangeInfo document for the simulated instrument: the fields ccxt's
// fetchMarkets reads (contract type, assets, precision, filters), with Binance's usual values.

import type { Instrument } from '../../../core/market/instrument';
import { decimalsOf } from '../../../core/market/instrument';

const QUOTES = ['USDT', 'USDC', 'BUSD', 'USD'];
/** Binance's "perpetual" delivery date. */
const PERPETUAL_DELIVERY = 4_133_404_800_000;

export function splitSymbol(symbol: string): { base: string; quote: string } {
  const quote = QUOTES.find((q) => symbol.endsWith(q) && symbol.length > q.length);
  if (!quote) throw new Error(`cannot split symbol ${symbol} into base and quote assets`);
  return { base: symbol.slice(0, -quote.length), quote };
}

export function exchangeInfo(instrument: Instrument, serverTime: number, onboardDate: number): Record<string, unknown> {
  const { base, quote } = splitSymbol(instrument.symbol);
  const priceDecimals = decimalsOf(instrument.tickSize);
  const sizeDecimals = decimalsOf(instrument.sizeStep);
  const tick = instrument.tickSize.toFixed(priceDecimals);
  const step = instrument.sizeStep.toFixed(sizeDecimals);
  return {
    timezone: 'UTC',
    serverTime,
    futuresType: 'U_MARGINED',
    rateLimits: [
      { rateLimitType: 'REQUEST_WEIGHT', interval: 'MINUTE', intervalNum: 1, limit: 2400 },
      { rateLimitType: 'ORDERS', interval: 'MINUTE', intervalNum: 1, limit: 1200 },
      { rateLimitType: 'ORDERS', interval: 'SECOND', intervalNum: 10, limit: 300 },
    ],
    exchangeFilters: [],
    assets: [{ asset: quote, marginAvailable: true, autoAssetExchange: '-10000' }],
    symbols: [
      {
        symbol: instrument.symbol,
        pair: instrument.symbol,
        contractType: 'PERPETUAL',
        deliveryDate: PERPETUAL_DELIVERY,
        onboardDate,
        status: 'TRADING',
        maintMarginPercent: '2.5000',
        requiredMarginPercent: '5.0000',
        baseAsset: base,
        quoteAsset: quote,
        marginAsset: quote,
        pricePrecision: priceDecimals,
        quantityPrecision: sizeDecimals,
        baseAssetPrecision: 8,
        quotePrecision: 8,
        underlyingType: 'COIN',
        underlyingSubType: [],
        settlePlan: 0,
        triggerProtect: '0.0500',
        liquidationFee: '0.012500',
        marketTakeBound: '0.05',
        maxMoveOrderLimit: 10000,
        filters: [
          { filterType: 'PRICE_FILTER', minPrice: tick, maxPrice: '4529764', tickSize: tick },
          { filterType: 'LOT_SIZE', minQty: step, maxQty: '1000', stepSize: step },
          { filterType: 'MARKET_LOT_SIZE', minQty: step, maxQty: '120', stepSize: step },
          { filterType: 'MAX_NUM_ORDERS', limit: 200 },
          { filterType: 'MAX_NUM_ALGO_ORDERS', limit: 10 },
          { filterType: 'MIN_NOTIONAL', notional: '100' },
          { filterType: 'PERCENT_PRICE', multiplierUp: '1.0500', multiplierDown: '0.9500', multiplierDecimal: '4' },
        ],
        orderTypes: ['LIMIT', 'MARKET', 'STOP', 'STOP_MARKET', 'TAKE_PROFIT', 'TAKE_PROFIT_MARKET', 'TRAILING_STOP_MARKET'],
        timeInForce: ['GTC', 'IOC', 'FOK', 'GTX', 'GTD'],
      },
    ],
  };
}
