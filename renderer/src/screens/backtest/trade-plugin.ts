// uPlot plugin drawing one trade over its candles: the stop and targets as dashed lines over the
// trade's life, the entry-to-exit path, entry and exit markers, and a price label for each level.

import type uPlot from 'uplot';

export interface DrawnTrade {
  readonly side: 'long' | 'short';
  /** Seconds (the chart's x unit). */
  readonly entryX: number;
  readonly exitX: number;
  readonly entry: number;
  readonly exit: number;
  readonly stop: number | null;
  /** The stop when the trade closed, if it was moved. */
  readonly finalStop: number | null;
  readonly targets: readonly number[];
  readonly decimals: number;
}

const COLORS = { entry: '#58a6ff', exitWin: '#26a69a', exitLoss: '#ef5350', stop: '#ef5350', target: '#26a69a' } as const;

/** `onDrawn` gets the labels painted ("Entry 65000.0", ...), for the readout and the tests. */
export function tradePlugin(trade: () => DrawnTrade | null, onDrawn?: (labels: string[]) => void): uPlot.Plugin {
  return {
    hooks: {
      draw: (u: uPlot) => {
        const t = trade();
        if (!t) return onDrawn?.([]);
        const ctx = u.ctx;
        const { left, top, width, height } = u.bbox;
        const dpr = devicePixelRatio;
        const x = (v: number): number => u.valToPos(v, 'x', true);
        const y = (v: number): number => u.valToPos(v, 'y', true);
        const x0 = Math.max(left, x(t.entryX));
        const x1 = Math.min(left + width, Math.max(x(t.exitX), x0 + 6 * dpr));
        const labels: string[] = [];
        ctx.save();
        ctx.beginPath();
        ctx.rect(left, top, width, height);
        ctx.clip();
        ctx.font = `${11 * dpr}px sans-serif`;
        ctx.textBaseline = 'middle';

        const tags: Array<{ y: number; color: string; label: string }> = [];
        const level = (price: number, color: string, text: string, dashed: boolean, from = x0, to = x1): void => {
          const py = Math.round(y(price)) + 0.5;
          ctx.strokeStyle = color;
          ctx.lineWidth = Math.max(1, dpr * (dashed ? 1 : 1.5));
          ctx.setLineDash(dashed ? [6 * dpr, 4 * dpr] : []);
          ctx.beginPath();
          ctx.moveTo(from, py);
          ctx.lineTo(to, py);
          ctx.stroke();
          // A faint guide from the trade to its price tag at the right edge.
          ctx.globalAlpha = 0.35;
          ctx.lineWidth = dpr;
          ctx.setLineDash([1 * dpr, 3 * dpr]);
          ctx.beginPath();
          ctx.moveTo(to, py);
          ctx.lineTo(left + width, py);
          ctx.stroke();
          ctx.globalAlpha = 1;
          ctx.setLineDash([]);
          tags.push({ y: py, color, label: `${text} ${price.toFixed(t.decimals)}` });
        };
        /** Price tags at the right edge, pushed apart so none hides another. */
        const drawTags = (): void => {
          const h = 16 * dpr;
          tags.sort((p, q) => p.y - q.y);
          const ys = tags.map((g) => g.y);
          for (let i = 1; i < ys.length; i++) ys[i] = Math.max(ys[i] as number, (ys[i - 1] as number) + h + dpr);
          const overflow = (ys[ys.length - 1] ?? 0) + h / 2 - (top + height);
          if (overflow > 0) for (let i = 0; i < ys.length; i++) ys[i] = (ys[i] as number) - overflow;
          tags.forEach((g, i) => {
            const w = ctx.measureText(g.label).width + 8 * dpr;
            const ty = ys[i] as number;
            const lx = left + width - w;
            ctx.fillStyle = g.color;
            ctx.fillRect(lx, ty - h / 2, w, h);
            ctx.fillStyle = '#0d1117';
            ctx.fillText(g.label, lx + 4 * dpr, ty);
            labels.push(g.label);
          });
        };

        // The zone at risk and the zone of the first target, shaded lightly over the trade's life.
        if (t.stop !== null) {
          ctx.fillStyle = 'rgba(239, 83, 80, 0.10)';
          ctx.fillRect(x0, Math.min(y(t.entry), y(t.stop)), x1 - x0, Math.abs(y(t.stop) - y(t.entry)));
        }
        const t1 = t.targets[0];
        if (t1 !== undefined) {
          ctx.fillStyle = 'rgba(38, 166, 154, 0.10)';
          ctx.fillRect(x0, Math.min(y(t.entry), y(t1)), x1 - x0, Math.abs(y(t1) - y(t.entry)));
        }
        if (t.stop !== null) level(t.stop, COLORS.stop, 'Stop', true);
        if (t.finalStop !== null && t.stop !== null && Math.abs(t.finalStop - t.stop) > 1e-9) level(t.finalStop, COLORS.stop, 'Stop moved', true);
        t.targets.forEach((p, i) => level(p, COLORS.target, t.targets.length > 1 ? `T${i + 1}` : 'Target', true));
        level(t.entry, COLORS.entry, t.side === 'long' ? 'Long' : 'Short', false);

        // Entry to exit, and the two fills as markers.
        const won = (t.exit - t.entry) * (t.side === 'long' ? 1 : -1) > 0;
        const exitColor = won ? COLORS.exitWin : COLORS.exitLoss;
        ctx.strokeStyle = exitColor;
        ctx.lineWidth = 1.5 * dpr;
        ctx.setLineDash([2 * dpr, 3 * dpr]);
        ctx.beginPath();
        ctx.moveTo(x(t.entryX), y(t.entry));
        ctx.lineTo(x(t.exitX), y(t.exit));
        ctx.stroke();
        ctx.setLineDash([]);
        const r = 5 * dpr;
        const tri = (cx: number, cy: number, upward: boolean, color: string): void => {
          ctx.fillStyle = color;
          ctx.beginPath();
          ctx.moveTo(cx, cy + (upward ? -r : r));
          ctx.lineTo(cx - r, cy + (upward ? r : -r));
          ctx.lineTo(cx + r, cy + (upward ? r : -r));
          ctx.closePath();
          ctx.fill();
        };
        tri(x(t.entryX), y(t.entry), t.side === 'long', COLORS.entry);
        tri(x(t.exitX), y(t.exit), t.side !== 'long', exitColor);
        level(t.exit, exitColor, 'Exit', false, x(t.exitX) - 10 * dpr, x(t.exitX) + 10 * dpr);
        drawTags();
        ctx.restore();
        onDrawn?.(labels);
      },
    },
  };
}
