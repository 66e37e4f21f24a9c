// The main chart: candles of the chosen timeframe that turn into footprint cells when zoomed in,
// the volume profile at the right with its value-area lines, position lines, strategy signals,
// and the CVD pane; drawn by uPlot plugins (DESIGN.md §10). Drag pans, the wheel zooms; the
// readout shows the numbers under the crosshair.
//
// Mouse handlers added by other features (click-to-limit, dragging stop and target lines) go on
// the plot's `over` element and call preventDefault() on a mousedown they claim: the pan ignores
// such events.

import { useEffect, useMemo, useRef, useState } from 'react';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import type { AuctioneerApi } from '../../../core/api/contract';
import type { StrategySignal } from '../../../core/api/areas/strategies';
import type { Bar } from '../../../core/market/bars';
import { decimalsOf, fromTicks, type Instrument } from '../../../core/market/instrument';
import { TIMEFRAME_MS, timeframeOpen } from '../../../core/market/timeframes';
import { DEFAULT_FOOTPRINT_CONFIG } from '../../../core/profile/config';
import { autoPriceStep, defaultFootprintLevelTicks } from '../../../core/profile/footprint-views';
import { useMarketStore } from '../store/market-store';
import { candlesPlugin } from './candles-plugin';
import { barsForTimeframe, FootprintSource, withHistory } from './chart-data';
import { FIXED_PRICE_STEPS, useChartStore, type ChartTimeframe } from './chart-store';
import { ChartStatus } from './ChartStatus';
import { ChartToolbar } from './ChartToolbar';
import { cvdAnchorFor, cvdColumns } from './cvd';
import { cellAt, footprintPlugin, formatCellDelta, formatCellSize, type FootprintCells, type FootprintDrawnInfo } from './footprint-plugin';
import { levelsPlugin, valueAreaLines, type LevelsDrawn } from './levels-plugin';
import { orderLinesPlugin } from './order-lines-plugin';
import { PROFILE_WIDTH_CSS, profilePlugin, type ProfileDrawn } from './profile-plugin';
import { signalAt, signalsPlugin } from './signals-plugin';
import { useChartFeeds } from './use-chart-feeds';

/** Space right of the newest bar: the profile plus a gap, in css px. */
const RIGHT_RESERVED_CSS = PROFILE_WIDTH_CSS + 40;
const FOOTPRINT_SHADE_WIDTH = 28;
const FOOTPRINT_TEXT_WIDTH = 60;
const MIN_VISIBLE = 4;
/** Rows the automatic price step aims for: tall enough for 10 px numbers. */
const AUTO_STEP_ROW_PX = 14;
const MAX_VISIBLE = 1440;

/** What the chart is looking at: how many bars, and how far back from the newest (in bars). */
export class ChartView {
  visible = 120;
  offset = 0;

  /** The x range (s) for a plot `plotWidthCss` wide whose newest bar opens at `lastS`. */
  range(lastS: number, barSeconds: number, plotWidthCss: number): [number, number] {
    const slot = Math.max(0.5, (plotWidthCss - RIGHT_RESERVED_CSS) / this.visible);
    const rightBars = RIGHT_RESERVED_CSS / slot;
    const anchor = lastS - this.offset * barSeconds;
    return [anchor - (this.visible - 0.5) * barSeconds, anchor + (0.5 + rightBars) * barSeconds];
  }

  slotCss(plotWidthCss: number): number {
    return Math.max(0.5, (plotWidthCss - RIGHT_RESERVED_CSS) / this.visible);
  }
}

function plotWidthCss(u: uPlot): number {
  return u.bbox.width > 0 ? u.bbox.width / devicePixelRatio : Math.max(100, u.width - 80);
}

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

const AXIS = { stroke: '#8b949e', grid: { stroke: '#1f2630', width: 1 }, ticks: { stroke: '#30363d', width: 1 } };

function xRange(view: ChartView, barSeconds: number) {
  return (u: uPlot): [number, number] => {
    const xs = u.data[0];
    const last = xs[xs.length - 1] ?? Date.now() / 1000;
    return view.range(last, barSeconds, plotWidthCss(u));
  };
}

