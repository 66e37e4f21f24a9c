// Number and time formatting shared by the panels and the chart axes.

import { decimalsOf, fromTicks, type Instrument } from '../../../core/market/instrument';

export function formatPrice(ticks: number, instrument: Instrument): string {
  return fromTicks(ticks, instrument.tickSize).toFixed(decimalsOf(instrument.tickSize));
}

export function formatSize(size: number, instrument: Instrument): string {
  return size.toFixed(decimalsOf(instrument.sizeStep));
}

export function formatClock(ts: number): string {
  return new Date(ts).toISOString().slice(11, 23);
}
