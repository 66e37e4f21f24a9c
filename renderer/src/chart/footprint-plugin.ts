// uPlot plugin drawing footprint cells (FOOTPRINT.md): per bar and price level, bid x ask with the
// cell shaded by its delta on a 20-step gradient, the bar's POC outlined and diagonal imbalances
// emphasised. Cells appear when the zoom gives them room and collapse back to candles when it
// does not: text needs a wide slot and a tall row, shading alone needs less.

import type uPlot from 'uplot';
import { BUY_IMBALANCE, diagonalImbalances, SELL_IMBALANCE } from '../../../core/profile/footprint-analysis';
import type { FootprintBar } from '../../../core/profile/footprint';

export interface FootprintCells {
  readonly ts: number;
  readonly levelTicks: number;
  readonly firstLevelPrice: number;
  readonly bid: readonly number[];
  readonly ask: readonly number[];
  readonly pocPrice: number;
}

export interface FootprintPluginOptions {
  readonly tickSize: number;
  readonly barSeconds: number;
  readonly imbalanceRatio: number;
  readonly footprintAt: (ts: number) => FootprintCells | undefined;
  /** Slot width (css px) from which cells are drawn at all, and from which they carry text. */
  readonly minShadeWidth: number;
  readonly minTextWidth: number;
  /** What was drawn, for the crosshair readout and for tests. */
  readonly onDrawn?: (drawn: { bars: number; text: boolean; sample: FootprintCells | null }) => void;
}

const STEPS = 20;

/** Compact sizes for cells: 0.012, 1.25, 12.3, 1.2k. */
export function formatCellSize(v: number): string {
  if (v === 0) return '0';
  if (v >= 1000) return `${(v / 1000).toFixed(1)}k`;
  if (v >= 100) return v.toFixed(0);
  if (v >= 10) return v.toFixed(1);
  if (v >= 1) return v.toFixed(2);
  return v.toFixed(3);
}

/** The plugin's view of a bar as the core's FootprintBar (for the imbalance reader). */
function asCoreBar(c: FootprintCells): FootprintBar {
  const bid = Float64Array.from(c.bid);
  const ask = Float64Array.from(c.ask);
  return { bid, ask, volume: bid.map((b, r) => b + (ask[r] ?? 0)) } as unknown as FootprintBar;
}

export function footprintPlugin(o: FootprintPluginOptions): uPlot.Plugin {
  return {
    hooks: {
      draw: (u: uPlot) => {
        const xs = u.data[0];
        const [i0, i1] = u.series[0]?.idxs ?? [0, xs.length - 1];
        const span = (u.scales.x?.max ?? 0) - (u.scales.x?.min ?? 0);
        const slotCss = u.bbox.width / devicePixelRatio / Math.max(1, span / o.barSeconds);
        if (slotCss < o.minShadeWidth || xs.length === 0) {
          o.onDrawn?.({ bars: 0, text: false, sample: null });
          return;
        }
        const withText = slotCss >= o.minTextWidth;
        const ctx = u.ctx;
        const { left, top, width, height } = u.bbox;
        const slot = slotCss * devicePixelRatio;
        // One shading scale for everything on screen, so cells compare across bars.
        let maxDelta = 0;
        for (let i = i0; i <= i1; i++) {
          const f = o.footprintAt((xs[i] as number) * 1000);
          if (!f) continue;
          for (let r = 0; r < f.bid.length; r++) maxDelta = Math.max(maxDelta, Math.abs((f.ask[r] ?? 0) - (f.bid[r] ?? 0)));
        }
        ctx.save();
        ctx.beginPath();
        ctx.rect(left, top, width, height);
        ctx.clip();
        ctx.textAlign = 'center';
        ctx.textBaseline = 'middle';
        let drawn = 0;
        let sample: FootprintCells | null = null;
        for (let i = i0; i <= i1; i++) {
          const f = o.footprintAt((xs[i] as number) * 1000);
          if (!f) continue;
          const cx = u.valToPos(xs[i] as number, 'x', true);
          // Cells fill the slot right of the thin candle the candles plugin draws at its left.
          const x0 = cx - slot * 0.3;
          const w = slot * 0.75;
          const flags = diagonalImbalances(asCoreBar(f), o.imbalanceRatio, 0);
          let rowHeightCss = Infinity;
          for (let r = 0; r < f.bid.length; r++) {
            const lo = (f.firstLevelPrice + r * f.levelTicks) * o.tickSize;
            const hi = lo + f.levelTicks * o.tickSize;
            const yTop = u.valToPos(hi, 'y', true);
            const yBottom = u.valToPos(lo, 'y', true);
            const h = Math.max(1, yBottom - yTop - devicePixelRatio);
            rowHeightCss = Math.min(rowHeightCss, h / devicePixelRatio);
            const bid = f.bid[r] ?? 0;
            const ask = f.ask[r] ?? 0;
            const delta = ask - bid;
            const step = maxDelta > 0 ? Math.ceil((Math.abs(delta) / maxDelta) * STEPS) : 0;
            ctx.fillStyle = delta >= 0 ? `rgba(38, 166, 154, ${0.08 + (0.55 * step) / STEPS})` : `rgba(239, 83, 80, ${0.08 + (0.55 * step) / STEPS})`;
            ctx.fillRect(x0, yTop, w, h);
            if (f.pocPrice >= lo / o.tickSize && f.pocPrice < hi / o.tickSize) {
              ctx.strokeStyle = '#e3b341';
              ctx.lineWidth = devicePixelRatio;
              ctx.strokeRect(x0 + 0.5, yTop + 0.5, w - 1, h - 1);
            }
          }
          const text = withText && rowHeightCss >= 10;
          if (text) {
            const fontPx = Math.min(12, Math.max(9, rowHeightCss - 2));
            for (let r = 0; r < f.bid.length; r++) {
              const lo = (f.firstLevelPrice + r * f.levelTicks) * o.tickSize;
              const yMid = (u.valToPos(lo, 'y', true) + u.valToPos(lo + f.levelTicks * o.tickSize, 'y', true)) / 2;
              const flag = flags[r] ?? 0;
              const bidText = formatCellSize(f.bid[r] ?? 0);
              const askText = formatCellSize(f.ask[r] ?? 0);
              ctx.font = `${(flag & SELL_IMBALANCE) !== 0 ? 'bold ' : ''}${fontPx * devicePixelRatio}px ui-monospace, monospace`;
              ctx.fillStyle = (flag & SELL_IMBALANCE) !== 0 ? '#ff7b72' : '#c9d1d9';
              ctx.textAlign = 'right';
              ctx.fillText(bidText, x0 + w / 2 - 4 * devicePixelRatio, yMid);
              ctx.fillStyle = '#6e7681';
              ctx.textAlign = 'center';
              ctx.fillText('x', x0 + w / 2, yMid);
              ctx.font = `${(flag & BUY_IMBALANCE) !== 0 ? 'bold ' : ''}${fontPx * devicePixelRatio}px ui-monospace, monospace`;
              ctx.fillStyle = (flag & BUY_IMBALANCE) !== 0 ? '#3fb950' : '#c9d1d9';
              ctx.textAlign = 'left';
              ctx.fillText(askText, x0 + w / 2 + 4 * devicePixelRatio, yMid);
            }
          }
          drawn++;
          sample = f;
        }
        ctx.restore();
        o.onDrawn?.({ bars: drawn, text: withText, sample });
      },
    },
  };
}
