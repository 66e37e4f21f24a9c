// Data & settings: Imports, connection, API keys, alerts.

import type { AuctioneerApi } from '../../../core/api/contract';

export function SettingsScreen(_props: { api: AuctioneerApi }) {
  return (
    <main className="screen">
      <p className="muted">Imports, connection, API keys, alerts.</p>
    </main>
  );
}
