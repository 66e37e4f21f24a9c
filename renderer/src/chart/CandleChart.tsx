// The live candle chart: 1m candles and volume drawn by the candles plugin on uPlot, following
// the newest bar; the mouse wheel changes how many bars are in view.

import { useEffect, useRef, useState } from 'react';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import type { Bar } from '../../../core/market/bars';
import { decimalsOf, fromTicks, type Instrument } from '../../../core/market/instrument';
import { useMarketStore } from '../store/market-store';
import { candlesPlugin } from './candles-plugin';
import { footprintPlugin } from './footprint-plugin';
import { levelsPlugin } from './levels-plugin';
import { positionPlugin } from './position-plugin';

const BAR_SECONDS = 60;
const RIGHT_PADDING_BARS = 4;

function toColumns(bars: readonly Bar[], tickSize: number): uPlot.AlignedData {
  const n = bars.length;
  const xs = new Float64Array(n);
  const open = new Float64Array(n);
  const high = new Float64Array(n);
  const low = new Float64Array(n);
  const close = new Float64Array(n);
  const volume = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const b = bars[i] as Bar;
    xs[i] = b.ts / 1000;
    open[i] = b.open * tickSize;
    high[i] = b.high * tickSize;
    low[i] = b.low * tickSize;
    close[i] = b.close * tickSize;
    volume[i] = b.volume;
  }
  return [xs, open, high, low, close, volume] as unknown as uPlot.AlignedData;
}

const FOOTPRINT_SHADE_WIDTH = 28;
const FOOTPRINT_TEXT_WIDTH = 84;

export interface FootprintDrawn {
  bars: number;
  text: boolean;
  sample: string;
}

/** Cumulative delta of the bars, restarting at each UTC day (the session break of a 24/7 market). */
export function cvdColumns(bars: readonly Bar[]): uPlot.AlignedData {
  const xs = new Float64Array(bars.length);
  const cvd = new Float64Array(bars.length);
  let sum = 0;
  let day = NaN;
  bars.forEach((b, i) => {
    const d = Math.floor(b.ts / 86_400_000);
    if (d !== day) {
      sum = 0;
      day = d;
    }
    sum += b.delta;
    xs[i] = b.ts / 1000;
    cvd[i] = sum;
  });
  return [xs, cvd] as unknown as uPlot.AlignedData;
}

function cvdOptions(size: { width: number; height: number }, visibleBars: () => number): uPlot.Options {
  const axis = { stroke: '#8b949e', grid: { stroke: '#1f2630', width: 1 }, ticks: { stroke: '#30363d', width: 1 } };
  return {
    width: size.width,
    height: size.height,
    legend: { show: false },
    cursor: { sync: { key: 'auctioneer-chart' }, points: { show: false } },
    scales: {
      x: {
        time: true,
        range: (u) => {
          const xs = u.data[0];
          const last = xs[xs.length - 1] ?? Date.now() / 1000;
          return [last - (visibleBars() - 1) * BAR_SECONDS - BAR_SECONDS / 2, last + RIGHT_PADDING_BARS * BAR_SECONDS];
        },
      },
    },
    axes: [
      { ...axis, show: false },
      { ...axis, side: 1, size: 80, values: (_u, splits) => splits.map((v) => v.toFixed(1)) },
    ],
    series: [{}, { label: 'CVD', stroke: '#58a6ff', width: 1.5, fill: 'rgba(88, 166, 255, 0.08)', points: { show: false } }],
  };
}

