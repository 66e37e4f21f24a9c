// What every area service of the host (backtests, strategy runs, settings) is given and owes:
// its request handlers, and a way to stop what it runs when the host shuts down.

import type { EventName, EventPayload } from '../../../core/api/contract';
import type { Alert } from '../../alerts/alert';
import type { Store } from '../../store/store';

export interface AreaContext {
  /** The app's store, when it has one (web mode and the desktop app always do; some tests not). */
  readonly store: Store | null;
  /** Pushes an event to every connected window. */
  readonly emit: <K extends EventName>(name: K, payload: EventPayload<K>) => void;
  /** Raises an alert (Discord and desktop sinks, then every window). */
  readonly raise: (alert: Alert) => void;
}

export interface AreaService<H> {
  readonly handlers: H;
  dispose(): Promise<void>;
}
