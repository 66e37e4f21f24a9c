// Strategies trading on paper from the app: start, stop, their state, signals and monitoring logs.

import type { EventMap, RequestMap } from './area';

export const strategiesRequests = {} as const satisfies RequestMap;

export const strategiesEvents = {} as const satisfies EventMap;
