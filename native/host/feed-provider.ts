// Turns a connection choice (simulated market, local exchange simulator, an exchange through
// ccxt) into a running market feed. Sources that need more than this build has say why.

import type { z } from 'zod';
import type { FeedChoiceSchema } from '../../core/api/schemas';
import { BTCUSDT_PERP } from '../../core/market/instrument';
import type { ReplayState } from '../../core/engine/replay-clock';
import type { MarketFeed } from '../feeds/feed';
import { LiveSimFeed } from '../feeds/sim/live-sim-feed';

export type FeedChoice = z.output<typeof FeedChoiceSchema>;

export interface ReplayControls {
  state(): ReplayState;
  play(): ReplayState;
  pause(): ReplayState;
  step(): ReplayState;
  setSpeed(speed: number): ReplayState;
  jump(ts: number): { state: ReplayState; backwards: boolean };
}

export interface ProvidedFeed {
  readonly feed: MarketFeed;
  /** Present when the feed is a replay. */
  readonly replay?: ReplayControls;
  /** Releases what the feed needed besides itself (e.g. an in-process exchange simulator). */
  dispose(): Promise<void>;
}

export interface FeedContext {
  /** A replay reports its clock here; the host pushes it to the UI. */
  readonly onReplayState: (state: ReplayState) => void;
}

export type FeedProvider = (choice: FeedChoice, context: FeedContext) => Promise<ProvidedFeed>;

export interface SourceAvailability {
  readonly source: FeedChoice['source'];
  readonly available: boolean;
  readonly note: string;
}

export interface FeedProviders {
  readonly provide: FeedProvider;
  readonly sources: readonly SourceAvailability[];
}

export function simFeedProvider(historyMinutes: number): FeedProvider {
  return async (choice) => {
    if (choice.source !== 'sim') throw new Error(`the ${choice.source} source is not available in this build`);
    return { feed: new LiveSimFeed({ instrument: BTCUSDT_PERP, seed: choice.seed, historyMinutes }), dispose: async () => {} };
  };
}
