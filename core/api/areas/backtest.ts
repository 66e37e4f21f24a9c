// Backtests run from the app: strategies and their parameter schemas, runs, progress, results.

import type { EventMap, RequestMap } from './area';

export const backtestRequests = {} as const satisfies RequestMap;

export const backtestEvents = {} as const satisfies EventMap;
