// The first screen: the market header, the live candle chart and time and sales.

import { useEffect } from 'react';
import type { HostConnection } from './api/connect';
import { CandleChart } from './chart/CandleChart';
import { AlertToasts } from './components/AlertToasts';
import { FeedPicker } from './components/FeedPicker';
import { ReplayBar } from './components/ReplayBar';
import { MarketHeader } from './components/MarketHeader';
import { OrderFlowPanel } from './components/OrderFlowPanel';
import { OrderTicket } from './components/OrderTicket';
import { TimeAndSales } from './components/TimeAndSales';
import { useMarketStore } from './store/market-store';

export function App({ host }: { host: HostConnection }) {
  const error = useMarketStore((s) => s.error);

  useEffect(() => {
    const offUpdate = host.api.on('market.update', (u) => useMarketStore.getState().applyUpdate(u));
    const offStatus = host.api.on('feed.status', (s) => useMarketStore.getState().setStatus(s));
    const offReplay = host.api.on('replay.state', (r) => useMarketStore.getState().setReplay(r));
    const offPaper = host.api.on('paper.state', (p) => useMarketStore.getState().setPaper(p));
    // Another feed was connected: what is on screen belongs to the old one.
    const offReset = host.api.on('market.reset', () => {
      useMarketStore.getState().clear();
      void loadSnapshot();
    });
    const loadSnapshot = async (): Promise<void> => {
      try {
        const info = await host.api.request('app.info', {});
        const symbol = info.symbols[0];
        if (!symbol) throw new Error('the host has no market to show');
        const snapshot = await host.api.request('market.snapshot', { symbol });
        useMarketStore.getState().applySnapshot(snapshot);
        useMarketStore.getState().setPaper(await host.api.request('paper.state', {}));
        // Footprints of the bars on screen (the last few hundred): updates bring the newest.
        const fromTs = snapshot.bars[Math.max(0, snapshot.bars.length - 300)]?.ts ?? 0;
        const { bars } = await host.api.request('market.footprint', { symbol, fromTs, toTs: Number.MAX_SAFE_INTEGER });
        useMarketStore.getState().addFootprints(bars);
      } catch (e) {
        useMarketStore.getState().setError(e instanceof Error ? e.message : String(e));
      }
    };
    // A (re)connection starts from a fresh snapshot: updates missed while away are in it.
    const offConnection = host.onConnection((state) => {
      useMarketStore.getState().setConnection(state);
      if (state === 'open') void loadSnapshot();
    });
    return () => {
      offUpdate();
      offStatus();
      offReset();
      offReplay();
      offPaper();
      offConnection();
    };
  }, [host]);

  return (
    <div className="app">
      <MarketHeader feedPicker={<FeedPicker api={host.api} />} />
      {error && (
        <div className="banner error" role="alert">
          {error}
        </div>
      )}
      <ReplayBar api={host.api} />
      <AlertToasts api={host.api} />
      <main className="workspace">
        <CandleChart />
        <div className="side-column">
          <OrderTicket api={host.api} />
          <OrderFlowPanel />
          <TimeAndSales />
        </div>
      </main>
    </div>
  );
}
