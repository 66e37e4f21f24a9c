// Strategies: Strategies trading on paper, their signals and logs.

import type { AuctioneerApi } from '../../../core/api/contract';

export function StrategiesScreen(_props: { api: AuctioneerApi }) {
  return (
    <main className="screen">
      <p className="muted">Strategies trading on paper, their signals and logs.</p>
    </main>
  );
}
