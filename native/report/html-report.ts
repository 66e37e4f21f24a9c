// A backtest report as one self-contained HTML file: metrics, equity and drawdown plots (inline
// SVG, no scripts, so it opens anywhere and passes a strict CSP), the trades table and the
// settings the run used.

import type { Report } from '../../core/report/report';

const esc = (s: string): string => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

function polyline(xs: readonly number[], ys: readonly number[], width: number, height: number, color: string): string {
  if (xs.length === 0) return '';
  const x0 = xs[0] as number;
  const x1 = xs[xs.length - 1] as number;
  let y0 = Infinity;
  let y1 = -Infinity;
  for (const y of ys) {
    y0 = Math.min(y0, y);
    y1 = Math.max(y1, y);
  }
  if (y0 === y1) {
    y0 -= 1;
    y1 += 1;
  }
  // Decimate to about 4 points per pixel (DESIGN.md §10) so a year of minutes stays small.
  const step = Math.max(1, Math.floor(xs.length / (width * 4)));
  const pts: string[] = [];
  for (let i = 0; i < xs.length; i += step) {
    const x = ((xs[i]! - x0) / Math.max(1, x1 - x0)) * width;
    const y = height - ((ys[i]! - y0) / (y1 - y0)) * height;
    pts.push(`${x.toFixed(1)},${y.toFixed(1)}`);
  }
  return `<svg viewBox="0 0 ${width} ${height}" width="100%" height="${height}" preserveAspectRatio="none"><polyline fill="none" stroke="${color}" stroke-width="1.5" points="${pts.join(' ')}"/></svg>
<div class="axis"><span>${esc(new Date(x0).toISOString().slice(0, 16))}</span><span>min ${y0.toFixed(2)} · max ${y1.toFixed(2)}</span><span>${esc(new Date(x1).toISOString().slice(0, 16))}</span></div>`;
}

export interface HtmlReportInput {
  readonly title: string;
  readonly report: Report;
  readonly metricsTable: string;
  readonly tradesTable: string;
  readonly settings: Record<string, unknown>;
}

export function renderHtmlReport(input: HtmlReportInput): string {
  const series = input.report.series.equity;
  const xs = series.map((p) => p.ts);
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>${esc(input.title)}</title>
<style>
body{background:#0d1117;color:#d5dbe3;font:13px/1.4 system-ui,sans-serif;margin:24px;max-width:1200px}
h1{font-size:18px}h2{font-size:14px;color:#8b949e;text-transform:uppercase;letter-spacing:.06em;margin-top:28px}
pre{background:#11161d;border:1px solid #222a35;padding:12px;overflow:auto;font:12px ui-monospace,monospace}
.plot{background:#11161d;border:1px solid #222a35;padding:8px}.axis{display:flex;justify-content:space-between;color:#8b949e;font-size:11px}
</style></head><body>
<h1>${esc(input.title)}</h1>
<h2>Metrics</h2><pre>${esc(input.metricsTable)}</pre>
<h2>Equity</h2><div class="plot">${polyline(xs, series.map((p) => p.equity), 1000, 220, '#26a69a')}</div>
<h2>Drawdown (%)</h2><div class="plot">${polyline(xs, series.map((p) => -p.drawdownPct), 1000, 120, '#ef5350')}</div>
<h2>Trades</h2><pre>${esc(input.tradesTable)}</pre>
<h2>Settings</h2><pre>${esc(JSON.stringify(input.settings, null, 2))}</pre>
</body></html>
`;
}
