// Data and settings of the app: imports (a host path or an upload) with progress and the
// importer's errors, API keys sealed at rest and only ever shown masked, alert settings applied
// to the alert hub, and the layout and connection the trader left, remembered in the store
// across starts.

import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AreaHandlers } from '../../../core/api/areas/area';
import { LayoutSchema, type Layout, type settingsRequests } from '../../../core/api/areas/settings';
import { FeedChoiceSchema } from '../../../core/api/schemas';
import type { FeedChoice } from '../feed-provider';
import { BTCUSDT_PERP, type Instrument } from '../../../core/market/instrument';
import type { AlertKind } from '../../alerts/alert';
import type { AlertHub } from '../../alerts/alert-hub';
import { DiscordSink } from '../../alerts/discord-sink';
import type { AreaContext, AreaService } from './area-service';
import { FileImports } from './file-import';
import { keyFileSecretBox, type SecretBox } from './secret-box';
import { masked, SettingsStore } from './settings-store';

type Handlers = AreaHandlers<typeof settingsRequests>;

export interface SettingsOptions {
  /** The app's data folder: the key file of the secret box (web mode) and uploads live there. */
  readonly dataDir?: string;
  /** Electron's safeStorage when in Electron; else an AES-256-GCM key file in dataDir. */
  readonly secretBox?: SecretBox;
  /** What imports are stored as (the market the replay calendar shows). */
  readonly instrument?: Instrument;
  /** Alert settings are applied here. */
  readonly alerts?: AlertHub;
  /** The bundled import worker (dist/native/import-worker.mjs); from source it is built on demand. */
  readonly importWorkerFile?: string;
}

const ALL_KINDS: readonly AlertKind[] = ['trade-open', 'trade-close', 'strategy-start', 'strategy-stop', 'feed-stale', 'ambiguous-flow', 'va-invalid', 'daily-loss', 'near-lvn'];
const KEY_PREFIX = 'apikey:';
const WEBHOOK = 'discord-webhook';
const CONNECTION = 'connection';

interface AlertSettings {
  enabled: AlertKind[];
  desktopNotifications: boolean;
}

export class SettingsService implements AreaService<Handlers> {
  readonly handlers: Handlers;
  private readonly settings: SettingsStore | null;
  private readonly imports: FileImports | null;

  constructor(
    private readonly context: AreaContext,
    private readonly options: SettingsOptions = {},
  ) {
    const store = context.store;
    const dataDir = options.dataDir ?? join(tmpdir(), 'auctioneer');
    this.settings = store ? new SettingsStore(store, options.secretBox ?? keyFileSecretBox(dataDir)) : null;
    this.imports = store ? new FileImports(store, options.instrument ?? BTCUSDT_PERP, join(dataDir, 'uploads'), (p) => context.emit('settings.importProgress', p), options.importWorkerFile) : null;
    this.applyAlerts();
    this.handlers = {
      'settings.uploadChunk': async (p) => this.requireImports().uploadChunk(p),
      'settings.import': async (p) => this.requireImports().run(p),
      'settings.keys.list': async () => this.keys(),
      'settings.keys.set': async ({ exchange, apiKey, apiSecret }) => {
        this.require().setSecret(KEY_PREFIX + exchange, JSON.stringify({ apiKey, apiSecret }), apiKey);
        return this.keys();
      },
      'settings.keys.delete': async ({ exchange }) => {
        this.require().deleteSecret(KEY_PREFIX + exchange);
        return this.keys();
      },
      'settings.layout.get': async () => this.layout(),
      'settings.layout.set': async (part) => {
        const current = this.layout();
        const next: Layout = { ...current, ...part, ...(part.chart ? { chart: { ...current.chart, ...part.chart } } : {}) };
        this.require().set('layout', next);
        return next;
      },
      'settings.alerts.get': async () => this.alertsView(),
      'settings.alerts.set': async ({ discordWebhook, enabled, desktopNotifications }) => {
        const settings = this.require();
        if (discordWebhook === null) {
          settings.deleteSecret(WEBHOOK);
          this.options.alerts?.setSink('discord', null);
        }
        else if (discordWebhook !== undefined) {
          // Checked by the sink (https, or a local test server) before it is kept.
          new DiscordSink({ webhookUrl: discordWebhook });
          settings.setSecret(WEBHOOK, discordWebhook, discordWebhook);
        }
        const current = this.alertSettings();
        settings.set('alerts', { enabled: enabled ?? current.enabled, desktopNotifications: desktopNotifications ?? current.desktopNotifications });
        this.applyAlerts();
        return this.alertsView();
      },
    };
  }

  /** The exchange's key and secret, for a client that trades or reads private data. */
  apiKey(exchange: string): { apiKey: string; apiSecret: string } | null {
    const sealed = this.settings?.secret(KEY_PREFIX + exchange);
    return sealed ? (JSON.parse(sealed) as { apiKey: string; apiSecret: string }) : null;
  }

  /** The connection the trader chose last, if the store keeps one that still parses. */
  savedFeed(): FeedChoice | null {
    const saved = FeedChoiceSchema.safeParse(this.settings?.get(CONNECTION));
    return saved.success ? saved.data : null;
  }

  /** Kept for the next start; a replay is a look back, not a connection, so it is not kept. */
  rememberFeed(choice: FeedChoice): void {
    if (choice.source === 'replay' || !this.settings) return;
    this.settings.set(CONNECTION, choice);
  }

  private keys() {
    return this.require()
      .listSecrets(KEY_PREFIX)
      .map((s) => {
        const { apiSecret } = this.apiKey(s.name.slice(KEY_PREFIX.length)) ?? { apiSecret: '' };
        return { exchange: s.name.slice(KEY_PREFIX.length), apiKeyMasked: masked(s.last4), hasSecret: apiSecret.length > 0, updatedAt: s.updatedAt };
      });
  }

  private layout(): Layout {
    const saved = LayoutSchema.safeParse(this.settings?.get('layout') ?? {});
    // A layout saved by another version that no longer parses is dropped, not fatal.
    return saved.success ? saved.data : {};
  }

  private alertSettings(): AlertSettings {
    return this.settings?.get<AlertSettings>('alerts') ?? { enabled: [...ALL_KINDS], desktopNotifications: true };
  }

  private alertsView() {
    const settings = this.require();
    const webhook = settings.listSecrets(WEBHOOK).find((s) => s.name === WEBHOOK);
    const { enabled, desktopNotifications } = this.alertSettings();
    return { discordWebhookMasked: webhook ? masked(webhook.last4) : null, enabled, desktopNotifications };
  }

  /** The saved alert settings onto the hub: which kinds, and the Discord sink. */
  private applyAlerts(): void {
    const hub = this.options.alerts;
    if (!hub || !this.settings) return;
    const saved = this.settings.get<AlertSettings>('alerts');
    if (saved) hub.setEnabled(saved.enabled);
    const webhook = this.settings.secret(WEBHOOK);
    // Without a saved webhook the one given at start (serve --discord-webhook) stays.
    if (webhook) hub.setSink('discord', new DiscordSink({ webhookUrl: webhook, onError: (m) => console.error(`auctioneer: ${m}`) }));
  }

  private require(): SettingsStore {
    if (!this.settings) throw new Error('settings need the store, and this host has none');
    return this.settings;
  }

  private requireImports(): FileImports {
    if (!this.imports) throw new Error('imports need the store, and this host has none');
    return this.imports;
  }

  async dispose(): Promise<void> {
    this.imports?.dispose();
  }
}
