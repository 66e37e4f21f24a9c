// Data & settings: imports with progress and the importer's errors, connection and symbol, API
// keys (encrypted, shown masked), alerts. The layout of the app is remembered on its own.

import type { AuctioneerApi } from '../../../core/api/contract';
import { AlertsSection } from './settings/AlertsSection';
import { ApiKeysSection } from './settings/ApiKeysSection';
import { ConnectionSection } from './settings/ConnectionSection';
import { ImportSection } from './settings/ImportSection';

export function SettingsScreen({ api }: { api: AuctioneerApi }) {
  return (
    <main className="screen settings-screen" data-testid="settings-screen">
      <ImportSection api={api} />
      <div className="settings-column">
        <ConnectionSection api={api} />
        <ApiKeysSection api={api} />
        <AlertsSection api={api} />
      </div>
    </main>
  );
}
