// uPlot plugin drawing the paper position on the chart: the average entry, the working stop and
// the targets as labelled lines across the plot.

import type uPlot from 'uplot';

export interface PositionLines {
  readonly entry: number | null;
  readonly stop: number | null;
  readonly targets: readonly number[];
  readonly side: 'long' | 'short' | null;
}

export function positionPlugin(getLines: () => PositionLines | null): uPlot.Plugin {
  return {
    hooks: {
      draw: (u: uPlot) => {
        const lines = getLines();
        if (!lines) return;
        const { ctx } = u;
        const { left, top, width, height } = u.bbox;
        ctx.save();
        ctx.beginPath();
        ctx.rect(left, top, width, height);
        ctx.clip();
        ctx.font = `${11 * devicePixelRatio}px sans-serif`;
        ctx.textBaseline = 'bottom';
        ctx.textAlign = 'left';
        const draw = (price: number, color: string, label: string, dash: number[]): void => {
          const y = Math.round(u.valToPos(price, 'y', true)) + 0.5;
          ctx.strokeStyle = color;
          ctx.lineWidth = 1.5 * devicePixelRatio;
          ctx.setLineDash(dash.map((d) => d * devicePixelRatio));
          ctx.beginPath();
          ctx.moveTo(left, y);
          ctx.lineTo(left + width, y);
          ctx.stroke();
          ctx.fillStyle = color;
          ctx.fillText(label, left + 6 * devicePixelRatio, y - 2 * devicePixelRatio);
        };
        if (lines.entry !== null) draw(lines.entry, '#e6edf3', `${lines.side === 'short' ? 'SHORT' : 'LONG'} entry`, []);
        if (lines.stop !== null) draw(lines.stop, '#ff7b72', 'stop', [4, 3]);
        lines.targets.forEach((t, i) => draw(t, '#3fb950', `target ${i + 1}`, [4, 3]));
        ctx.setLineDash([]);
        ctx.restore();
      },
    },
  };
}
