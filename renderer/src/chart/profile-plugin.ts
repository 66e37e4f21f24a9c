// uPlot plugin drawing the volume profile at the right of the chart (FOOTPRINT.md): horizontal
// volume-at-price bars, the value area brighter, the POC bin gold, HVN and LVN marked; behind the
// candles, the developing POC as a step line and the naked POCs of earlier sessions extending
// to the right until traded through.

import type uPlot from 'uplot';
import type { MarketProfile } from '../../../core/api/areas/market';

export const PROFILE_WIDTH_CSS = 120;
export const POC_COLOR = '#e3b341';
export const VA_COLOR = '#58a6ff';
const HVN_COLOR = '#d2a8ff';
const LVN_COLOR = '#f0883e';

export interface ProfileDrawn {
  /** Rows drawn, and the y (css px from the plot top) of the POC bin's middle. */
  rows: number;
  hvn: number;
  lvn: number;
  naked: number;
  developing: number;
}

export interface ProfileRow {
  /** The bin's low edge (ticks). */
  readonly price: number;
  readonly kind: 'poc' | 'value' | 'outside';
  /** Canvas px: top and height of the bar, and its length from the right edge. */
  readonly yTop: number;
  readonly h: number;
  readonly w: number;
}

const ROW_FILL: Record<ProfileRow['kind'], string> = { poc: 'rgba(227, 179, 65, 0.85)', value: 'rgba(88, 166, 255, 0.45)', outside: 'rgba(139, 148, 158, 0.28)' };

/**
 * The histogram's bars: one per bin with volume inside [top, top + height], as long as its
 * volume over the largest times `maxW` (at least a pixel), the POC bin gold and the value area
 * [VAL, VAH] (bin low edges, both included) blue; `y` maps ticks to canvas px.
 */
export function profileRows(p: MarketProfile, y: (ticks: number) => number, top: number, height: number, maxW: number, dpr: number): ProfileRow[] {
  let max = 0;
  for (const v of p.volumes) max = Math.max(max, v);
  const rows: ProfileRow[] = [];
  for (let b = 0; b < p.volumes.length; b++) {
    const v = p.volumes[b] as number;
    if (v <= 0) continue;
    const price = p.firstBinPrice + b * p.binTicks;
    const yTop = Math.round(y(price + p.binTicks));
    const yBottom = Math.round(y(price));
    if (yBottom < top || yTop > top + height) continue;
    const kind = price === p.poc ? 'poc' : p.val !== null && p.vah !== null && price >= p.val && price <= p.vah ? 'value' : 'outside';
    rows.push({ price, kind, yTop, h: Math.max(1, yBottom - yTop - (yBottom - yTop > 3 * dpr ? dpr : 0)), w: Math.max(dpr, (v / max) * maxW) });
  }
  return rows;
}

export function profilePlugin(getProfile: () => MarketProfile | null, tickSize: number, onDrawn?: (d: ProfileDrawn) => void): uPlot.Plugin {
  return {
    hooks: {
      draw: (u: uPlot) => {
        const p = getProfile();
        if (!p || !p.available || p.volumes.length === 0) {
          onDrawn?.({ rows: 0, hvn: 0, lvn: 0, naked: 0, developing: 0 });
          return;
        }
        const { ctx } = u;
        const dpr = devicePixelRatio;
        const { left, top, width, height } = u.bbox;
        const right = left + width;
        const maxW = PROFILE_WIDTH_CSS * dpr;
        const y = (ticks: number): number => u.valToPos(ticks * tickSize, 'y', true);
        const binMid = (ticks: number): number => y(ticks + p.binTicks / 2);
        ctx.save();
        ctx.beginPath();
        ctx.rect(left, top, width, height);
        ctx.clip();

        // Naked POCs: from the end of their session to the right edge.
        ctx.setLineDash([2 * dpr, 3 * dpr]);
        ctx.lineWidth = dpr;
        ctx.font = `${10 * dpr}px sans-serif`;
        ctx.textBaseline = 'bottom';
        ctx.textAlign = 'left';
        for (const n of p.naked) {
          const yy = Math.round(binMid(n.poc)) + 0.5;
          if (yy < top || yy > top + height) continue;
          const x0 = Math.max(left, u.valToPos(n.fromTs / 1000, 'x', true));
          ctx.strokeStyle = 'rgba(227, 179, 65, 0.7)';
          ctx.beginPath();
          ctx.moveTo(x0, yy);
          ctx.lineTo(right - maxW, yy);
          ctx.stroke();
          ctx.fillStyle = 'rgba(227, 179, 65, 0.85)';
          ctx.fillText(`nPOC ${n.name}`, x0 + 4 * dpr, yy - 2 * dpr);
        }
        ctx.setLineDash([]);

        // Developing POC: where the session's POC stood after each minute.
        if (p.developing.length > 1) {
          ctx.strokeStyle = 'rgba(227, 179, 65, 0.55)';
          ctx.lineWidth = 1.5 * dpr;
          ctx.beginPath();
          let prevY = NaN;
          for (const d of p.developing) {
            const xx = u.valToPos(d.ts / 1000, 'x', true);
            const yy = binMid(d.poc);
            if (Number.isNaN(prevY)) ctx.moveTo(xx, yy);
            else {
              ctx.lineTo(xx, prevY);
              ctx.lineTo(xx, yy);
            }
            prevY = yy;
          }
          ctx.stroke();
        }

        // The histogram, growing leftwards from the right edge.
        const rows = profileRows(p, y, top, height, maxW, dpr);
        for (const row of rows) {
          ctx.fillStyle = ROW_FILL[row.kind];
          ctx.fillRect(right - row.w, row.yTop, row.w, row.h);
        }
        // Volume nodes: a notch left of the histogram, HVN violet, LVN orange.
        const notch = (price: number, color: string): void => {
          const yy = binMid(price);
          ctx.fillStyle = color;
          ctx.beginPath();
          ctx.moveTo(right - maxW - 2 * dpr, yy);
          ctx.lineTo(right - maxW - 9 * dpr, yy - 4 * dpr);
          ctx.lineTo(right - maxW - 9 * dpr, yy + 4 * dpr);
          ctx.closePath();
          ctx.fill();
        };
        for (const h of p.hvn) notch(h, HVN_COLOR);
        for (const l of p.lvn) {
          notch(l, LVN_COLOR);
          const yy = Math.round(binMid(l)) + 0.5;
          ctx.strokeStyle = 'rgba(240, 136, 62, 0.6)';
          ctx.lineWidth = dpr;
          ctx.beginPath();
          ctx.moveTo(right - maxW, yy);
          ctx.lineTo(right, yy);
          ctx.stroke();
        }
        ctx.restore();
        onDrawn?.({ rows: rows.length, hvn: p.hvn.length, lvn: p.lvn.length, naked: p.naked.length, developing: p.developing.length });
      },
    },
  };
}