function cvdOptions(size: { width: number; height: number }, view: ChartView, barSeconds: number): uPlot.Options {
  return {
    width: size.width,
    height: size.height,
    legend: { show: false },
    cursor: { sync: { key: 'auctioneer-chart' }, points: { show: false }, drag: { x: false, y: false } },
    scales: { x: { time: true, range: xRange(view, barSeconds) } },
    axes: [
      { ...AXIS, show: false },
      { ...AXIS, side: 1, size: 80, values: (_u, splits) => splits.map((v) => v.toFixed(1)) },
    ],
    series: [{}, { label: 'CVD', stroke: '#58a6ff', width: 1.5, fill: 'rgba(88, 166, 255, 0.08)', points: { show: false } }],
  };
}

export interface ChartDrawn {
  candles: number;
  footprint: FootprintDrawnInfo;
  levels: LevelsDrawn;
  profile: ProfileDrawn;
  signals: { taken: number; refused: number; marks: { x: number; y: number; reason: string }[] };
}

interface BuildContext {
  instrument: Instrument;
  timeframe: ChartTimeframe;
  view: ChartView;
  footprints: FootprintSource;
  drawn: ChartDrawn;
  onDrawn: () => void;
  /** The price step 'auto' resolves to at the current zoom (set as the y range is computed). */
  autoStep: number;
}

function signalX(timeframe: ChartTimeframe): (s: StrategySignal) => number {
  // The decision is taken at a minute's close: its bar is the one open just before.
  return (s) => timeframeOpen(s.ts - 1, timeframe) / 1000;
}

function buildOptions(c: BuildContext, size: { width: number; height: number }): uPlot.Options {
  const { instrument, timeframe, view, drawn } = c;
  const tick = instrument.tickSize;
  const decimals = decimalsOf(tick);
  const barSeconds = TIMEFRAME_MS[timeframe] / 1000;
  const hidden = { paths: () => null, points: { show: false } };
  const profileLines = () => valueAreaLines(useChartStore.getState().profile, tick);
  return {
    width: size.width,
    height: size.height,
    legend: { show: false },
    cursor: { drag: { x: false, y: false }, points: { show: false }, sync: { key: 'auctioneer-chart' } },
    scales: {
      x: { time: true, range: xRange(view, barSeconds) },
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
          const va = profileLines();
          // With footprint cells on screen the bars get the whole height: the cells need it.
          const cells = view.slotCss(plotWidthCss(u)) >= FOOTPRINT_SHADE_WIDTH;
          if (va && !cells) {
            // Keep the value area in view when price is near it, so its lines are on screen.
            const vah = va.vah;
            const val = va.val;
            const span = max - min;
            // Only when that costs little height: zoomed in, the cells need the room.
            if (Math.max(max, vah) - Math.min(min, val) <= span * 1.6) {
              max = Math.max(max, vah);
              min = Math.min(min, val);
            }
          }
          const paper = useMarketStore.getState().paper;
          if (paper && (paper.positionQty !== 0 || paper.workingOrders > 0)) {
            // The working bracket stays in view: a trader watches the stop and the targets.
            for (const level of [paper.stop, ...paper.targets, paper.positionQty !== 0 ? paper.avgEntry : null]) {
              if (level === null) continue;
              max = Math.max(max, level * tick);
              min = Math.min(min, level * tick);
            }
          }
          const pad = Math.max((max - min) * 0.06, tick * 10);
          // Leave the bottom sixth to the volume bars.
          const range: [number, number] = [min - pad - (max - min) * 0.2, max + pad];
          const heightCss = u.bbox.height > 0 ? u.bbox.height / devicePixelRatio : u.height - 30;
          const levelPx = (heightCss * defaultFootprintLevelTicks(tick) * tick) / (range[1] - range[0]);
          c.autoStep = autoPriceStep(levelPx, AUTO_STEP_ROW_PX, FIXED_PRICE_STEPS);
          return range;
        },
      },
    },
    axes: [
      {
        ...AXIS,
        space: 70,
        // Whole bars only: a 1m chart never labels half minutes.
        incrs: [60, 120, 300, 600, 900, 1800, 3600, 7200, 14_400, 28_800, 86_400, 172_800, 604_800],
        // Traders read UTC, 24-hour; the date appears where a day starts.
        values: (_u, splits) =>
          splits.map((s) => {
            const iso = new Date(s * 1000).toISOString();
            return iso.slice(11, 16) === '00:00' ? iso.slice(5, 10) : iso.slice(11, 16);
          }),
      },
      { ...AXIS, side: 1, size: 80, values: (_u, splits) => splits.map((v) => v.toFixed(decimals)) },
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
      profilePlugin(() => useChartStore.getState().profile, tick, (d) => {
        drawn.profile = d;
      }),
      // Value-area lines behind the candles and cells, so cell numbers stay readable.
      levelsPlugin(
        () => {
          const l = profileLines();
          return l ? { ...l, format: (price: number) => (price === l.poc ? l.pocLabel : price).toFixed(decimals) } : null;
        },
        (d) => {
          drawn.levels = d;
        },
      ),
      candlesPlugin({
        rightReserveCss: PROFILE_WIDTH_CSS,
        volumeShare: 0.15,
        barSeconds,
        thinFromWidth: FOOTPRINT_SHADE_WIDTH,
        hasCells: (ts) => c.footprints.at(ts * 1000) !== undefined,
        onDrawn: (count) => {
          drawn.candles = count;
        },
      }),
      footprintPlugin({
        rightReserveCss: PROFILE_WIDTH_CSS,
        tickSize: tick,
        barSeconds,
        imbalanceRatio: DEFAULT_FOOTPRINT_CONFIG.imbalanceRatio,
        imbalanceMinVolume: DEFAULT_FOOTPRINT_CONFIG.imbalanceMinVolume,
        stackedMinLevels: DEFAULT_FOOTPRINT_CONFIG.stackedMinLevels,
        mode: () => useChartStore.getState().mode,
        minShadeWidth: FOOTPRINT_SHADE_WIDTH,
        minTextWidth: FOOTPRINT_TEXT_WIDTH,
        footprintAt: (ts) => c.footprints.at(ts),
        onDrawn: (d) => {
          drawn.footprint = d;
        },
      }),
      signalsPlugin(
        () => useChartStore.getState().signals,
        signalX(timeframe),
        (taken, refused, marks) => {
          drawn.signals = { taken, refused, marks };
        },
      ),
      // Over everything else: the trader's position and orders (lines that can be dragged).
      orderLinesPlugin(tick),
      { hooks: { draw: () => c.onDrawn() } },
    ],
  };
}

