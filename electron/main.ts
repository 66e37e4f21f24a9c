// Electron main process: one window, the host service, and IPC wired to the API contract.
// Everything it hosts also runs in web mode; this file stays a thin shell.

import { app, BrowserWindow, ipcMain, safeStorage } from 'electron';
import { join } from 'node:path';
import { IPC_EVENT_CHANNEL, IPC_REQUEST_CHANNEL } from '../core/api/wire';
import { dispatchRequest } from '../native/host/dispatch';
import { appFeedProviders } from '../native/host/feed-providers';
import { createDefaultHost } from '../native/host/host';
import { Store } from '../native/store/store';
import { APP_ORIGIN, registerAppScheme, serveRenderer } from './app-protocol';

const distDir = join(__dirname, '..');
registerAppScheme();

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  void app.whenReady().then(() => {
    serveRenderer(join(distDir, 'renderer'));
    const store = Store.open(join(app.getPath('userData'), 'auctioneer.db'));
    const host = createDefaultHost({
      shell: 'electron',
      version: app.getVersion(),
      profileWorkerFile: join(distDir, 'native', 'profile-worker.mjs'),
      backtestWorkerFile: join(distDir, 'native', 'backtest-worker.mjs'),
      importWorkerFile: join(distDir, 'native', 'import-worker.mjs'),
      feeds: appFeedProviders(180, store),
      store,
      dataDir: app.getPath('userData'),
      // The OS keychain seals API keys where it is available (else the web mode's key file).
      ...(safeStorage.isEncryptionAvailable()
        ? { secretBox: { kind: 'electron-safe-storage' as const, seal: (plain: string) => safeStorage.encryptString(plain), open: (sealed: Buffer) => safeStorage.decryptString(sealed) } }
        : {}),
    });

    ipcMain.handle(IPC_REQUEST_CHANNEL, (event, envelope) => {
      // Only our own page may call the host.
      if (!event.senderFrame?.url.startsWith(`${APP_ORIGIN}/`)) {
        return { id: -1, ok: false, error: { code: 'bad_request', message: 'request from a foreign frame' } };
      }
      return dispatchRequest(host.handlers, envelope);
    });

    const window = new BrowserWindow({
      width: 1600,
      height: 1000,
      minWidth: 900,
      minHeight: 600,
      title: 'Auctioneer',
      backgroundColor: '#0d1117',
      show: false,
      webPreferences: {
        preload: join(distDir, 'electron', 'preload.cjs'),
        contextIsolation: true,
        nodeIntegration: false,
        sandbox: true,
        webSecurity: true,
        spellcheck: false,
      },
    });
    window.webContents.setWindowOpenHandler(() => ({ action: 'deny' }));
    window.webContents.on('will-navigate', (navigation, url) => {
      if (!url.startsWith(`${APP_ORIGIN}/`)) navigation.preventDefault();
    });
    window.once('ready-to-show', () => window.show());

    const unsubscribe = host.subscribe((name, payload) => {
      if (!window.isDestroyed()) window.webContents.send(IPC_EVENT_CHANNEL, { event: name, payload });
    });
    window.on('closed', unsubscribe);

    void host.start().catch((error: unknown) => console.error(`auctioneer: could not start the market feed: ${String(error)}`));
    void window.loadURL(`${APP_ORIGIN}/index.html`);

    app.on('window-all-closed', () => {
      void host.stop().finally(() => app.quit());
    });
  });
}
