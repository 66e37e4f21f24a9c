// The application service behind the API: owns the market session of the chosen feed and
// answers requests; pushed events fan out to every connected client (Electron window or
// web-mode socket). Switching the feed replaces the session and tells clients to reload.

import type { ApiHandlers, EventName, EventPayload, HandlerParams, RequestResult } from '../../core/api/contract';
import { BTCUSDT_PERP, type Instrument } from '../../core/market/instrument';
import type { Alert } from '../alerts/alert';
import { AlertHub } from '../alerts/alert-hub';
import { MarketConditionWatch } from '../alerts/market-conditions';
import { tickCalendar } from '../store/calendar';
import type { MarketFeed } from '../feeds/feed';
import { ProfileWorkerHost } from '../workers/profile-worker-host';
import { NotFoundError } from './dispatch';
import { simFeedProvider, type FeedChoice, type FeedProviders, type ProvidedFeed } from './feed-provider';
import type { Store } from '../store/store';
import { LiveCapture } from './live-capture';
import { MarketSession } from './market-session';
import { StoredHistory } from './market-history';
import { PaperDesk } from './paper-desk';
import type { AreaContext } from './areas/area-service';
import { BacktestService, type BacktestServiceOptions } from './areas/backtest-service';
import { SettingsService, type SettingsOptions } from './areas/settings-service';
import type { SecretBox } from './areas/secret-box';
import { StrategiesService } from './areas/strategies-service';

export type HostEventListener = <K extends EventName>(name: K, payload: EventPayload<K>) => void;

export interface HostOptions {
  readonly shell: 'electron' | 'web';
  readonly version: string;
  readonly feeds: FeedProviders;
  readonly initialFeed: FeedChoice;
  /** Builds the session around a feed (profile worker, live capture...). */
  readonly createSession: (feed: MarketFeed, choice: FeedChoice) => MarketSession;
  /** For the replay calendar. */
  readonly store?: Store;
  readonly replayInstrument: Instrument;
  readonly alerts?: AlertHub;
  /** The strategies folder and the bundled worker of app backtests. */
  readonly backtests?: BacktestServiceOptions;
  /** The data and settings area: data folder, secret box, the alert hub it configures. */
  readonly settings?: SettingsOptions;
}

interface Active {
  readonly choice: FeedChoice;
  readonly provided: ProvidedFeed;
  readonly session: MarketSession;
  readonly unsubscribe: () => void;
}

export class Host {
  readonly handlers: ApiHandlers;
  private active: Active | null = null;
  private readonly listeners = new Set<HostEventListener>();
  private switching: Promise<unknown> = Promise.resolve();
  private readonly paper: PaperDesk;
  private readonly backtests: BacktestService;
  private readonly strategies: StrategiesService;
  private readonly settings: SettingsService;
  /** The stored history of the running session's market (its complete bars kept). */
  private storedHistory: { session: MarketSession; history: StoredHistory } | null = null;
  /** Restoring the saved connection at start failed (until the trader connects one). */
  private restoreFailure: { choice: FeedChoice; error: string } | null = null;

  constructor(private readonly options: HostOptions) {
    const context: AreaContext = {
      store: this.options.store ?? null,
      emit: (name, payload) => this.emit(name, payload),
      raise: (alert) => this.raise(alert),
    };
    this.backtests = new BacktestService(context, this.options.backtests);
    this.strategies = new StrategiesService(context);
    this.settings = new SettingsService(context, this.options.settings ?? {});
    this.handlers = {
      'app.info': async () => ({
        name: 'Auctioneer',
        version: this.options.version,
        shell: this.options.shell,
        symbols: this.active ? [this.active.session.symbol] : [],
      }),
      'market.snapshot': async ({ symbol }) => this.session(symbol).snapshot(),
      'market.footprint': async ({ symbol, fromTs, toTs }) => this.session(symbol).footprintRange(fromTs, toTs),
      'market.profile': async ({ symbol, ...params }) => this.session(symbol).profileView(params),
      'market.history': async ({ symbol, timeframe, toTs, limit }) => this.history(symbol, timeframe, toTs, limit),
      'feed.options': async () => ({
        current: this.active?.choice ?? this.options.initialFeed,
        sources: this.options.feeds.sources.map((s) => ({ ...s })),
        saved: this.settings.savedFeed(),
        restoreFailure: this.restoreFailure,
      }),
      'feed.connect': async (choice) => {
        const status = await this.connect(choice);
        // Only a connection that worked is kept for the next start.
        this.settings.rememberFeed(choice);
        this.restoreFailure = null;
        return status;
      },
      'replay.control': async (control) => this.controlReplay(control),
      'store.calendar': async () => this.calendar(),
      'paper.state': async () => this.paper.state(),
      'paper.order': async (order) => this.paper.order(order),
      'paper.flatten': async () => this.paper.flatten(),
      'paper.reverse': async ({ bracket }) => this.paper.reverse(bracket),
      'paper.cancel': async ({ orderId }) => this.paper.cancel(orderId),
      'paper.cancelAll': async () => this.paper.cancelAll(),
      'paper.move': async ({ orderId, price }) => this.paper.move(orderId, price),
      ...this.backtests.handlers,
      ...this.strategies.handlers,
      ...this.settings.handlers,
    };
    this.paper = new PaperDesk(
      this.options.store ?? null,
      (state) => this.emit('paper.state', state),
      (alert) => this.raise(alert),
    );
  }

