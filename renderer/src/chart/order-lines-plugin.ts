// uPlot plugin for the paper account on the chart: the position's entry with its open PnL, and
// every working order as a line with a label (stop red, targets green, limit entries blue/orange)
// saying what it is, its size and what it makes or loses there. Lines can be dragged to move the
// order (the host checks and may refuse), a label's x cancels it, and a click places a limit when
// the limit mode is armed or with Ctrl/Cmd held. The pointer is taken from the chart (pan,
// crosshair clicks) only when it is on a line, on a label's x, or placing a limit.

import type uPlot from 'uplot';
import { decimalsOf, fromTicks, type Instrument } from '../../../core/market/instrument';
import { useMarketStore, type PaperState } from '../store/market-store';
import { PROFILE_WIDTH_CSS } from './profile-plugin';
import { priceText, trade, useTradingStore, type WorkingOrder } from '../trading/trading-store';

const HIT_PX = 5;
const LABEL_H = 16;
const CANCEL_W = 16;
// Labels end left of the volume profile drawn at the right of the plot.
const LABEL_RIGHT_GAP = PROFILE_WIDTH_CSS + 8;
const COLORS = { entry: '#e6edf3', stop: '#ff7b72', target: '#3fb950', buy: '#58a6ff', sell: '#f0883e' } as const;

export interface Line {
  readonly order: WorkingOrder | null;
  readonly price: number;
  readonly color: string;
  readonly text: string;
  readonly dash: readonly number[];
}

interface LabelBox {
  readonly orderId: number;
  readonly y: number;
  readonly left: number;
  readonly right: number;
}

function lineColor(o: WorkingOrder): string {
  if (o.role === 'stop') return COLORS.stop;
  if (o.role === 'target') return COLORS.target;
  return o.side === 'buy' ? COLORS.buy : COLORS.sell;
}

function orderName(o: WorkingOrder): string {
  if (o.role === 'stop') return 'STOP';
  if (o.role === 'target') return `TP${(o.targetIndex ?? 0) + 1}`;
  return `${o.side === 'buy' ? 'BUY' : 'SELL'} ${o.type === 'stop' ? 'STP' : 'LMT'}`;
}

/** The lines to draw (prices in ticks), from the paper account as the host last sent it. */
function linesOf(): Line[] {
  return orderLines(useMarketStore.getState().paper, useMarketStore.getState().instrument);
}

/**
 * The position's entry (with its open PnL) and each priced working order, labelled with what it
 * is, its size and price, and for a stop or target what it makes or loses against the average
 * entry when it fills (ticks x tick size x contract size x quantity).
 */
export function orderLines(paper: PaperState | null, instrument: Instrument | null): Line[] {
  if (!paper || !instrument) return [];
  const priceText = (ticks: number): string => fromTicks(ticks, instrument.tickSize).toFixed(decimalsOf(instrument.tickSize));
  const signed = (v: number): string => `${v >= 0 ? '+' : '−'}${Math.abs(v).toFixed(2)}`;
  const money = (ticks: number, qty: number): string => signed(ticks * instrument.tickSize * instrument.contractSize * qty);
  const lines: Line[] = [];
  const dir = Math.sign(paper.positionQty);
  if (dir !== 0) {
    lines.push({ order: null, price: paper.avgEntry, color: COLORS.entry, text: `${dir > 0 ? 'LONG' : 'SHORT'} ${Math.abs(paper.positionQty)} @ ${priceText(paper.avgEntry)}  ${signed(paper.unrealizedPnl)}`, dash: [] });
  }
  for (const o of paper.orders) {
    if (o.price === null) continue;
    // What the order makes or loses against the average entry when it fills there.
    const outcome = dir !== 0 && (o.role === 'stop' || o.role === 'target') ? `  ${money((o.price - paper.avgEntry) * dir, o.qty)}` : '';
    lines.push({ order: o, price: o.price, color: lineColor(o), text: `${orderName(o)} ${o.qty} @ ${priceText(o.price)}${outcome}`, dash: o.role === 'entry' ? [] : [6, 3] });
  }
  return lines;
}

