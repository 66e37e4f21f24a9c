// The trader's one-click settings and actions, shared by the order ticket, the order lists and
// the chart's order lines: the preset (size and bracket), the confirmation-free mode, the armed
// limit-on-click mode, and the requests that trade (each reporting its refusal to the trader).

import { create } from 'zustand';
import type { AuctioneerApi, EventPayload, RequestParams } from '../../../core/api/contract';
import { decimalsOf, fromTicks } from '../../../core/market/instrument';
import { saveLayout, useLayoutStore } from '../store/layout-store';
import { useMarketStore } from '../store/market-store';

export type BracketPreset = RequestParams<'paper.order'>['bracket'];
export type PaperState = EventPayload<'paper.state'>;
export type WorkingOrder = PaperState['orders'][number];

export interface TicketPreset {
  qty: number;
  bracket: BracketPreset;
}

export const DEFAULT_PRESET: TicketPreset = {
  qty: 0.01,
  bracket: { stop: 100, stopUnit: 'ticks', targetUnit: 'R', targets: [{ distance: 1.5, share: 0.5 }, { distance: 3, share: 0.5 }] },
};

export interface TradingState {
  api: AuctioneerApi | null;
  preset: TicketPreset;
  /** Keys (and chart clicks) trade without asking first. */
  noConfirm: boolean;
  /** A plain click on the chart places a limit order (buy below the market, sell above). */
  limitArmed: boolean;
  busy: boolean;
  setApi(api: AuctioneerApi | null): void;
  setPreset(preset: TicketPreset): void;
  setNoConfirm(on: boolean): void;
  setLimitArmed(on: boolean): void;
}

export const useTradingStore = create<TradingState>((set) => ({
  api: null,
  preset: DEFAULT_PRESET,
  noConfirm: false,
  limitArmed: false,
  busy: false,
  setApi: (api) => set({ api }),
  setPreset: (preset) => {
    set({ preset });
    saveLayout({ ticket: { ...preset, noConfirm: useTradingStore.getState().noConfirm } }, 600);
  },
  setNoConfirm: (noConfirm) => {
    set({ noConfirm });
    saveLayout({ ticket: { ...useTradingStore.getState().preset, noConfirm } });
  },
  setLimitArmed: (limitArmed) => set({ limitArmed }),
}));

// The preset and the confirmation mode come back as the trader left them.
useLayoutStore.subscribe((state, prev) => {
  const ticket = state.layout?.ticket;
  if (ticket && !prev.layout) useTradingStore.setState({ preset: { qty: ticket.qty, bracket: ticket.bracket }, noConfirm: ticket.noConfirm });
});

/** Price text of integer ticks in the instrument's decimals. */
export function priceText(ticks: number): string {
  const instrument = useMarketStore.getState().instrument;
  if (!instrument) return String(ticks);
  return fromTicks(ticks, instrument.tickSize).toFixed(decimalsOf(instrument.tickSize));
}

/** Asks first unless the trader turned confirmations off (or the action came from a button). */
function confirmed(question: string, ask: boolean): boolean {
  return !ask || useTradingStore.getState().noConfirm || window.confirm(question);
}

/** Runs one trading request; the new account state is shown, a refusal is shown as the error. */
async function run(request: (api: AuctioneerApi) => Promise<PaperState>): Promise<boolean> {
  const { api } = useTradingStore.getState();
  if (!api) return false;
  useTradingStore.setState({ busy: true });
  try {
    useMarketStore.getState().setPaper(await request(api));
    useMarketStore.getState().setError(null);
    return true;
  } catch (e) {
    useMarketStore.getState().setError(e instanceof Error ? e.message : String(e));
    return false;
  } finally {
    useTradingStore.setState({ busy: false });
  }
}

export const trade = {
  market(side: 'buy' | 'sell', ask: boolean): Promise<boolean> {
    const { preset } = useTradingStore.getState();
    if (!confirmed(`${side.toUpperCase()} ${preset.qty} at market?`, ask)) return Promise.resolve(false);
    return run((api) => api.request('paper.order', { side, qty: preset.qty, type: 'market', bracket: preset.bracket }));
  },
  /** A limit at a clicked price: a buy below the market, a sell above it. */
  limitAt(price: number, ask: boolean): Promise<boolean> {
    const { preset } = useTradingStore.getState();
    const quote = useMarketStore.getState().quote;
    if (!quote) {
      useMarketStore.getState().setError('no quote yet: wait for the market');
      return Promise.resolve(false);
    }
    const side = price < quote.askPrice ? 'buy' : 'sell';
    if ((side === 'buy' && price > quote.bidPrice) || (side === 'sell' && price < quote.askPrice)) {
      useMarketStore.getState().setError('click below the bid to buy or above the ask to sell');
      return Promise.resolve(false);
    }
    if (!confirmed(`${side.toUpperCase()} ${preset.qty} limit at ${priceText(price)}?`, ask)) return Promise.resolve(false);
    return run((api) => api.request('paper.order', { side, qty: preset.qty, type: 'limit', limitPrice: price, bracket: preset.bracket }));
  },
  flatten(ask: boolean): Promise<boolean> {
    if (!confirmed('Flatten: cancel every order and close the position at market?', ask)) return Promise.resolve(false);
    return run((api) => api.request('paper.flatten', {}));
  },
  reverse(ask: boolean): Promise<boolean> {
    const { preset } = useTradingStore.getState();
    if (!confirmed('Reverse: close the position and open the same size the other way?', ask)) return Promise.resolve(false);
    return run((api) => api.request('paper.reverse', { bracket: preset.bracket }));
  },
  cancel(orderId: number): Promise<boolean> {
    return run((api) => api.request('paper.cancel', { orderId }));
  },
  cancelAll(ask: boolean): Promise<boolean> {
    if (!confirmed('Cancel every working order (the position stays)?', ask)) return Promise.resolve(false);
    return run((api) => api.request('paper.cancelAll', {}));
  },
  move(orderId: number, price: number): Promise<boolean> {
    return run((api) => api.request('paper.move', { orderId, price }));
  },
};
