// uPlot plugin drawing the running strategies' signals at their bar and price: a taken signal as
// a solid triangle (green up for long, red down for short), a refused one as a hollow grey
// triangle crossed out; the reason is shown in the readout when the cursor is over a marker.

import type uPlot from 'uplot';
import type { StrategySignal } from '../../../core/api/areas/strategies';

const SIZE_CSS = 7;

/** x (data units, s) of the bar holding the decision: the bar open before the decision time. */
export type SignalX = (signal: StrategySignal) => number;

/**
 * A signal's triangle in canvas px: a long sits under its price pointing up, a short above
 * pointing down, its tip 3 px off the price and its base 1.6 sizes further, `half` wide each side.
 */
export function signalMarker(side: StrategySignal['side'], x: number, yPrice: number, dpr: number): { x: number; tip: number; base: number; half: number } {
  const s = SIZE_CSS * dpr;
  const long = side === 'long';
  const tip = long ? yPrice + 3 * dpr : yPrice - 3 * dpr;
  return { x, tip, base: long ? tip + 1.6 * s : tip - 1.6 * s, half: s };
}

export function signalsPlugin(getSignals: () => readonly StrategySignal[], xOf: SignalX, onDrawn?: (taken: number, refused: number, marks: { x: number; y: number; reason: string }[]) => void): uPlot.Plugin {
  return {
    hooks: {
      draw: (u: uPlot) => {
        const signals = getSignals();
        const { ctx } = u;
        const dpr = devicePixelRatio;
        const { left, top, width, height } = u.bbox;
        const xMin = u.scales.x?.min ?? -Infinity;
        const xMax = u.scales.x?.max ?? Infinity;
        let taken = 0;
        let refused = 0;
        const marks: { x: number; y: number; reason: string }[] = [];
        ctx.save();
        ctx.beginPath();
        ctx.rect(left, top, width, height);
        ctx.clip();
        const s = SIZE_CSS * dpr;
        for (const sig of signals) {
          const xv = xOf(sig);
          if (xv < xMin || xv > xMax) continue;
          const x = u.valToPos(xv, 'x', true);
          const yPrice = u.valToPos(sig.price, 'y', true);
          const long = sig.side === 'long';
          const { tip, base } = signalMarker(sig.side, x, yPrice, dpr);
          ctx.beginPath();
          ctx.moveTo(x, tip);
          ctx.lineTo(x - s, base);
          ctx.lineTo(x + s, base);
          ctx.closePath();
          marks.push({ x: x / dpr, y: (tip + base) / 2 / dpr, reason: sig.reasonCode });
          if (sig.accepted) {
            ctx.fillStyle = long ? '#3fb950' : '#f85149';
            ctx.fill();
            ctx.strokeStyle = '#0d1117';
            ctx.lineWidth = dpr;
            ctx.stroke();
            taken++;
          } else {
            ctx.fillStyle = 'rgba(13, 17, 23, 0.8)';
            ctx.fill();
            ctx.strokeStyle = '#8b949e';
            ctx.lineWidth = 1.5 * dpr;
            ctx.stroke();
            const cy = (tip + base) / 2 + (long ? 2 : -2) * dpr;
            ctx.beginPath();
            ctx.moveTo(x - s / 3, cy - s / 3);
            ctx.lineTo(x + s / 3, cy + s / 3);
            ctx.moveTo(x + s / 3, cy - s / 3);
            ctx.lineTo(x - s / 3, cy + s / 3);
            ctx.stroke();
            refused++;
          }
        }
        ctx.restore();
        onDrawn?.(taken, refused, marks);
      },
    },
  };
}

/** The signal whose marker is under the cursor (css px inside the plot), nearest first. */
export function signalAt(u: uPlot, signals: readonly StrategySignal[], xOf: SignalX, left: number, top: number): StrategySignal | null {
  let best: StrategySignal | null = null;
  let bestD = (SIZE_CSS * 2.2) ** 2;
  for (const sig of signals) {
    const x = u.valToPos(xOf(sig), 'x');
    const y = u.valToPos(sig.price, 'y') + (sig.side === 'long' ? 1 : -1) * SIZE_CSS;
    const d = (x - left) ** 2 + (y - top) ** 2;
    if (d < bestD) {
      bestD = d;
      best = sig;
    }
  }
  return best;
}