export function orderLinesPlugin(tickSize: number): uPlot.Plugin {
  let labels: LabelBox[] = [];
  let drag: { order: WorkingOrder; price: number; pointerId: number } | null = null;
  let swallowClick = false;
  let cursorSet = false;

  const yOf = (u: uPlot, ticks: number): number => u.valToPos(ticks * tickSize, 'y');
  const ticksAt = (u: uPlot, y: number): number => Math.round(u.posToVal(y, 'y') / tickSize);

  /** Pointer position relative to the plotting area, or null when outside it. */
  const local = (u: uPlot, e: PointerEvent | MouseEvent): { x: number; y: number } | null => {
    const r = u.over.getBoundingClientRect();
    const x = e.clientX - r.left;
    const y = e.clientY - r.top;
    return x >= 0 && y >= 0 && x <= r.width && y <= r.height ? { x, y } : null;
  };

  const cancelAt = (x: number, y: number): number | null => labels.find((l) => x >= l.right - CANCEL_W && x <= l.right && Math.abs(y - l.y) <= LABEL_H / 2)?.orderId ?? null;

  /** The draggable order whose line (or label) is under the pointer, nearest first. */
  const lineAt = (u: uPlot, x: number, y: number): WorkingOrder | null => {
    const paper = useMarketStore.getState().paper;
    let best: WorkingOrder | null = null;
    let bestDist = HIT_PX + 1;
    for (const o of paper?.orders ?? []) {
      if (o.price === null || o.type === 'market') continue;
      const onLabel = labels.some((l) => l.orderId === o.id && x >= l.left && x <= l.right && Math.abs(y - l.y) <= LABEL_H / 2);
      const dist = onLabel ? 0 : Math.abs(yOf(u, o.price) - y);
      if (dist < bestDist) {
        best = o;
        bestDist = dist;
      }
    }
    return bestDist <= HIT_PX ? best : null;
  };

  const setCursor = (u: uPlot, cursor: string | null): void => {
    if (cursor) {
      u.over.style.cursor = cursor;
      cursorSet = true;
    } else if (cursorSet) {
      u.over.style.cursor = '';
      cursorSet = false;
    }
  };

  const take = (e: Event): void => {
    e.stopPropagation();
    e.preventDefault();
  };

  return {
    hooks: {
      init: (u: uPlot) => {
        const root = u.root;
        root.addEventListener(
          'pointerdown',
          (e) => {
            if (e.button !== 0) return;
            const p = local(u, e);
            if (!p) return;
            const cancelId = cancelAt(p.x, p.y);
            if (cancelId !== null) {
              take(e);
              swallowClick = true;
              void trade.cancel(cancelId);
              return;
            }
            const hit = lineAt(u, p.x, p.y);
            if (hit && hit.price !== null) {
              take(e);
              swallowClick = true;
              drag = { order: hit, price: hit.price, pointerId: e.pointerId };
              u.root.dataset['dragging'] = String(hit.id);
              u.over.setPointerCapture?.(e.pointerId);
              return;
            }
            if (useTradingStore.getState().limitArmed || e.ctrlKey || e.metaKey) {
              take(e);
              swallowClick = true;
              void trade.limitAt(ticksAt(u, p.y), true);
            }
          },
          { capture: true },
        );
        root.addEventListener(
          'pointermove',
          (e) => {
            const r = u.over.getBoundingClientRect();
            const y = e.clientY - r.top;
            if (drag && e.pointerId === drag.pointerId) {
              const price = ticksAt(u, Math.min(Math.max(y, 0), r.height));
              if (price !== drag.price) {
                drag.price = price;
                u.redraw(false, false);
              }
              return;
            }
            const p = local(u, e);
            if (!p) return setCursor(u, null);
            if (cancelAt(p.x, p.y) !== null) setCursor(u, 'pointer');
            else if (lineAt(u, p.x, p.y)) setCursor(u, 'ns-resize');
            else if (useTradingStore.getState().limitArmed || e.ctrlKey || e.metaKey) setCursor(u, 'copy');
            else setCursor(u, null);
          },
          { capture: true },
        );
        const finish = (e: PointerEvent, commit: boolean): void => {
          if (!drag || e.pointerId !== drag.pointerId) return;
          take(e);
          // Where the button came up is the price (pointer moves may still be queued behind a frame).
          const r = u.over.getBoundingClientRect();
          const price = commit ? ticksAt(u, Math.min(Math.max(e.clientY - r.top, 0), r.height)) : drag.price;
          const { order } = drag;
          drag = null;
          delete u.root.dataset['dragging'];
          u.over.releasePointerCapture?.(e.pointerId);
          if (commit && price !== order.price) void trade.move(order.id, price);
          u.redraw(false, false);
        };
        root.addEventListener('pointerup', (e) => finish(e, true), { capture: true });
        root.addEventListener('pointercancel', (e) => finish(e, false), { capture: true });
        for (const type of ['mousedown', 'mouseup', 'click'] as const) {
          root.addEventListener(
            type,
            (e) => {
              if (drag || swallowClick) {
                e.stopPropagation();
                if (type === 'click') swallowClick = false;
              }
            },
            { capture: true },
          );
        }
        window.addEventListener('keydown', (e) => {
          if (e.key === 'Escape' && drag) {
            drag = null;
            delete u.root.dataset['dragging'];
            u.redraw(false, false);
          }
        });
      },
      draw: (u: uPlot) => {
        const { ctx } = u;
        const dpr = devicePixelRatio;
        const { left, top, width, height } = u.bbox;
        const lines = linesOf();
        if (drag) {
          const d = drag;
          const moved = d.price - (d.order.price ?? d.price);
          lines.push({ order: null, price: d.price, color: lineColor(d.order), text: `${orderName(d.order)} → ${priceText(d.price)} (${moved >= 0 ? '+' : ''}${moved} ticks)`, dash: [2, 2] });
        }
        const boxes: LabelBox[] = [];
        ctx.save();
        ctx.beginPath();
        ctx.rect(left, top, width, height);
        ctx.clip();
        ctx.font = `${11 * dpr}px sans-serif`;
        ctx.textBaseline = 'middle';
        const drawn: Array<{ id: number | null; role: string; price: number; y: number }> = [];
        for (const line of lines) {
          const yCss = yOf(u, line.price);
          if (!Number.isFinite(yCss)) continue;
          const y = Math.round(top + yCss * dpr) + 0.5;
          ctx.strokeStyle = line.color;
          ctx.globalAlpha = drag && line.order && line.order.id === drag.order.id ? 0.35 : 1;
          ctx.lineWidth = 1.5 * dpr;
          ctx.setLineDash(line.dash.map((v) => v * dpr));
          ctx.beginPath();
          ctx.moveTo(left, y);
          ctx.lineTo(left + width, y);
          ctx.stroke();
          ctx.setLineDash([]);
          // The label sits at the right edge, over the line, with an x to cancel working orders.
          const textW = ctx.measureText(line.text).width;
          const cancelW = line.order ? CANCEL_W * dpr : 0;
          const boxW = textW + 10 * dpr + cancelW;
          const boxH = LABEL_H * dpr;
          const boxX = left + width - boxW - LABEL_RIGHT_GAP * dpr;
          ctx.fillStyle = '#0d1117';
          ctx.fillRect(boxX, y - boxH / 2, boxW, boxH);
          ctx.strokeStyle = line.color;
          ctx.lineWidth = 1 * dpr;
          ctx.strokeRect(boxX + 0.5, y - boxH / 2 + 0.5, boxW - 1, boxH - 1);
          ctx.fillStyle = line.color;
          ctx.textAlign = 'left';
          ctx.fillText(line.text, boxX + 5 * dpr, y);
          if (line.order) {
            ctx.textAlign = 'center';
            ctx.fillText('✕', boxX + boxW - cancelW / 2, y);
            boxes.push({ orderId: line.order.id, y: yCss, left: (boxX - left) / dpr, right: (boxX - left + boxW) / dpr });
          }
          ctx.globalAlpha = 1;
          drawn.push({ id: line.order?.id ?? null, role: line.order?.role ?? 'position', price: line.price, y: yCss });
        }
        ctx.restore();
        labels = boxes;
        // For tests and tools: where each line is, and the price scale of the plotting area.
        const y = u.scales['y'];
        u.root.dataset['orderLines'] = JSON.stringify(drawn);
        u.root.dataset['yScale'] = JSON.stringify({ min: y?.min ?? 0, max: y?.max ?? 0, height: u.bbox.height / dpr });
      },
    },
  };
}
