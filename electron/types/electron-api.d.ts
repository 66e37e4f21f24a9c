// The part of Electron's API the shell uses, typed by hand. The `electron` package is an
// optional dependency: where its binary cannot be downloaded npm removes it, types included
// (TOOLCHAIN.md gotcha 2), so the shell is type-checked against this file on every machine.
// Signatures follow Electron 41's electron.d.ts; keep them in step when the shell grows.

declare module 'electron' {
  interface WebPreferences {
    preload?: string;
    contextIsolation?: boolean;
    nodeIntegration?: boolean;
    sandbox?: boolean;
    webSecurity?: boolean;
    spellcheck?: boolean;
  }
  interface BrowserWindowConstructorOptions {
    width?: number;
    height?: number;
    minWidth?: number;
    minHeight?: number;
    title?: string;
    backgroundColor?: string;
    show?: boolean;
    webPreferences?: WebPreferences;
  }
  interface WebFrameMain {
    readonly url: string;
  }
  interface WebContents {
    send(channel: string, ...args: unknown[]): void;
    isDestroyed(): boolean;
    setWindowOpenHandler(handler: (details: { url: string }) => { action: 'allow' | 'deny' }): void;
    on(event: 'will-navigate', listener: (event: { preventDefault(): void }, url: string) => void): this;
  }
  class BrowserWindow {
    constructor(options?: BrowserWindowConstructorOptions);
    readonly webContents: WebContents;
    loadURL(url: string): Promise<void>;
    once(event: 'ready-to-show', listener: () => void): this;
    on(event: 'closed', listener: () => void): this;
    show(): void;
    isDestroyed(): boolean;
    static getAllWindows(): BrowserWindow[];
  }
  interface IpcMainInvokeEvent {
    readonly senderFrame: WebFrameMain | null;
  }
  interface IpcMain {
    handle(channel: string, listener: (event: IpcMainInvokeEvent, ...args: unknown[]) => unknown): void;
    removeHandler(channel: string): void;
  }
  interface IpcRendererEvent {
    readonly sender: unknown;
  }
  interface IpcRenderer {
    invoke(channel: string, ...args: unknown[]): Promise<unknown>;
    on(channel: string, listener: (event: IpcRendererEvent, ...args: unknown[]) => void): this;
    removeListener(channel: string, listener: (event: IpcRendererEvent, ...args: unknown[]) => void): this;
  }
  interface ContextBridge {
    exposeInMainWorld(apiKey: string, api: unknown): void;
  }
  interface CustomScheme {
    scheme: string;
    privileges?: {
      standard?: boolean;
      secure?: boolean;
      supportFetchAPI?: boolean;
      corsEnabled?: boolean;
      stream?: boolean;
    };
  }
  interface Protocol {
    registerSchemesAsPrivileged(schemes: CustomScheme[]): void;
    handle(scheme: string, handler: (request: Request) => Response | Promise<Response>): void;
  }
  interface App {
    whenReady(): Promise<void>;
    quit(): void;
    getVersion(): string;
    getPath(name: 'userData' | 'appData' | 'logs'): string;
    requestSingleInstanceLock(): boolean;
    on(event: 'window-all-closed' | 'before-quit', listener: () => void): this;
    on(event: 'activate', listener: () => void): this;
    on(event: 'second-instance', listener: () => void): this;
  }
  interface SafeStorage {
    isEncryptionAvailable(): boolean;
    encryptString(plainText: string): Buffer;
    decryptString(encrypted: Buffer): string;
  }
  export const app: App;
  export const ipcMain: IpcMain;
  export const ipcRenderer: IpcRenderer;
  export const contextBridge: ContextBridge;
  export const protocol: Protocol;
  export const safeStorage: SafeStorage;
  export { BrowserWindow };
  export type { IpcMainInvokeEvent, IpcRendererEvent, WebContents };
}
