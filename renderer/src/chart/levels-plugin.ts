// uPlot plugin drawing the chosen profile's value area across the chart: VAH and VAL as dashed
// lines with the area between them faintly shaded, the POC as a stronger line, each labelled with
// its price as a tag on the price axis; tags closer than a line height are pushed apart.

import type uPlot from 'uplot';
import type { MarketProfile } from '../../../core/api/areas/market';
import { POC_COLOR, VA_COLOR } from './profile-plugin';

export interface ValueAreaLines {
  /** Prices (not ticks) where the lines are drawn: the POC bin's middle, the value area's edges. */
  readonly poc: number;
  readonly vah: number;
  readonly val: number;
  readonly format: (price: number) => string;
}

export interface LevelsDrawn {
  /** Css px from the top of the canvas of each line, and the label each carries. */
  readonly lines: { name: 'VAH' | 'POC' | 'VAL'; price: number; y: number; label: string }[];
}

const LABEL_HEIGHT_CSS = 13;

/**
 * Where a profile's lines go, in prices. Levels are bin low edges and the value area spans
 * [VAL bin low, VAH bin top), so VAH and VAL are drawn at those edges (as the header quotes them);
 * the POC line runs through its bin's middle and is labelled with the bin's low edge.
 */
export function valueAreaLines(p: MarketProfile | null, tickSize: number): { poc: number; vah: number; val: number; binTicks: number; pocLabel: number } | null {
  if (!p?.available || p.poc === null || p.vah === null || p.val === null) return null;
  return { poc: (p.poc + p.binTicks / 2) * tickSize, vah: (p.vah + p.binTicks) * tickSize, val: p.val * tickSize, binTicks: p.binTicks, pocLabel: p.poc * tickSize };
}

/** Label positions (sorted top to bottom) nudged so no two are closer than `gap`. */
export function spreadLabels(ys: number[], gap: number): number[] {
  const order = ys.map((y, i) => ({ y, i })).sort((a, b) => a.y - b.y);
  const out = new Array<number>(ys.length);
  let last = -Infinity;
  for (const { y, i } of order) {
    const placed = Math.max(y, last + gap);
    out[i] = placed;
    last = placed;
  }
  return out;
}

export function levelsPlugin(getLevels: () => ValueAreaLines | null, onDrawn?: (d: LevelsDrawn) => void): uPlot.Plugin {
  return {
    hooks: {
      draw: (u: uPlot) => {
        const levels = getLevels();
        if (!levels) {
          onDrawn?.({ lines: [] });
          return;
        }
        const { ctx } = u;
        const dpr = devicePixelRatio;
        const { left, top, width, height } = u.bbox;
        const y = (price: number): number => Math.round(u.valToPos(price, 'y', true)) + 0.5;
        const yVah = y(levels.vah);
        const yVal = y(levels.val);
        const yPoc = y(levels.poc);
        ctx.save();
        ctx.beginPath();
        ctx.rect(left, top, width, height);
        ctx.clip();
        ctx.fillStyle = 'rgba(88, 166, 255, 0.05)';
        ctx.fillRect(left, Math.min(yVah, yVal), width, Math.abs(yVal - yVah));
        ctx.lineWidth = dpr;
        ctx.setLineDash([6 * dpr, 4 * dpr]);
        ctx.strokeStyle = VA_COLOR;
        for (const yy of [yVah, yVal]) {
          ctx.beginPath();
          ctx.moveTo(left, yy);
          ctx.lineTo(left + width, yy);
          ctx.stroke();
        }
        ctx.setLineDash([]);
        ctx.lineWidth = 2 * dpr;
        ctx.strokeStyle = POC_COLOR;
        ctx.beginPath();
        ctx.moveTo(left, yPoc);
        ctx.lineTo(left + width, yPoc);
        ctx.stroke();
        ctx.restore();
        // Labels are tags on the price axis (outside the plot's clip), so they never cover cells.
        ctx.save();
        ctx.font = `${10 * dpr}px sans-serif`;
        ctx.textAlign = 'left';
        ctx.textBaseline = 'middle';
        const lines = [
          { name: 'VAH' as const, price: levels.vah, y: yVah, color: VA_COLOR },
          { name: 'POC' as const, price: levels.poc, y: yPoc, color: POC_COLOR },
          { name: 'VAL' as const, price: levels.val, y: yVal, color: VA_COLOR },
        ];
        const placed = spreadLabels(lines.map((l) => l.y), LABEL_HEIGHT_CSS * dpr);
        const xAxis = left + width + 2 * dpr;
        const drawnLines: LevelsDrawn['lines'] = [];
        lines.forEach((l, i) => {
          const text = `${l.name} ${levels.format(l.price)}`;
          const ly = placed[i] as number;
          const w = ctx.measureText(text).width + 6 * dpr;
          ctx.fillStyle = l.color;
          ctx.fillRect(xAxis, ly - 7 * dpr, w, 14 * dpr);
          ctx.fillStyle = '#0d1117';
          ctx.fillText(text, xAxis + 3 * dpr, ly);
          drawnLines.push({ name: l.name, price: l.price, y: l.y / dpr, label: text });
        });
        ctx.restore();
        onDrawn?.({ lines: drawnLines });
      },
    },
  };
}