function buildOptions(
  instrument: Instrument,
  size: { width: number; height: number },
  visibleBars: () => number,
  onDrawn: (count: number) => void,
  onFootprint: (drawn: FootprintDrawn) => void,
): uPlot.Options {
  const decimals = decimalsOf(instrument.tickSize);
  const axis = { stroke: '#8b949e', grid: { stroke: '#1f2630', width: 1 }, ticks: { stroke: '#30363d', width: 1 } };
  const hidden = { paths: () => null, points: { show: false } };
  return {
    width: size.width,
    height: size.height,
    legend: { show: false },
    cursor: { drag: { x: false, y: false }, points: { show: false }, sync: { key: 'auctioneer-chart' } },
    scales: {
      x: {
        time: true,
        range: (u) => {
          const xs = u.data[0];
          const last = xs[xs.length - 1] ?? Date.now() / 1000;
          const first = last - (visibleBars() - 1) * BAR_SECONDS;
          return [first - BAR_SECONDS / 2, last + RIGHT_PADDING_BARS * BAR_SECONDS];
        },
      },
      y: {
        range: (u) => {
          const [i0, i1] = u.series[0]?.idxs ?? [0, 0];
          const high = u.data[2];
          const low = u.data[3];
          let min = Infinity;
          let max = -Infinity;
          for (let i = i0; i <= i1; i++) {
            const h = high?.[i];
            const l = low?.[i];
            if (h != null && h > max) max = h;
            if (l != null && l < min) min = l;
          }
          if (!Number.isFinite(min)) return [0, 1];
          const va = useMarketStore.getState().profile;
          if (va?.valid) {
            // Keep the value area in view when price is near it, so its lines are on screen.
            const vah = (va.vah + va.binTicks) * instrument.tickSize;
            const val = va.val * instrument.tickSize;
            const span = max - min;
            if (vah < max + span && val > min - span) {
              max = Math.max(max, vah);
              min = Math.min(min, val);
            }
          }
          const paper = useMarketStore.getState().paper;
          if (paper && (paper.positionQty !== 0 || paper.workingOrders > 0)) {
            // The working bracket stays in view: a trader watches the stop and the targets.
            for (const level of [paper.stop, ...paper.targets, paper.positionQty !== 0 ? paper.avgEntry : null]) {
              if (level === null) continue;
              max = Math.max(max, level * instrument.tickSize);
              min = Math.min(min, level * instrument.tickSize);
            }
          }
          const pad = Math.max((max - min) * 0.08, instrument.tickSize * 10);
          // Leave the bottom fifth to the volume bars.
          return [min - pad - (max - min) * 0.25, max + pad];
        },
      },
    },
    axes: [
      {
        ...axis,
        space: 70,
        // Traders read UTC, 24-hour; the date appears where a day starts.
        values: (_u, splits) =>
          splits.map((s) => {
            const iso = new Date(s * 1000).toISOString();
            return iso.slice(11, 16) === '00:00' ? iso.slice(5, 10) : iso.slice(11, 16);
          }),
      },
      {
        ...axis,
        side: 1,
        size: 80,
        values: (_u, splits) => splits.map((v) => v.toFixed(decimals)),
      },
    ],
    series: [
      {},
      { label: 'Open', ...hidden },
      { label: 'High', ...hidden },
      { label: 'Low', ...hidden },
      { label: 'Close', ...hidden },
      { label: 'Volume', scale: 'volume', ...hidden },
    ],
    plugins: [
      candlesPlugin({ volumeShare: 0.18, barSeconds: BAR_SECONDS, onDrawn, thinFromWidth: FOOTPRINT_SHADE_WIDTH }),
      positionPlugin(() => {
        const p = useMarketStore.getState().paper;
        if (!p || (p.positionQty === 0 && p.workingOrders === 0)) return null;
        const t = instrument.tickSize;
        return {
          entry: p.positionQty !== 0 ? p.avgEntry * t : null,
          stop: p.stop !== null ? p.stop * t : null,
          targets: p.targets.map((x) => x * t),
          side: p.positionQty > 0 ? 'long' : p.positionQty < 0 ? 'short' : null,
        };
      }),
      footprintPlugin({
        tickSize: instrument.tickSize,
        barSeconds: BAR_SECONDS,
        imbalanceRatio: 3,
        minShadeWidth: FOOTPRINT_SHADE_WIDTH,
        minTextWidth: FOOTPRINT_TEXT_WIDTH,
        footprintAt: (ts) => useMarketStore.getState().footprints.get(ts),
        onDrawn: (d) => onFootprint({ bars: d.bars, text: d.text, sample: d.sample ? JSON.stringify({ ts: d.sample.ts, firstLevelPrice: d.sample.firstLevelPrice, bid: d.sample.bid, ask: d.sample.ask }) : '' }),
      }),
      levelsPlugin(() => {
        const p = useMarketStore.getState().profile;
        if (!p?.valid) return null;
        // Levels are bin low edges; draw each at its bin's middle price.
        const mid = (ticks: number): number => (ticks + p.binTicks / 2) * instrument.tickSize;
        return { poc: mid(p.poc), vah: mid(p.vah), val: mid(p.val) };
      }),
    ],
  };
}

