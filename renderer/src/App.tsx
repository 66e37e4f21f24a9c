// The workstation: the market header, the screen tabs, and the chosen screen. The trading
// screen stays mounted while another is shown, so its chart keeps its zoom and its data.

import { useEffect, useState } from 'react';
import type { HostConnection } from './api/connect';
import { AlertToasts } from './components/AlertToasts';
import { FeedPicker } from './components/FeedPicker';
import { MarketHeader } from './components/MarketHeader';
import { ScreenTabs } from './components/ScreenTabs';
import { BacktestScreen } from './screens/BacktestScreen';
import type { ScreenId } from './screens/screens';
import { SettingsScreen } from './screens/SettingsScreen';
import { StrategiesScreen } from './screens/StrategiesScreen';
import { TradeScreen } from './screens/TradeScreen';
import { RestoreNotice } from './components/RestoreNotice';
import { loadLayout, saveLayout } from './store/layout-store';
import { useMarketStore } from './store/market-store';

export function App({ host }: { host: HostConnection }) {
  const error = useMarketStore((s) => s.error);
  const [screen, setScreenState] = useState<ScreenId>('trade');
  const setScreen = (next: ScreenId): void => {
    setScreenState(next);
    saveLayout({ screen: next });
  };

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
      if (state === 'open') {
        void loadSnapshot();
        // The screen the trader left comes back (the layout is kept by the host).
        void loadLayout(host.api).then(
          (layout) => layout.screen && setScreenState(layout.screen),
          () => undefined,
        );
      }
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
      <ScreenTabs current={screen} onSelect={setScreen} />
      {error && (
        <div className="banner error" role="alert">
          {error}
        </div>
      )}
      <RestoreNotice api={host.api} />
      <AlertToasts api={host.api} />
      <div className="screen-host" hidden={screen !== 'trade'}>
        <TradeScreen api={host.api} />
      </div>
      {screen === 'backtests' && <BacktestScreen api={host.api} />}
      {screen === 'strategies' && <StrategiesScreen api={host.api} />}
      {screen === 'settings' && <SettingsScreen api={host.api} />}
    </div>
  );
}