export interface Hover {
  bar: Bar | null;
  /** Price (ticks) under the cursor. */
  priceTicks: number | null;
  cell: { bid: number; ask: number; lo: number; levelTicks: number } | null;
  signal: StrategySignal | null;
}

export function CandleChart({ api }: { api?: AuctioneerApi }) {
  const container = useRef<HTMLDivElement>(null);
  const cvdContainer = useRef<HTMLDivElement>(null);
  const crosshairPrice = useRef<HTMLDivElement>(null);
  const view = useRef(new ChartView());
  const instrument = useMarketStore((s) => s.instrument);
  const timeframe = useChartStore((s) => s.timeframe);
  const [hover, setHover] = useState<Hover | null>(null);
  const feeds = useChartFeeds(api, timeframe, view.current);

  useEffect(() => {
    const el = container.current;
    const cvdEl = cvdContainer.current;
    if (!el || !cvdEl || !instrument) return;
    const tick = instrument.tickSize;
    const barSeconds = TIMEFRAME_MS[timeframe] / 1000;
    const v = view.current;
    v.offset = 0;
    let bars: Bar[] = [];
    let barsKey: unknown = null;
    let historyKey: unknown = null;
    const currentBars = (): Bar[] => {
      const { bars: minutes, history } = useMarketStore.getState();
      if (barsKey !== minutes || historyKey !== history) {
        const session = barsForTimeframe(minutes, timeframe);
        bars = history && history.timeframe === timeframe ? withHistory(history.bars, session, timeframe) : session;
        barsKey = minutes;
        historyKey = history;
      }
      return bars;
    };
    const footprints = new FootprintSource(
      () => useMarketStore.getState().footprints,
      () => {
        const step = useChartStore.getState().step;
        return { timeframe, step: step === 'auto' ? ctx.autoStep : step };
      },
      () => useMarketStore.getState().bars,
    );
    const drawn: ChartDrawn = {
      candles: 0,
      footprint: { bars: 0, text: false, sample: null, stacked: 0, unfinished: 0 },
      levels: { lines: [] },
      profile: { rows: 0, hvn: 0, lvn: 0, naked: 0, developing: 0 },
      signals: { taken: 0, refused: 0, marks: [] },
    };
    // The e2e benchmark (build/bench/chart.bench.ts) sets this hook before the page loads.
    const bench = (window as { __auctioneerBench?: { frames: number[]; view?: ChartView; redraw?: () => void } }).__auctioneerBench;
    const benchFrames = bench?.frames;
    let drawStarted = 0;
    const publishDrawn = (): void => {
      if (benchFrames && drawStarted > 0) benchFrames.push(performance.now() - drawStarted);
      drawStarted = 0;
      const f = drawn.footprint;
      const attrs: Record<string, string> = {
        'data-candles-drawn': String(drawn.candles),
        'data-footprint-bars': String(f.bars),
        'data-footprint-text': f.text ? 'yes' : 'no',
        'data-footprint-stacked': String(f.stacked),
        'data-footprint-unfinished': String(f.unfinished),
        'data-footprint-sample': f.sample
          ? JSON.stringify({ ts: f.sample.ts, levelTicks: f.sample.levelTicks, firstLevelPrice: f.sample.firstLevelPrice, bid: f.sample.bid, ask: f.sample.ask, pocPrice: f.sample.pocPrice, shown: f.sample.shown })
          : '',
        'data-levels': JSON.stringify(drawn.levels.lines),
        'data-profile-rows': String(drawn.profile.rows),
        'data-profile-nodes': `${drawn.profile.hvn}/${drawn.profile.lvn}`,
        'data-naked-pocs': String(drawn.profile.naked),
        'data-developing-poc': String(drawn.profile.developing),
        'data-signals': `${drawn.signals.taken}/${drawn.signals.refused}`,
        'data-signal-marks': JSON.stringify(drawn.signals.marks),
        'data-bars-shown': JSON.stringify(
          (() => {
            const xs = plotRef?.data[0];
            const [i0, i1] = plotRef?.series[0]?.idxs ?? [0, -1];
            const out: { ts: number; o: number; h: number; l: number; c: number; v: number }[] = [];
            const all = currentBars();
            for (let i = Math.max(0, i1 - 5); i <= i1 && xs; i++) {
              const b = all[i];
              if (b && i >= i0) out.push({ ts: b.ts, o: b.open, h: b.high, l: b.low, c: b.close, v: b.volume });
            }
            return out;
          })(),
        ),
      };
      // Straight onto the element: a React render per frame would cost more than the drawing.
      for (const [k, value] of Object.entries(attrs)) if (el.getAttribute(k) !== value) el.setAttribute(k, value);
    };
    let plotRef: uPlot | null = null;
    const ctx: BuildContext = { instrument, timeframe, view: v, footprints, drawn, onDrawn: publishDrawn, autoStep: 1 };
    const plot = new uPlot(buildOptions(ctx, { width: el.clientWidth, height: el.clientHeight }), toColumns(currentBars(), tick), el);
    plotRef = plot;
    const cvdPlot = new uPlot(cvdOptions({ width: cvdEl.clientWidth, height: cvdEl.clientHeight }, v, barSeconds), cvdColumns(currentBars(), cvdAnchorFor(barSeconds * 1000)), cvdEl);
    feeds.attach(footprints, plot);

    let frame = 0;
    let lastMarket = -1;
    let lastChart = -1;
    let lastNewest = NaN;
    let panPending = false;
    const render = (): void => {
      frame = 0;
      drawStarted = performance.now();
      const { barsVersion } = useMarketStore.getState();
      const { version } = useChartStore.getState();
      if (barsVersion !== lastMarket) {
        lastMarket = barsVersion;
        lastChart = version;
        const all = currentBars();
        const newest = all[all.length - 1]?.ts ?? NaN;
        // Panned back in time: keep looking at the same bars while new ones arrive.
        if (v.offset > 0 && Number.isFinite(lastNewest) && newest > lastNewest) v.offset += Math.round((newest - lastNewest) / (barSeconds * 1000));
        lastNewest = newest;
        plot.setData(toColumns(all, tick));
        cvdPlot.setData(cvdColumns(all, cvdAnchorFor(barSeconds * 1000)));
        panPending = false;
      } else if (version !== lastChart || panPending) {
        lastChart = version;
        panPending = false;
        plot.setScale('x', { min: 0, max: 1 });
        cvdPlot.setScale('x', { min: 0, max: 1 });
      } else {
        drawStarted = 0;
      }
      feeds.afterDraw();
    };
    const schedule = (): void => {
      if (frame === 0) frame = requestAnimationFrame(render);
    };
    const offMarket = useMarketStore.subscribe((state, prev) => {
      if (state.barsVersion !== prev.barsVersion) schedule();
    });
    const offChart = useChartStore.subscribe((state, prev) => {
      if (state.version !== prev.version) schedule();
    });
    render();
    if (bench) {
      bench.view = v;
      bench.redraw = () => {
        panPending = true;
        schedule();
      };
    }

    const onWheel = (event: WheelEvent): void => {
      event.preventDefault();
      const next = Math.round(Math.min(MAX_VISIBLE, Math.max(MIN_VISIBLE, v.visible * (event.deltaY > 0 ? 1.15 : 1 / 1.15))));
      const all = currentBars();
      const lastS = (all[all.length - 1]?.ts ?? 0) / 1000;
      const min = plot.scales.x?.min;
      const max = plot.scales.x?.max;
      if (v.offset > 0 && min != null && max != null) {
        // Panned back: zoom about the bar under the mouse. At the live edge the newest bar stays put.
        const left = plot.over.getBoundingClientRect().left;
        const at = plot.posToVal(event.clientX - left, 'x');
        const share = (at - min) / (max - min);
        const widthCss = plotWidthCss(plot);
        const span = ((next * widthCss) / Math.max(1, widthCss - RIGHT_RESERVED_CSS)) * barSeconds;
        const anchor = at - share * span + (next - 0.5) * barSeconds;
        v.offset = Math.max(0, Math.min(all.length - 1, Math.round((lastS - anchor) / barSeconds)));
      }
      v.visible = next;
      panPending = true;
      feeds.viewChanged();
      schedule();
    };
    el.addEventListener('wheel', onWheel, { passive: false });

    // Drag to pan: the offset follows the mouse one slot per bar.
    let drag: { x: number; offset: number } | null = null;
    const onDown = (event: MouseEvent): void => {
      if (event.button !== 0 || event.defaultPrevented) return;
      drag = { x: event.clientX, offset: v.offset };
      plot.over.style.cursor = 'grabbing';
    };
    const onMove = (event: MouseEvent): void => {
      if (!drag) return;
      const slot = v.slotCss(plotWidthCss(plot));
      const next = Math.max(0, Math.min(currentBars().length - 1, drag.offset + (event.clientX - drag.x) / slot));
      if (next === v.offset) return;
      v.offset = next;
      panPending = true;
      schedule();
    };
    const onUp = (): void => {
      if (!drag) return;
      drag = null;
      plot.over.style.cursor = '';
      v.offset = Math.round(v.offset);
      panPending = true;
      feeds.viewChanged();
      schedule();
    };
    plot.over.addEventListener('mousedown', onDown);
    window.addEventListener('mousemove', onMove);
    window.addEventListener('mouseup', onUp);
    const onDoubleClick = (): void => {
      // Back to the live edge.
      v.offset = 0;
      panPending = true;
      feeds.viewChanged();
      schedule();
    };
    plot.over.addEventListener('dblclick', onDoubleClick);

    plot.hooks.setCursor = [
      (u: uPlot) => {
        const { left, top, idx } = u.cursor;
        const label = crosshairPrice.current;
        if (left == null || top == null || left < 0 || top < 0) {
          if (label) label.style.display = 'none';
          setHover(null);
          return;
        }
        const price = u.posToVal(top, 'y');
        const priceTicks = Math.round(price / tick);
        if (label) {
          label.style.display = 'block';
          label.style.top = `${top + u.over.offsetTop - 9}px`;
          label.textContent = price.toFixed(decimalsOf(tick));
        }
        const bar = idx != null ? (currentBars()[idx] ?? null) : null;
        let cell: Hover['cell'] = null;
        if (bar) {
          const f: FootprintCells | undefined = footprints.at(bar.ts);
          const hit = f ? cellAt(f, priceTicks) : null;
          if (f && hit) cell = { bid: hit.bid, ask: hit.ask, lo: hit.lo, levelTicks: f.levelTicks };
        }
        const signal = signalAt(u, useChartStore.getState().signals, signalX(timeframe), left, top);
        setHover({ bar, priceTicks, cell, signal });
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
      window.removeEventListener('mousemove', onMove);
      window.removeEventListener('mouseup', onUp);
      offMarket();
      offChart();
      feeds.detach();
      if (frame) cancelAnimationFrame(frame);
      plot.destroy();
      cvdPlot.destroy();
    };
    // feeds is one object for the component's life.
  }, [instrument, timeframe, feeds]);

  return (
    <div className="chart-wrap">
      <ChartToolbar />
      <Readout hover={hover} instrument={instrument} />
      <div className="chart-area">
        <div className="chart" ref={container} data-testid="candle-chart" data-timeframe={timeframe} />
        <div className="crosshair-price" ref={crosshairPrice} data-testid="crosshair-price" />
        <ChartStatus />
      </div>
      <div className="cvd-label" data-testid="cvd-label">CVD (resets each {cvdAnchorFor(TIMEFRAME_MS[timeframe]).label})</div>
      <div className="cvd" ref={cvdContainer} data-testid="cvd-pane" />
    </div>
  );
}

function Readout({ hover, instrument }: { hover: Hover | null; instrument: Instrument | null }) {
  const timeframe = useChartStore((s) => s.timeframe);
  const minutes = useMarketStore((s) => s.bars);
  const history = useMarketStore((s) => s.history);
  const latest = useMemo(() => {
    const last = minutes[minutes.length - 1];
    if (!last) return null;
    // The newest bar of the timeframe: its minutes are the tail from its open time, plus the
    // stored part before the session when the session started inside it.
    const open = timeframeOpen(last.ts, timeframe);
    let from = minutes.length - 1;
    while (from > 0 && (minutes[from - 1] as Bar).ts >= open) from--;
    const session = barsForTimeframe(minutes.slice(from), timeframe);
    const stored = history?.timeframe === timeframe ? history.bars.filter((b) => b.ts === open) : [];
    return withHistory(stored, session, timeframe)[0] ?? null;
  }, [minutes, history, timeframe]);
  const shown = hover?.bar ?? latest;
  if (!instrument) return <div className="readout">Waiting for the first trade…</div>;
  if (!shown) return <div className="readout" data-testid="bar-readout">Move over the chart to read a bar</div>;
  const d = decimalsOf(instrument.tickSize);
  const p = (ticks: number): string => fromTicks(ticks, instrument.tickSize).toFixed(d);
  const up = shown.close >= shown.open;
  const signal = hover?.signal ?? null;
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
      {hover?.priceTicks != null && (
        <span data-testid="crosshair-readout">
          @ <b>{p(hover.priceTicks)}</b>
          {hover.cell && (
            <>
              {' '}
              [{p(hover.cell.lo)}–{p(hover.cell.lo + hover.cell.levelTicks)}) bid <b className="down">{formatCellSize(hover.cell.bid)}</b> ask{' '}
              <b className="up">{formatCellSize(hover.cell.ask)}</b> Δ <b className={hover.cell.ask >= hover.cell.bid ? 'up' : 'down'}>{formatCellDelta(hover.cell.ask - hover.cell.bid)}</b>
            </>
          )}
        </span>
      )}
      {signal && (
        <span data-testid="signal-readout" className={signal.accepted ? 'up' : 'warn'}>
          {signal.strategyId} {signal.tag} {signal.side} @ {signal.price.toFixed(d)} · {signal.accepted ? 'taken' : `refused: ${signal.reasonCode}`}
        </span>
      )}
    </div>
  );
}