export function CandleChart() {
  const container = useRef<HTMLDivElement>(null);
  const cvdContainer = useRef<HTMLDivElement>(null);
  const instrument = useMarketStore((s) => s.instrument);
  const [hovered, setHovered] = useState<Bar | null>(null);
  const [drawn, setDrawn] = useState(0);
  const [footprint, setFootprint] = useState<FootprintDrawn>({ bars: 0, text: false, sample: '' });

  useEffect(() => {
    const el = container.current;
    const cvdEl = cvdContainer.current;
    if (!el || !cvdEl || !instrument) return;
    let visible = 120;
    const plot = new uPlot(
      buildOptions(
        instrument,
        { width: el.clientWidth, height: el.clientHeight },
        () => visible,
        (count) => setDrawn(count),
        (d) => setFootprint((prev) => (prev.bars === d.bars && prev.text === d.text && prev.sample === d.sample ? prev : d)),
      ),
      toColumns(useMarketStore.getState().bars, instrument.tickSize),
      el,
    );

    const cvdPlot = new uPlot(cvdOptions({ width: cvdEl.clientWidth, height: cvdEl.clientHeight }, () => visible), cvdColumns(useMarketStore.getState().bars), cvdEl);

    let frame = 0;
    let lastVersion = -1;
    const render = (): void => {
      frame = 0;
      const { bars, barsVersion } = useMarketStore.getState();
      if (barsVersion === lastVersion) return;
      lastVersion = barsVersion;
      plot.setData(toColumns(bars, instrument.tickSize));
      cvdPlot.setData(cvdColumns(bars));
    };
    const unsubscribe = useMarketStore.subscribe((state, prev) => {
      if (state.barsVersion !== prev.barsVersion && frame === 0) frame = requestAnimationFrame(render);
    });
    render();

    const onWheel = (event: WheelEvent): void => {
      event.preventDefault();
      visible = Math.round(Math.min(720, Math.max(6, visible * (event.deltaY > 0 ? 1.15 : 1 / 1.15))));
      plot.setData(plot.data);
      cvdPlot.setData(cvdPlot.data);
    };
    el.addEventListener('wheel', onWheel, { passive: false });

    plot.hooks.setCursor = [
      (u: uPlot) => {
        const idx = u.cursor.idx;
        const bars = useMarketStore.getState().bars;
        setHovered(idx != null ? (bars[idx] ?? null) : null);
      },
    ];

    const resize = new ResizeObserver(() => {
      plot.setSize({ width: el.clientWidth, height: el.clientHeight });
      cvdPlot.setSize({ width: cvdEl.clientWidth, height: cvdEl.clientHeight });
    });
    resize.observe(el);
    resize.observe(cvdEl);
    return () => {
      resize.disconnect();
      el.removeEventListener('wheel', onWheel);
      unsubscribe();
      if (frame) cancelAnimationFrame(frame);
      plot.destroy();
      cvdPlot.destroy();
    };
  }, [instrument]);

  return (
    <div className="chart-wrap">
      <BarReadout bar={hovered} instrument={instrument} />
      <div
        className="chart"
        ref={container}
        data-testid="candle-chart"
        data-candles-drawn={drawn}
        data-footprint-bars={footprint.bars}
        data-footprint-text={footprint.text ? 'yes' : 'no'}
        data-footprint-sample={footprint.sample}
      />
      <div className="cvd-label">CVD (resets 00:00 UTC)</div>
      <div className="cvd" ref={cvdContainer} data-testid="cvd-pane" />
    </div>
  );
}

function BarReadout({ bar, instrument }: { bar: Bar | null; instrument: Instrument | null }) {
  const latest = useMarketStore((s) => s.bars[s.bars.length - 1] ?? null);
  const shown = bar ?? latest;
  if (!shown || !instrument) return <div className="readout">Waiting for the first trade…</div>;
  const d = decimalsOf(instrument.tickSize);
  const p = (ticks: number): string => fromTicks(ticks, instrument.tickSize).toFixed(d);
  const up = shown.close >= shown.open;
  return (
    <div className="readout" data-testid="bar-readout">
      <span className="muted">{new Date(shown.ts).toISOString().slice(0, 16).replace('T', ' ')} UTC</span>
      <span>O <b className={up ? 'up' : 'down'}>{p(shown.open)}</b></span>
      <span>H <b className={up ? 'up' : 'down'}>{p(shown.high)}</b></span>
      <span>L <b className={up ? 'up' : 'down'}>{p(shown.low)}</b></span>
      <span>C <b className={up ? 'up' : 'down'}>{p(shown.close)}</b></span>
      <span>Vol <b>{shown.volume.toFixed(3)}</b></span>
      <span>Δ <b className={shown.delta >= 0 ? 'up' : 'down'}>{shown.delta.toFixed(3)}</b></span>
      <span>Trades <b>{shown.trades}</b></span>
    </div>
  );
}
