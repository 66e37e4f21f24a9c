// The app in web mode opened in Chromium: the built renderer served for a started host, one page
// on it at a trader's screen size. `useAppInBrowser` is the browser tests' one fixture: a temp
// store (seeded by the test), a host on it, the page, and everything closed after the tests.

import { mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import { createDefaultHost, type Host } from '../../native/host/host';
import { startWebServer } from '../../native/host/web-server';
import { Store } from '../../native/store/store';
import { launchChromium } from './browser';

/** Where browser tests save their screenshots. */
export const RESULTS = join(process.cwd(), 'test-results');

export interface AppInBrowser {
  page: Page;
  close(): Promise<void>;
}

/** `beforeLoad` runs on the page before it navigates, so listeners see the first load too. */
export async function openAppInBrowser(host: Host, beforeLoad?: (page: Page) => void): Promise<AppInBrowser> {
  const server = await startWebServer({ host, staticDir: join(process.cwd(), 'dist', 'renderer') });
  const browser = await launchChromium();
  const page = await browser.newPage({ viewport: { width: 1440, height: 860 } });
  beforeLoad?.(page);
  await page.goto(server.url);
  return {
    page,
    async close() {
      await browser.close();
      await server.close();
    },
  };
}

export interface AppStore {
  /** The test's temp folder (the app's data folder): the store file and uploads live there. */
  readonly dir: string;
  readonly dbPath: string;
  readonly store: Store;
}

export interface AppFixtureOptions {
  /** Names the temp folder: auctioneer-e2e-NAME-xxxx. */
  readonly name: string;
  /** Fills the new store before the first start (not again on a restart). */
  readonly seed?: (s: AppStore) => void;
  /** The host on the store (not started); default: the app's host with the simulated market. */
  readonly host?: (s: AppStore) => Host;
  /** After the host has started, before the page opens (e.g. a scripted feed's first trades). */
  readonly started?: (host: Host) => void | Promise<void>;
  readonly beforeLoad?: (page: Page) => void;
}

export interface AppFixture extends AppStore {
  readonly host: Host;
  readonly app: AppInBrowser;
  readonly page: Page;
  /** Closes the page, the host and the store, then opens all three again on the same file. */
  restart(): Promise<void>;
  close(): Promise<void>;
}

const defaultHost = ({ store, dir }: AppStore): Host => createDefaultHost({ shell: 'web', version: '0.0.0-e2e', historyMinutes: 30, store, dataDir: dir });

/** A temp store, a started host on it and the app open on that host. */
export async function startAppInBrowser(options: AppFixtureOptions): Promise<AppFixture> {
  mkdirSync(RESULTS, { recursive: true });
  const dir = mkdtempSync(join(tmpdir(), `auctioneer-e2e-${options.name}-`));
  const dbPath = join(dir, 'auctioneer.db');
  let running: { store: Store; host: Host; app: AppInBrowser } | null = null;
  const open = async (first: boolean): Promise<void> => {
    const store = Store.open(dbPath);
    if (first) options.seed?.({ dir, dbPath, store });
    const host = (options.host ?? defaultHost)({ dir, dbPath, store });
    await host.start();
    await options.started?.(host);
    running = { store, host, app: await openAppInBrowser(host, options.beforeLoad) };
  };
  const close = async (): Promise<void> => {
    const r = running;
    running = null;
    await r?.app.close();
    await r?.host.stop();
    r?.store.close();
  };
  const current = (): { store: Store; host: Host; app: AppInBrowser } => {
    if (!running) throw new Error('the app is not running');
    return running;
  };
  await open(true);
  return {
    dir,
    dbPath,
    get store() {
      return current().store;
    },
    get host() {
      return current().host;
    },
    get app() {
      return current().app;
    },
    get page() {
      return current().app.page;
    },
    async restart() {
      await close();
      await open(false);
    },
    close,
  };
}

/**
 * The fixture for a describe block: started before its tests, closed after them. The returned
 * handle is usable inside tests and later hooks (not while the describe is being collected).
 */
export function useAppInBrowser(options: AppFixtureOptions, startTimeoutMs = 60_000): AppFixture {
  let fixture: AppFixture | null = null;
  beforeAll(async () => {
    fixture = await startAppInBrowser(options);
  }, startTimeoutMs);
  afterAll(async () => {
    await fixture?.close();
  });
  const get = (): AppFixture => {
    if (!fixture) throw new Error('the app fixture has not started (use it inside tests and hooks)');
    return fixture;
  };
  return {
    get dir() {
      return get().dir;
    },
    get dbPath() {
      return get().dbPath;
    },
    get store() {
      return get().store;
    },
    get host() {
      return get().host;
    },
    get app() {
      return get().app;
    },
    get page() {
      return get().page;
    },
    restart: () => get().restart(),
    close: () => get().close(),
  };
}
