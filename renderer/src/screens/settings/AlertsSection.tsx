// Alerts: which ones are raised, desktop notifications, and the Discord webhook (a secret:
// stored encrypted, shown masked, replaceable and removable).

import { useEffect, useState } from 'react';
import type { AuctioneerApi, RequestParams, RequestResult } from '../../../../core/api/contract';
import { useLayoutStore } from '../../store/layout-store';

type AlertView = RequestResult<'settings.alerts.get'>;
type Kind = AlertView['enabled'][number];

const KINDS: ReadonlyArray<[Kind, string]> = [
  ['trade-open', 'position opened'],
  ['trade-close', 'position closed'],
  ['strategy-start', 'strategy started'],
  ['strategy-stop', 'strategy stopped'],
  ['feed-stale', 'feed stale'],
  ['ambiguous-flow', 'ambiguous order flow'],
  ['va-invalid', 'no value area'],
  ['daily-loss', 'daily loss limit'],
  ['near-lvn', 'price near an LVN'],
];

export function AlertsSection({ api }: { api: AuctioneerApi }) {
  const [view, setView] = useState<AlertView | null>(null);
  const [webhook, setWebhook] = useState('');
  const [error, setError] = useState<string | null>(null);

  useEffect(() => void api.request('settings.alerts.get', {}).then(setView, (e: unknown) => setError(String(e))), [api]);

  const change = async (params: RequestParams<'settings.alerts.set'>): Promise<void> => {
    try {
      const next = await api.request('settings.alerts.set', params);
      setView(next);
      useLayoutStore.setState({ desktopNotifications: next.desktopNotifications });
      setError(null);
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    }
  };

  if (!view) return null;
  return (
    <section className="settings-card" data-testid="settings-alerts">
      <h2>Alerts</h2>
      <div className="alert-kinds">
        {KINDS.map(([kind, label]) => (
          <label key={kind}>
            <input
              type="checkbox"
              data-testid={`alert-kind-${kind}`}
              checked={view.enabled.includes(kind)}
              onChange={(e) => void change({ enabled: e.target.checked ? [...view.enabled, kind] : view.enabled.filter((k) => k !== kind) })}
            />{' '}
            {label}
          </label>
        ))}
      </div>
      <label className="inline">
        <input
          type="checkbox"
          data-testid="alert-desktop"
          checked={view.desktopNotifications}
          onChange={(e) => {
            const on = e.target.checked;
            if (on && typeof Notification !== 'undefined' && Notification.permission === 'default') void Notification.requestPermission();
            void change({ desktopNotifications: on });
          }}
        />{' '}
        desktop notifications
      </label>
      <div className="settings-row">
        <span className="muted">Discord webhook</span>
        <code data-testid="alert-webhook-masked">{view.discordWebhookMasked ?? 'none'}</code>
        <input className="grow" type="password" autoComplete="off" data-testid="alert-webhook" value={webhook} onChange={(e) => setWebhook(e.target.value)} placeholder="https://discord.com/api/webhooks/…" />
        <button
          data-testid="alert-webhook-save"
          disabled={webhook.trim() === ''}
          onClick={() =>
            void change({ discordWebhook: webhook.trim() }).then(() => {
              setWebhook('');
            })
          }
        >
          {view.discordWebhookMasked ? 'Replace' : 'Save'}
        </button>
        {view.discordWebhookMasked && (
          <button data-testid="alert-webhook-remove" onClick={() => void change({ discordWebhook: null })}>
            Remove
          </button>
        )}
      </div>
      {error && <div className="import-error">{error}</div>}
    </section>
  );
}
