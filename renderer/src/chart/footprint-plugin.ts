// uPlot plugin drawing footprint cells (FOOTPRINT.md): per bar and price level, bid x ask (or the
// level's delta, or its volume) with the cell shaded on a 20-step gradient (by delta, or by
// volume in volume mode), the bar's POC outlined, diagonal imbalances in bold colour and
// stacked imbalances (3+ levels in a row) marked by a bar at the cell's edge. Cells appear when
// the zoom gives them room and collapse back to candles when it does not: text needs a wide slot
// and a tall row, shading alone needs less.

import type uPlot from 'uplot';
import { BUY_IMBALANCE, diagonalImbalances, SELL_IMBALANCE, stackedImbalances, unfinishedAuction } from '../../../core/profile/footprint-analysis';
import type { FootprintBar } from '../../../core/profile/footprint';
import type { FootprintCellsView } from '../../../core/profile/footprint-views';
import type { FootprintMode } from './chart-store';

export type FootprintCells = FootprintCellsView;

export interface FootprintPluginOptions {
  /** Css px at the right of the plot left to the volume profile: nothing is drawn there. */
  readonly rightReserveCss?: number;
  readonly tickSize: number;
  readonly barSeconds: number;
  readonly imbalanceRatio: number;
  readonly imbalanceMinVolume: number;
  readonly stackedMinLevels: number;
  readonly mode: () => FootprintMode;
  readonly footprintAt: (ts: number) => FootprintCells | undefined;
  /** Slot width (css px) from which cells are drawn at all, and from which they carry text. */
  readonly minShadeWidth: number;
  readonly minTextWidth: number;
  /** What was drawn, for the crosshair readout and for tests. */
  readonly onDrawn?: (drawn: FootprintDrawnInfo) => void;
}

export interface FootprintDrawnInfo {
  bars: number;
  text: boolean;
  /** The newest bar drawn as cells, with the numbers its cells show. */
  sample: (FootprintCells & { shown: string[] }) | null;
  stacked: number;
  /** Bar extremes drawn as unfinished auctions. */
  unfinished: number;
}

const STEPS = 20;
const TEXT = '#c9d1d9';
const BUY_TEXT = '#3fb950';
const SELL_TEXT = '#ff7b72';
const POC_OUTLINE = '#e3b341';

/** Compact sizes for cells: 0.012, 1.25, 12.3, 1.2k. */
export function formatCellSize(v: number): string {
  if (v === 0) return '0';
  const a = Math.abs(v);
  const sign = v < 0 ? '-' : '';
  if (a >= 1000) return `${sign}${(a / 1000).toFixed(1)}k`;
  if (a >= 100) return `${sign}${a.toFixed(0)}`;
  if (a >= 10) return `${sign}${a.toFixed(1)}`;
  if (a >= 1) return `${sign}${a.toFixed(2)}`;
  return `${sign}${a.toFixed(3)}`;
}

/** A cell's delta with its sign: +1.25, -0.300. */
export function formatCellDelta(v: number): string {
  return v > 0 ? `+${formatCellSize(v)}` : formatCellSize(v);
}

/** The text a cell shows in a mode. */
export function cellText(mode: FootprintMode, bid: number, ask: number): string {
  if (mode === 'delta') return formatCellDelta(ask - bid);
  if (mode === 'volume') return formatCellSize(bid + ask);
  return `${formatCellSize(bid)} x ${formatCellSize(ask)}`;
}

/** The largest |delta| and volume of any cell on screen: one shading scale for all the bars. */
export function footprintScale(bars: readonly FootprintCells[]): { maxDelta: number; maxVolume: number } {
  let maxDelta = 0;
  let maxVolume = 0;
  for (const f of bars) {
    for (let r = 0; r < f.bid.length; r++) {
      const b = f.bid[r] ?? 0;
      const a = f.ask[r] ?? 0;
      maxDelta = Math.max(maxDelta, Math.abs(a - b));
      maxVolume = Math.max(maxVolume, a + b);
    }
  }
  return { maxDelta, maxVolume };
}

/**
 * What a bar slot `slotCss` wide shows: plain candles when too narrow for cells, shaded cells, or
 * cells with numbers when the widest number on screen fits (10 px monospace, ~0.62 em a glyph,
 * in the 78% of the slot the cells take, less 6 px of padding).
 */
