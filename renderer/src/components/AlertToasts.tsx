// Alerts as toasts in the corner of the window (and as desktop notifications where the trader
// has allowed them): trades opening and closing, a stale feed.

import { useEffect, useState } from 'react';
import type { AuctioneerApi, EventPayload } from '../../../core/api/contract';
import { useLayoutStore } from '../store/layout-store';

type AlertPayload = EventPayload<'alert'>;
const SHOW_MS = 8_000;

export function AlertToasts({ api }: { api: AuctioneerApi }) {
  const [alerts, setAlerts] = useState<Array<AlertPayload & { id: number }>>([]);
  useEffect(() => {
    let next = 1;
    return api.on('alert', (alert) => {
      const id = next++;
      setAlerts((list) => [...list.slice(-2), { ...alert, id }]);
      setTimeout(() => setAlerts((list) => list.filter((a) => a.id !== id)), SHOW_MS);
      if (useLayoutStore.getState().desktopNotifications && typeof Notification !== 'undefined' && Notification.permission === 'granted') new Notification(alert.title, { body: alert.message });
    });
  }, [api]);
  if (alerts.length === 0) return null;
  return (
    <div className="toasts" data-testid="alerts">
      {alerts.map((a) => (
        <div key={a.id} className={`toast ${a.kind}`} role="status">
          <b>{a.title}</b>
          <span>{a.message}</span>
        </div>
      ))}
    </div>
  );
}
