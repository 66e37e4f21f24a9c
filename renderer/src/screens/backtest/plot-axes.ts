// Axis styling shared by the backtest screen's plots: the chart's dark grid and UTC labels.

import type uPlot from 'uplot';

export const AXIS = { stroke: '#8b949e', grid: { stroke: '#1f2630', width: 1 }, ticks: { stroke: '#30363d', width: 1 } };

/** UTC time labels: the date where a day starts (or on wide spans), else hours and minutes. */
export function utcTimeAxis(): uPlot.Axis {
  return {
    ...AXIS,
    space: 80,
    values: (u, splits) => {
      const span = (u.scales['x']?.max ?? 0) - (u.scales['x']?.min ?? 0);
      return splits.map((s) => {
        const iso = new Date(s * 1000).toISOString();
        if (span > 3 * 86_400) return iso.slice(5, 10);
        return iso.slice(11, 16) === '00:00' ? iso.slice(5, 10) : iso.slice(11, 16);
      });
    },
  };
}