export function footprintZoom(slotCss: number, minShadeWidth: number, minTextWidth: number, mode: FootprintMode, scale: { maxDelta: number; maxVolume: number }): 'candles' | 'cells' | 'text' {
  if (slotCss < minShadeWidth) return 'candles';
  const widest = mode === 'bidask' ? `${formatCellSize(scale.maxVolume)} x ${formatCellSize(scale.maxVolume)}` : mode === 'delta' ? `+${formatCellSize(scale.maxDelta)}` : formatCellSize(scale.maxVolume);
  const textFits = slotCss * 0.78 - 6 >= widest.length * 10 * 0.62;
  return slotCss >= minTextWidth && textFits ? 'text' : 'cells';
}

/**
 * A cell's shading on the 20-step gradient (FOOTPRINT.md): green for buyers, red for sellers, the
 * step by |delta| over the largest on screen; in volume mode blue by volume.
 */
export function cellShade(mode: FootprintMode, bid: number, ask: number, scale: { maxDelta: number; maxVolume: number }): string {
  if (mode === 'volume') {
    const step = scale.maxVolume > 0 ? Math.ceil(((bid + ask) / scale.maxVolume) * STEPS) : 0;
    return `rgba(88, 166, 255, ${0.06 + (0.5 * step) / STEPS})`;
  }
  const delta = ask - bid;
  const step = scale.maxDelta > 0 ? Math.ceil((Math.abs(delta) / scale.maxDelta) * STEPS) : 0;
  return delta >= 0 ? `rgba(38, 166, 154, ${0.08 + (0.55 * step) / STEPS})` : `rgba(239, 83, 80, ${0.08 + (0.55 * step) / STEPS})`;
}

export interface CellBox {
  readonly row: number;
  /** Price (ticks) of the level's low edge. */
  readonly lo: number;
  /** Canvas px: the row's edges, and the height filled (1 px gap between rows taller than 4 css px). */
  readonly yTop: number;
  readonly yBottom: number;
  readonly h: number;
  readonly poc: boolean;
}

/**
 * Where a bar's cells go: right of the thin candle at the slot's left (x0 = centre - 32% of the
 * slot, 78% of the slot wide), one row per level between its price edges; `y` maps a price to
 * canvas px.
 */
export function cellBoxes(f: FootprintCells, tickSize: number, xCenter: number, slot: number, dpr: number, y: (price: number) => number): { x0: number; w: number; rows: CellBox[] } {
  const rows: CellBox[] = [];
  for (let r = 0; r < f.bid.length; r++) {
    const lo = f.firstLevelPrice + r * f.levelTicks;
    const yTop = Math.round(y((lo + f.levelTicks) * tickSize));
    const yBottom = Math.round(y(lo * tickSize));
    rows.push({ row: r, lo, yTop, yBottom, h: Math.max(1, yBottom - yTop - (yBottom - yTop > 4 * dpr ? dpr : 0)), poc: f.pocPrice === lo });
  }
  return { x0: xCenter - slot * 0.32, w: slot * 0.78, rows };
}

/** The plugin's view of a bar as the core's FootprintBar (for the imbalance readers). */
function asCoreBar(c: FootprintCells): FootprintBar {
  const bid = Float64Array.from(c.bid);
  const ask = Float64Array.from(c.ask);
  return { bid, ask, volume: bid.map((b, r) => b + (ask[r] ?? 0)), firstLevelPrice: c.firstLevelPrice, levelTicks: c.levelTicks } as unknown as FootprintBar;
}

