// The application service behind the API: owns the market sessions and answers requests;
// pushed events fan out to every connected client (Electron window or web-mode socket).

import type { ApiHandlers, EventName, EventPayload } from '../../core/api/contract';
import { BTCUSDT_PERP } from '../../core/market/instrument';
import { LiveSimFeed } from '../feeds/sim/live-sim-feed';
import { NotFoundError } from './dispatch';
import { ProfileWorkerHost } from '../workers/profile-worker-host';
import { MarketSession } from './market-session';

export type HostEventListener = <K extends EventName>(name: K, payload: EventPayload<K>) => void;

export interface HostOptions {
  readonly shell: 'electron' | 'web';
  readonly version: string;
  readonly sessions: readonly MarketSession[];
}

export class Host {
  readonly handlers: ApiHandlers;
  private readonly sessions = new Map<string, MarketSession>();
  private readonly listeners = new Set<HostEventListener>();

  constructor(private readonly options: HostOptions) {
    for (const session of options.sessions) {
      this.sessions.set(session.symbol, session);
      session.subscribe({
        onUpdate: (update) => this.emit('market.update', update),
        onStatus: (status) => this.emit('feed.status', status),
      });
    }
    this.handlers = {
      'app.info': async () => ({
        name: 'Auctioneer',
        version: this.options.version,
        shell: this.options.shell,
        symbols: [...this.sessions.keys()],
      }),
      'market.snapshot': async ({ symbol }) => this.session(symbol).snapshot(),
    };
  }

  start(): void {
    for (const session of this.sessions.values()) session.start();
  }

  stop(): void {
    for (const session of this.sessions.values()) session.stop();
  }

  subscribe(listener: HostEventListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private emit<K extends EventName>(name: K, payload: EventPayload<K>): void {
    for (const listener of this.listeners) listener(name, payload);
  }

  private session(symbol: string): MarketSession {
    const session = this.sessions.get(symbol);
    if (!session) throw new NotFoundError(`no market session for symbol "${symbol}"`);
    return session;
  }
}

export interface DefaultHostOptions {
  readonly shell: 'electron' | 'web';
  readonly version: string;
  readonly seed?: number;
  readonly historyMinutes?: number;
  /** The bundled profile worker, dist/native/profile-worker.mjs. */
  readonly profileWorkerFile?: string;
}

/** The host as the app starts it today: the simulated BTCUSDT perpetual as the market. */
export function createDefaultHost(options: DefaultHostOptions): Host {
  const feed = new LiveSimFeed({
    instrument: BTCUSDT_PERP,
    seed: options.seed ?? 1,
    historyMinutes: options.historyMinutes ?? 180,
  });
  const worker = new ProfileWorkerHost({
    ...(options.profileWorkerFile ? { workerFile: options.profileWorkerFile } : {}),
    onError: (message) => console.error(`auctioneer: profile worker: ${message}`),
  });
  return new Host({ shell: options.shell, version: options.version, sessions: [new MarketSession(feed, Date.now, worker)] });
}
