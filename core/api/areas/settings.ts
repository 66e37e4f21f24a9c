// Data and settings: imports, connection, symbol, API keys, alerts, remembered layout.

import type { EventMap, RequestMap } from './area';

export const settingsRequests = {} as const satisfies RequestMap;

export const settingsEvents = {} as const satisfies EventMap;