export function footprintPlugin(o: FootprintPluginOptions): uPlot.Plugin {
  type Reading = { flags: Uint8Array; stackedRows: Int8Array; zones: number; unfinishedHigh: boolean; unfinishedLow: boolean };
  const readings = new WeakMap<FootprintCells, Reading>();
  const readingOf = (f: FootprintCells): Reading => {
    let r = readings.get(f);
    if (!r) {
      const bar = asCoreBar(f);
      const flags = diagonalImbalances(bar, o.imbalanceRatio, o.imbalanceMinVolume);
      const stacked = stackedImbalances(bar, flags, o.stackedMinLevels);
      const stackedRows = new Int8Array(flags.length);
      for (const z of stacked) for (let row = z.fromRow; row <= z.toRow; row++) stackedRows[row] = z.side;
      const unfinished = f.bid.length > 0 ? unfinishedAuction(bar) : { atHigh: false, atLow: false };
      r = { flags, stackedRows, zones: stacked.length, unfinishedHigh: unfinished.atHigh, unfinishedLow: unfinished.atLow };
      readings.set(f, r);
    }
    return r;
  };

  return {
    hooks: {
      draw: (u: uPlot) => {
        const xs = u.data[0];
        const [i0, i1] = u.series[0]?.idxs ?? [0, xs.length - 1];
        const span = (u.scales.x?.max ?? 0) - (u.scales.x?.min ?? 0);
        const dpr = devicePixelRatio;
        const slotCss = u.bbox.width / dpr / Math.max(1, span / o.barSeconds);
        if (slotCss < o.minShadeWidth || xs.length === 0) {
          o.onDrawn?.({ bars: 0, text: false, sample: null, stacked: 0, unfinished: 0 });
          return;
        }
        const mode = o.mode();
        const ctx = u.ctx;
        const { left, top, width, height } = u.bbox;
        const slot = slotCss * dpr;
        const onScreen: FootprintCells[] = [];
        for (let i = i0; i <= i1; i++) {
          const f = o.footprintAt((xs[i] as number) * 1000);
          if (f) onScreen.push(f);
        }
        // One shading scale for everything on screen, so cells compare across bars.
        const scale = footprintScale(onScreen);
        const withText = footprintZoom(slotCss, o.minShadeWidth, o.minTextWidth, mode, scale) === 'text';
        ctx.save();
        ctx.beginPath();
        ctx.rect(left, top, width - (o.rightReserveCss ?? 0) * devicePixelRatio, height);
        ctx.clip();
        ctx.textBaseline = 'middle';
        let drawn = 0;
        let stackedZones = 0;
        let unfinished = 0;
        let sample: FootprintDrawnInfo['sample'] = null;
        let anyText = false;
        for (let i = i0; i <= i1; i++) {
          const f = o.footprintAt((xs[i] as number) * 1000);
          if (!f) continue;
          const cx = u.valToPos(xs[i] as number, 'x', true);
          const { x0, w, rows: boxes } = cellBoxes(f, o.tickSize, cx, slot, dpr, (price) => u.valToPos(price, 'y', true));
          const { flags, stackedRows, zones, unfinishedHigh, unfinishedLow } = readingOf(f);
          stackedZones += zones;
          if (unfinishedHigh) unfinished++;
          if (unfinishedLow) unfinished++;
          let rowHeightCss = Infinity;
          const rows = f.bid.length;
          for (const { row: r, yTop, yBottom, h, poc } of boxes) {
            rowHeightCss = Math.min(rowHeightCss, (yBottom - yTop) / dpr);
            ctx.fillStyle = cellShade(mode, f.bid[r] ?? 0, f.ask[r] ?? 0, scale);
            ctx.fillRect(x0, yTop, w, h);
            const zone = stackedRows[r] ?? 0;
            if (zone !== 0) {
              // Stacked imbalance: a solid bar on the side the aggressors came from.
              ctx.fillStyle = zone > 0 ? BUY_TEXT : SELL_TEXT;
              ctx.fillRect(zone > 0 ? x0 + w - 3 * dpr : x0, yTop, 3 * dpr, h);
            }
            if (poc) {
              ctx.strokeStyle = POC_OUTLINE;
              ctx.lineWidth = Math.max(1, Math.round(1.5 * dpr));
              ctx.strokeRect(x0 + 0.5, yTop + 0.5, w - 1, Math.max(1, h - 1));
            }
          }
          // Unfinished auction (both sides traded at the extreme): an orange dash beyond that edge.
          ctx.fillStyle = '#f0883e';
          if (unfinishedHigh) ctx.fillRect(x0 + w * 0.25, Math.round(u.valToPos((f.firstLevelPrice + rows * f.levelTicks) * o.tickSize, 'y', true)) - 3 * dpr, w * 0.5, 2 * dpr);
          if (unfinishedLow) ctx.fillRect(x0 + w * 0.25, Math.round(u.valToPos(f.firstLevelPrice * o.tickSize, 'y', true)) + dpr, w * 0.5, 2 * dpr);
          const text = withText && rowHeightCss >= 9.5;
          const shown: string[] = [];
          if (text) {
            anyText = true;
            const fontPx = Math.min(12, Math.max(9, rowHeightCss - 2));
            const font = `${fontPx * dpr}px ui-monospace, SFMono-Regular, Menlo, monospace`;
            const boldFont = `bold ${font}`;
            const mid = x0 + w / 2;
            for (let r = 0; r < rows; r++) {
              const lo = (f.firstLevelPrice + r * f.levelTicks) * o.tickSize;
              const yMid = (u.valToPos(lo, 'y', true) + u.valToPos(lo + f.levelTicks * o.tickSize, 'y', true)) / 2;
              const flag = flags[r] ?? 0;
              const bid = f.bid[r] ?? 0;
              const ask = f.ask[r] ?? 0;
              shown.push(cellText(mode, bid, ask));
              if (mode === 'bidask') {
                ctx.font = (flag & SELL_IMBALANCE) !== 0 ? boldFont : font;
                ctx.fillStyle = (flag & SELL_IMBALANCE) !== 0 ? SELL_TEXT : TEXT;
                ctx.textAlign = 'right';
                ctx.fillText(formatCellSize(bid), mid - 5 * dpr, yMid);
                ctx.font = font;
                ctx.fillStyle = '#6e7681';
                ctx.textAlign = 'center';
                ctx.fillText('x', mid, yMid);
                ctx.font = (flag & BUY_IMBALANCE) !== 0 ? boldFont : font;
                ctx.fillStyle = (flag & BUY_IMBALANCE) !== 0 ? BUY_TEXT : TEXT;
                ctx.textAlign = 'left';
                ctx.fillText(formatCellSize(ask), mid + 5 * dpr, yMid);
              } else {
                const delta = ask - bid;
                const strong = (flag & (delta >= 0 ? BUY_IMBALANCE : SELL_IMBALANCE)) !== 0;
                ctx.font = strong ? boldFont : font;
                ctx.fillStyle = mode === 'delta' ? (delta > 0 ? '#7ee2b8' : delta < 0 ? '#ffa198' : TEXT) : TEXT;
                if (strong) ctx.fillStyle = delta >= 0 ? BUY_TEXT : SELL_TEXT;
                ctx.textAlign = 'center';
                ctx.fillText(shown[r] as string, mid, yMid);
              }
            }
          }
          if (text && rows > 0) {
            // Bar statistics under the bar: its delta and volume (FOOTPRINT.md).
            let bidSum = 0;
            let askSum = 0;
            for (let r = 0; r < rows; r++) {
              bidSum += f.bid[r] ?? 0;
              askSum += f.ask[r] ?? 0;
            }
            const yLow = u.valToPos(f.firstLevelPrice * o.tickSize, 'y', true) + 5 * dpr;
            const delta = askSum - bidSum;
            ctx.font = `${10 * dpr}px ui-monospace, SFMono-Regular, Menlo, monospace`;
            ctx.textAlign = 'center';
            ctx.textBaseline = 'top';
            ctx.fillStyle = delta >= 0 ? BUY_TEXT : SELL_TEXT;
            ctx.fillText(`Δ ${formatCellDelta(delta)}`, x0 + w / 2, yLow);
            ctx.fillStyle = '#8b949e';
            ctx.fillText(`V ${formatCellSize(askSum + bidSum)}`, x0 + w / 2, yLow + 12 * dpr);
            ctx.textBaseline = 'middle';
          }
          drawn++;
          sample = { ...f, shown };
        }
        ctx.restore();
        o.onDrawn?.({ bars: drawn, text: anyText, sample, stacked: stackedZones, unfinished });
      },
    },
  };
}

/** The cell of a bar at a price (ticks), if the bar traded there. */
export function cellAt(f: FootprintCells, priceTicks: number): { row: number; bid: number; ask: number; lo: number } | null {
  const row = Math.floor((priceTicks - f.firstLevelPrice) / f.levelTicks);
  if (row < 0 || row >= f.bid.length) return null;
  return { row, bid: f.bid[row] ?? 0, ask: f.ask[row] ?? 0, lo: f.firstLevelPrice + row * f.levelTicks };
}