  /**
   * Reconnects the connection the trader chose last (kept in the store); if that fails, the
   * initial feed runs instead and the failure is reported (feed.options, an alert). The saved
   * choice stays, so the next start tries it again.
   */
  async start(): Promise<void> {
    const saved = this.settings.savedFeed();
    if (saved) {
      try {
        await this.connect(saved);
        return;
      } catch (e) {
        const error = e instanceof Error ? e.message : String(e);
        this.restoreFailure = { choice: saved, error };
        console.error(`auctioneer: could not reconnect to the saved ${saved.source} connection (${error}); starting on the ${this.options.initialFeed.source} feed`);
      }
    }
    await this.connect(this.options.initialFeed);
  }

  async stop(): Promise<void> {
    await this.switching;
    const active = this.active;
    this.active = null;
    if (active) await this.retire(active);
    await Promise.all([this.backtests.dispose(), this.strategies.dispose(), this.settings.dispose()]);
  }

  /** Replaces the running feed; one switch at a time, in the order asked. */
  connect(choice: FeedChoice): Promise<EventPayload<'feed.status'>> {
    const next = this.switching.then(async () => {
      const provided = await this.options.feeds.provide(choice, { onReplayState: (state) => this.emit('replay.state', state) });
      const session = this.options.createSession(provided.feed, choice);
      const unsubscribeSession = session.subscribe({
        onUpdate: (update) => this.emit('market.update', update),
        onStatus: (status) => {
          this.emit('feed.status', status);
          if (status.state === 'stale') this.raise({ kind: 'feed-stale', ts: Date.now(), title: `Feed stale: ${status.source} ${status.symbol}`, message: status.message });
        },
      });
      this.paper.attach(choice, provided.feed.instrument);
      const untap = session.tap((events) => this.paper.onMarket(events));
      // A replay is history: its conditions must not reach the desktop or Discord as if live.
      const watch = choice.source === 'replay' ? null : new MarketConditionWatch(provided.feed.instrument);
      const unwatch = watch ? session.onMinuteClosed((snap) => watch.onMinute(snap).forEach((alert) => this.raise(alert))) : () => undefined;
      const unsubscribe = (): void => {
        unsubscribeSession();
        untap();
        unwatch();
      };
      const previous = this.active;
      this.active = { choice, provided, session, unsubscribe };
      if (previous) await this.retire(previous);
      session.start();
      this.emit('market.reset', { symbol: session.symbol });
      return session.status();
    });
    this.switching = next.catch(() => undefined);
    return next;
  }

  private async controlReplay(control: HandlerParams<'replay.control'>): Promise<EventPayload<'replay.state'>> {
    const active = this.active;
    const replay = active?.provided.replay;
    if (!active || !replay) throw new NotFoundError('no replay is running: connect a replay feed first');
    switch (control.action) {
      case 'play':
        return replay.play();
      case 'pause':
        return replay.pause();
      case 'step':
        return replay.step();
      case 'speed':
        return replay.setSpeed(control.speed);
      case 'jump': {
        const { state, backwards } = replay.jump(control.ts);
        if (!backwards) return state;
        // The session cannot unsee data: rebuild it from the start of the range up to the target.
        const choice = active.choice;
        if (choice.source !== 'replay') throw new Error('replay controls on a non-replay feed');
        await this.connect({ ...choice, startAt: control.ts });
        return this.active?.provided.replay?.state() ?? state;
      }
    }
  }

