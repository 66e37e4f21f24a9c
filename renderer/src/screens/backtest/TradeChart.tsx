// One trade on its candles: the stored bars around it (of the run's timeframe), with entry, exit,
// stop and targets drawn (trade-plugin) and a readout of the trade's numbers above.

import { useEffect, useRef, useState } from 'react';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import type { BacktestTrade } from '../../../../core/api/areas/backtest';
import type { AuctioneerApi } from '../../../../core/api/contract';
import { TIMEFRAME_MS, type Timeframe } from '../../../../core/market/timeframes';
import { candlesPlugin } from '../../chart/candles-plugin';
import { AXIS, utcTimeAxis } from './plot-axes';
import { tradePlugin, type DrawnTrade } from './trade-plugin';
import { utcMinute } from './time';

const BARS_BEFORE = 60;
const BARS_AFTER = 30;

interface Props {
  readonly api: AuctioneerApi;
  readonly instrument: string;
  /** The bars the run stepped through. */
  readonly timeframe: Timeframe;
  readonly decimals: number;
  readonly trade: BacktestTrade | null;
}

export function TradeChart({ api, instrument, timeframe, decimals, trade }: Props) {
  const el = useRef<HTMLDivElement>(null);
  const [labels, setLabels] = useState<string[]>([]);
  const [barCount, setBarCount] = useState(0);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    const host = el.current;
    if (!host || !trade) return;
    let plot: uPlot | null = null;
    let disposed = false;
    const barMs = TIMEFRAME_MS[timeframe];
    const held = Math.ceil((trade.exitTs - trade.entryTs) / barMs);
    const fromTs = Math.floor(trade.entryTs / barMs) * barMs - BARS_BEFORE * barMs;
    const toTs = Math.floor(trade.exitTs / barMs) * barMs + Math.max(BARS_AFTER, Math.round(held / 3)) * barMs;
    const drawn: DrawnTrade = {
      side: trade.side,
      entryX: trade.entryTs / 1000,
      exitX: trade.exitTs / 1000,
      entry: trade.entryPrice,
      exit: trade.exitPrice,
      stop: trade.stop,
      finalStop: trade.finalStop,
      targets: trade.targets,
      decimals,
    };
    setError(null);
    api
      .request('backtest.bars', { instrument, fromTs, toTs, timeframe })
      .then((bars) => {
        if (disposed) return;
        setBarCount(bars.ts.length);
        const levels = [trade.entryPrice, trade.exitPrice, ...(trade.stop !== null ? [trade.stop] : []), ...trade.targets];
        const options: uPlot.Options = {
          width: host.clientWidth,
          height: host.clientHeight,
          legend: { show: false },
          cursor: { points: { show: false }, drag: { x: false, y: false } },
          scales: {
            x: { time: true, range: (_u, min, max) => [min - barMs / 1000, max + (max - min) * 0.24] },
            y: {
              range: (u) => {
                let lo = Math.min(...levels);
                let hi = Math.max(...levels);
                const [i0, i1] = u.series[0]?.idxs ?? [0, -1];
                for (let i = i0; i <= i1; i++) {
                  lo = Math.min(lo, u.data[3]?.[i] ?? lo);
                  hi = Math.max(hi, u.data[2]?.[i] ?? hi);
                }
                const pad = (hi - lo) * 0.08 || 1;
                return [lo - pad - (hi - lo) * 0.15, hi + pad];
              },
            },
          },
          axes: [utcTimeAxis(), { ...AXIS, side: 1, size: 80, values: (_u, splits) => splits.map((v) => v.toFixed(decimals)) }],
          series: [{}, ...['Open', 'High', 'Low', 'Close', 'Volume'].map((label) => ({ label, paths: () => null, points: { show: false } }))],
          plugins: [candlesPlugin({ volumeShare: 0.12, barSeconds: barMs / 1000 }), tradePlugin(() => drawn, setLabels)],
        };
        const data = [bars.ts.map((t) => t / 1000), bars.open, bars.high, bars.low, bars.close, bars.volume] as unknown as uPlot.AlignedData;
        plot = new uPlot(options, data, host);
      })
      .catch((e: unknown) => setError(e instanceof Error ? e.message : String(e)));
    const resize = new ResizeObserver(() => plot?.setSize({ width: host.clientWidth, height: host.clientHeight }));
    resize.observe(host);
    return () => {
      disposed = true;
      resize.disconnect();
      plot?.destroy();
      setLabels([]);
    };
  }, [api, instrument, timeframe, decimals, trade]);

  if (!trade) return <div className="bt-trade-chart empty muted">Click a trade to see it on the chart.</div>;
  const p = (x: number): string => x.toFixed(decimals);
  return (
    <div className="bt-trade-chart">
      <div className="readout" data-testid="bt-trade-readout">
        <span className="muted">#{trade.seq}</span>
        <span>
          <b className={trade.side === 'long' ? 'up' : 'down'}>{trade.side}</b> {trade.qty} {trade.tag}
        </span>
        <span>
          Entry <b data-testid="bt-readout-entry">{p(trade.entryPrice)}</b> <span className="muted">{utcMinute(trade.entryTs)}</span>
        </span>
        <span>
          Exit <b data-testid="bt-readout-exit">{p(trade.exitPrice)}</b> <span className="muted">{utcMinute(trade.exitTs)}</span>
        </span>
        <span>
          Stop <b className="down">{trade.stop === null ? '–' : p(trade.stop)}</b>
        </span>
        <span>
          Targets <b className="up">{trade.targets.length === 0 ? '–' : trade.targets.map(p).join(' / ')}</b>
        </span>
        <span>
          Net <b className={trade.netPnl >= 0 ? 'up' : 'down'}>{trade.netPnl.toFixed(2)}</b>
        </span>
      </div>
      {error && <p className="bt-error">{error}</p>}
      <div className="bt-plot trade" ref={el} data-testid="bt-trade-chart" data-drawn-labels={labels.join('|')} data-bars={barCount} data-timeframe={timeframe} />
      {barCount === 0 && labels.length > 0 && <p className="bt-note muted">No stored bars for this period: levels only.</p>}
    </div>
  );
}
