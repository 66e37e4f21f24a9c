// Row shapes the store reads and writes.

export interface BarRow {
  readonly ts: number;
  readonly open: number;
  readonly high: number;
  readonly low: number;
  readonly close: number;
  readonly volume: number;
  readonly vwap?: number | null;
  readonly trades?: number | null;
  readonly buyVolume?: number | null;
  readonly sellVolume?: number | null;
  readonly bidPxClose?: number | null;
  readonly askPxClose?: number | null;
  readonly bidSzClose?: number | null;
  readonly askSzClose?: number | null;
}
