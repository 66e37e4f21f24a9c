// The instruments Auctioneer knows by name; others are described on the command line.

import { BTCUSDT_PERP, BTCUSDT_SPOT, type Instrument } from './instrument';

export const KNOWN_INSTRUMENTS: readonly Instrument[] = [BTCUSDT_PERP, BTCUSDT_SPOT];

/** "venue:symbol" (e.g. binanceusdm:BTCUSDT), or null when unknown. */
export function findInstrument(key: string): Instrument | null {
  const [venue, symbol] = key.includes(':') ? key.split(':') : ['binanceusdm', key];
  return KNOWN_INSTRUMENTS.find((i) => i.venue === venue && i.symbol === symbol?.toUpperCase()) ?? null;
}
