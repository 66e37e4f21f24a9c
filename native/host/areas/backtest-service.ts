// Backtests run from the app.

import type { AreaHandlers } from '../../../core/api/areas/area';
import type { backtestRequests } from '../../../core/api/areas/backtest';
import type { AreaContext, AreaService } from './area-service';

export class BacktestService implements AreaService<AreaHandlers<typeof backtestRequests>> {
  readonly handlers: AreaHandlers<typeof backtestRequests>;

  constructor(private readonly context: AreaContext) {
    this.handlers = {};
  }

  async dispose(): Promise<void> {}
}
