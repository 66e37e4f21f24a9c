// uPlot plugin drawing candles and a volume histogram from the OHLCV columns in draw hooks
// (DESIGN.md §10: custom drawing as plugins, canvas state touched only when it changes).

import type uPlot from 'uplot';

export const CANDLE_UP = '#26a69a';
export const CANDLE_DOWN = '#ef5350';

/** Column order of the chart data: x (s), open, high, low, close, volume. */
export const COL = { open: 1, high: 2, low: 3, close: 4, volume: 5 } as const;

export interface CandlesPluginOptions {
  /** Css px at the right of the plot left to the volume profile: nothing is drawn there. */
  readonly rightReserveCss?: number;
  /** Share of the plot height the volume histogram may use. */
  readonly volumeShare: number;
  /** Bar duration in seconds (the x unit), which sets the candle width. */
  readonly barSeconds: number;
  /** Slot width (css px) from which footprint cells take the slot and candles draw thin. */
  readonly thinFromWidth?: number;
  /** Whether a bar (x in s) has footprint cells: only those candles move aside and draw thin. */
  readonly hasCells?: (x: number) => boolean;
  /** Called after each draw with the number of candles painted. */
  readonly onDrawn?: (count: number) => void;
}

export function candlesPlugin(options: CandlesPluginOptions): uPlot.Plugin {
  return {
    hooks: {
      draw: (u: uPlot) => {
        const xs = u.data[0];
        const open = u.data[COL.open];
        const high = u.data[COL.high];
        const low = u.data[COL.low];
        const close = u.data[COL.close];
        const volume = u.data[COL.volume];
        if (!open || !high || !low || !close || !volume || xs.length === 0) {
          options.onDrawn?.(0);
          return;
        }
        const [i0, i1] = u.series[0]?.idxs ?? [0, xs.length - 1];
        const ctx = u.ctx;
        const { left, top, width, height } = u.bbox;
        const span = (u.scales.x?.max ?? 0) - (u.scales.x?.min ?? 0);
        const slot = width / Math.max(1, span / options.barSeconds);
        const zoomedIn = options.thinFromWidth !== undefined && slot / devicePixelRatio >= options.thinFromWidth;
        const thinWidth = Math.max(2, Math.round(3 * devicePixelRatio));
        const fullWidth = Math.max(1, Math.min(24, Math.floor(slot * 0.7)));
        const wickWidth = Math.max(1, Math.floor(devicePixelRatio));

        let maxVolume = 0;
        for (let i = i0; i <= i1; i++) maxVolume = Math.max(maxVolume, volume[i] ?? 0);
        const volumeHeight = height * options.volumeShare;

        ctx.save();
        ctx.beginPath();
        ctx.rect(left, top, width - (options.rightReserveCss ?? 0) * devicePixelRatio, height);
        ctx.clip();
        let drawn = 0;
        let fill = '';
        for (let i = i0; i <= i1; i++) {
          const o = open[i];
          const h = high[i];
          const l = low[i];
          const c = close[i];
          const v = volume[i];
          const x = xs[i];
          if (o == null || h == null || l == null || c == null || x == null) continue;
          // With footprint cells the candle moves to the slot's left edge, beside them.
          const thin = zoomedIn && (options.hasCells?.(x) ?? true);
          const bodyWidth = thin ? thinWidth : fullWidth;
          const cx = Math.round(u.valToPos(x, 'x', true) - (thin ? slot * 0.4 : 0));
          const color = c >= o ? CANDLE_UP : CANDLE_DOWN;
          if (color !== fill) {
            ctx.fillStyle = color;
            fill = color;
          }
          if (v != null && maxVolume > 0) {
            const vh = (v / maxVolume) * volumeHeight;
            ctx.globalAlpha = 0.35;
            ctx.fillRect(cx - bodyWidth / 2, top + height - vh, bodyWidth, vh);
            ctx.globalAlpha = 1;
          }
          const yh = Math.round(u.valToPos(h, 'y', true));
          const yl = Math.round(u.valToPos(l, 'y', true));
          const yo = Math.round(u.valToPos(o, 'y', true));
          const yc = Math.round(u.valToPos(c, 'y', true));
          ctx.fillRect(cx - Math.floor(wickWidth / 2), yh, wickWidth, Math.max(1, yl - yh));
          const bodyTop = Math.min(yo, yc);
          ctx.fillRect(cx - Math.floor(bodyWidth / 2), bodyTop, bodyWidth, Math.max(1, Math.abs(yc - yo)));
          drawn++;
        }
        ctx.restore();
        options.onDrawn?.(drawn);
      },
    },
  };
}
