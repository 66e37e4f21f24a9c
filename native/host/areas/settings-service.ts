// Data and settings of the app.

import type { AreaHandlers } from '../../../core/api/areas/area';
import type { settingsRequests } from '../../../core/api/areas/settings';
import type { AreaContext, AreaService } from './area-service';

export class SettingsService implements AreaService<AreaHandlers<typeof settingsRequests>> {
  readonly handlers: AreaHandlers<typeof settingsRequests>;

  constructor(private readonly context: AreaContext) {
    this.handlers = {};
  }

  async dispose(): Promise<void> {}
}