  /**
   * Real market data only: an exchange's captured or imported bars, or the past of a replay. The
   * simulated markets have no history in the store (their prices must never mix with real ones).
   */
  private history(symbol: string, timeframe: HandlerParams<'market.history'>['timeframe'], toTs: number, limit: number): RequestResult<'market.history'> {
    const session = this.session(symbol);
    const store = this.options.store;
    const choice = this.active?.choice;
    if (!store) return { bars: [], note: 'no store: only the session’s bars' };
    if (!choice || (choice.source !== 'exchange' && choice.source !== 'replay')) return { bars: [], note: 'a simulated market has no stored history' };
    // A replay never shows what comes after its own start.
    const until = choice.source === 'replay' ? Math.min(toTs, choice.fromTs) : toTs;
    if (this.storedHistory?.session !== session) this.storedHistory = { session, history: new StoredHistory(store, session.instrument) };
    const bars = this.storedHistory.history.bars(timeframe, until, limit);
    return { bars, note: bars.length > 0 ? `${bars.length} stored ${timeframe} bars` : 'no stored bars before the session' };
  }

  private async calendar(): Promise<RequestResult<'store.calendar'>> {
    const store = this.options.store;
    if (!store) return { instrument: '', days: [] };
    const instrument = this.options.replayInstrument;
    const id = store.ensureInstrument(instrument);
    return { instrument: `${instrument.venue}:${instrument.symbol}`, days: tickCalendar(store, id) };
  }

  private async retire(active: Active): Promise<void> {
    active.unsubscribe();
    active.session.stop();
    await active.provided.dispose();
  }

  /** Alerts go to the configured sinks (Discord) and to every connected window. */
  private raise(alert: Alert): void {
    if (this.options.alerts && !this.options.alerts.raise(alert)) return;
    this.emit('alert', alert);
  }

  subscribe(listener: HostEventListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private emit<K extends EventName>(name: K, payload: EventPayload<K>): void {
    for (const listener of this.listeners) listener(name, payload);
  }

  private session(symbol: string): MarketSession {
    const session = this.active?.session;
    if (!session || session.symbol !== symbol) throw new NotFoundError(`no market session for symbol "${symbol}"`);
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
  /** The feed sources (default: the simulated market only). */
  readonly feeds?: FeedProviders;
  /** Where live data from real exchanges is kept (48 h of ticks, bars for good). */
  readonly store?: Store;
  readonly alerts?: AlertHub;
  /** The traders' strategies folder for backtests (default: the app data folder's). */
  readonly strategiesDir?: string;
  /** The bundled backtest worker, dist/native/backtest-worker.mjs. */
  readonly backtestWorkerFile?: string;
  /** The bundled import worker, dist/native/import-worker.mjs. */
  readonly importWorkerFile?: string;
  /** The app's data folder (uploads, the web-mode key file of the secret box). */
  readonly dataDir?: string;
  /** Electron's safeStorage; without it secrets are sealed with a key file in dataDir. */
  readonly secretBox?: SecretBox;
}

/** The host as the app starts it: the simulated BTCUSDT perpetual unless told otherwise. */
export function createDefaultHost(options: DefaultHostOptions): Host {
  const feeds: FeedProviders = options.feeds ?? {
    provide: simFeedProvider(options.historyMinutes ?? 180),
    sources: [
      { source: 'sim', available: true, note: 'built-in simulated BTCUSDT perpetual' },
      { source: 'exchange-sim', available: false, note: 'not in this build yet' },
      { source: 'exchange', available: false, note: 'not in this build yet' },
    ],
  };
  // Always a hub: the settings screen may add a Discord webhook later.
  const alerts = options.alerts ?? new AlertHub([]);
  return new Host({
    shell: options.shell,
    version: options.version,
    feeds,
    initialFeed: { source: 'sim', seed: options.seed ?? 1 },
    ...(options.store ? { store: options.store } : {}),
    replayInstrument: BTCUSDT_PERP,
    backtests: {
      ...(options.strategiesDir !== undefined ? { strategiesDir: options.strategiesDir } : {}),
      ...(options.backtestWorkerFile !== undefined ? { workerFile: options.backtestWorkerFile } : {}),
    },
    alerts,
    settings: { alerts, instrument: BTCUSDT_PERP, ...(options.dataDir ? { dataDir: options.dataDir } : {}), ...(options.secretBox ? { secretBox: options.secretBox } : {}), ...(options.importWorkerFile ? { importWorkerFile: options.importWorkerFile } : {}) },
    createSession: (feed, choice) =>
      new MarketSession(
        feed,
        Date.now,
        new ProfileWorkerHost({
          ...(options.profileWorkerFile ? { workerFile: options.profileWorkerFile } : {}),
          onError: (message) => console.error(`auctioneer: profile worker: ${message}`),
        }),
        // Only real market data is kept: simulated prices must never mix with an exchange's history.
        options.store && choice.source === 'exchange'
          ? new LiveCapture(options.store, feed.instrument, { onError: (message) => console.error(`auctioneer: ${message}`) })
          : null,
      ),
  });
}
