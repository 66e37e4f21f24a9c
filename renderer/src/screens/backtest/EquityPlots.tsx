// Equity and drawdown of a run, one above the other on the same time axis (uPlot, synced cursor).

import { useEffect, useRef } from 'react';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import type { BacktestRunDetail } from '../../../../core/api/areas/backtest';
import { AXIS, utcTimeAxis } from './plot-axes';

function plotOptions(width: number, height: number, kind: 'equity' | 'drawdown', deepest: number): uPlot.Options {
  const equity = kind === 'equity';
  return {
    width,
    height,
    // The same right padding on both, so their time axes line up.
    padding: [8, 24, 0, 0],
    legend: { show: false },
    cursor: { sync: { key: 'bt-equity' }, points: { show: false }, drag: { x: false, y: false } },
    scales: { x: { time: true }, ...(equity ? {} : { y: { range: (): uPlot.Range.MinMax => [Math.min(-0.1, deepest * 1.1), 0] } }) },
    axes: [
      { ...utcTimeAxis(), show: !equity },
      { ...AXIS, size: 70, space: 24, values: (_u, splits) => splits.map((v) => (equity ? v.toLocaleString('en-US', { maximumFractionDigits: 0 }) : `${(-v).toFixed(1)}%`)) },
    ],
    series: [
      {},
      equity
        ? { label: 'Equity', stroke: '#58a6ff', width: 1.5, fill: 'rgba(88, 166, 255, 0.08)', points: { show: false } }
        : { label: 'Drawdown', stroke: '#ef5350', width: 1, fill: 'rgba(239, 83, 80, 0.25)', points: { show: false } },
    ],
  };
}

export function EquityPlots({ equity }: { equity: BacktestRunDetail['equity'] }) {
  const equityEl = useRef<HTMLDivElement>(null);
  const drawdownEl = useRef<HTMLDivElement>(null);

  useEffect(() => {
    const a = equityEl.current;
    const b = drawdownEl.current;
    if (!a || !b) return;
    const xs = equity.ts.map((t) => t / 1000);
    const deepest = -Math.max(0, ...equity.drawdownPct);
    // Drawdown hangs below zero, the way it is felt.
    const plots = [
      new uPlot(plotOptions(a.clientWidth, a.clientHeight, 'equity', deepest), [xs, equity.equity], a),
      new uPlot(plotOptions(b.clientWidth, b.clientHeight, 'drawdown', deepest), [xs, equity.drawdownPct.map((d) => -d)], b),
    ];
    const resize = new ResizeObserver(() => {
      plots[0]?.setSize({ width: a.clientWidth, height: a.clientHeight });
      plots[1]?.setSize({ width: b.clientWidth, height: b.clientHeight });
    });
    resize.observe(a);
    resize.observe(b);
    return () => {
      resize.disconnect();
      for (const p of plots) p.destroy();
    };
  }, [equity]);

  return (
    <div className="bt-equity">
      <div className="bt-plot-label">Equity</div>
      <div className="bt-plot equity" ref={equityEl} data-testid="bt-equity-plot" data-points={equity.ts.length} />
      <div className="bt-plot-label">Drawdown</div>
      <div className="bt-plot drawdown" ref={drawdownEl} data-testid="bt-drawdown-plot" />
    </div>
  );
}
