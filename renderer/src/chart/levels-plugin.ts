// uPlot plugin drawing the rolling value area across the chart: VAH and VAL as lines with the
// area between them faintly shaded, the POC as a stronger line, each labelled at the right.

import type uPlot from 'uplot';

export interface ValueAreaLines {
  readonly poc: number;
  readonly vah: number;
  readonly val: number;
}

export const POC_COLOR = '#e3b341';
export const VA_COLOR = '#58a6ff';

export function levelsPlugin(getLevels: () => ValueAreaLines | null): uPlot.Plugin {
  return {
    hooks: {
      draw: (u: uPlot) => {
        const levels = getLevels();
        if (!levels) return;
        const { ctx } = u;
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
        ctx.lineWidth = devicePixelRatio;
        ctx.setLineDash([6 * devicePixelRatio, 4 * devicePixelRatio]);
        ctx.strokeStyle = VA_COLOR;
        for (const yy of [yVah, yVal]) {
          ctx.beginPath();
          ctx.moveTo(left, yy);
          ctx.lineTo(left + width, yy);
          ctx.stroke();
        }
        ctx.setLineDash([]);
        ctx.lineWidth = 2 * devicePixelRatio;
        ctx.strokeStyle = POC_COLOR;
        ctx.beginPath();
        ctx.moveTo(left, yPoc);
        ctx.lineTo(left + width, yPoc);
        ctx.stroke();
        ctx.font = `${11 * devicePixelRatio}px sans-serif`;
        ctx.textAlign = 'right';
        ctx.textBaseline = 'bottom';
        const label = (text: string, yy: number, color: string): void => {
          ctx.fillStyle = color;
          ctx.fillText(text, left + width - 4 * devicePixelRatio, yy - 2 * devicePixelRatio);
        };
        label('VAH', yVah, VA_COLOR);
        label('POC', yPoc, POC_COLOR);
        label('VAL', yVal, VA_COLOR);
        ctx.restore();
      },
    },
  };
}
