// Backtests: Run a strategy over stored history and read its results.

import type { AuctioneerApi } from '../../../core/api/contract';

export function BacktestScreen(_props: { api: AuctioneerApi }) {
  return (
    <main className="screen">
      <p className="muted">Run a strategy over stored history and read its results.</p>
    </main>
  );
}
