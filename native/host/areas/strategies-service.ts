// Strategies trading on paper from the app.

import type { AreaHandlers } from '../../../core/api/areas/area';
import type { strategiesRequests } from '../../../core/api/areas/strategies';
import type { AreaContext, AreaService } from './area-service';

export class StrategiesService implements AreaService<AreaHandlers<typeof strategiesRequests>> {
  readonly handlers: AreaHandlers<typeof strategiesRequests>;

  constructor(private readonly context: AreaContext) {
    this.handlers = {};
  }

  async dispose(): Promise<void> {}
}
