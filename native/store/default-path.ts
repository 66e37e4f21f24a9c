// Where the store lives when --db is not given: the desktop app's data folder, the same one
// Electron's app.getPath('userData') gives for the product name "Auctioneer".

import { homedir } from 'node:os';
import { join } from 'node:path';

export function defaultDataDir(platform: NodeJS.Platform = process.platform, env: NodeJS.ProcessEnv = process.env): string {
  if (platform === 'win32') return join(env['APPDATA'] ?? join(homedir(), 'AppData', 'Roaming'), 'Auctioneer');
  if (platform === 'darwin') return join(homedir(), 'Library', 'Application Support', 'Auctioneer');
  return join(env['XDG_CONFIG_HOME'] ?? join(homedir(), '.config'), 'Auctioneer');
}

export function defaultStorePath(): string {
  return join(defaultDataDir(), 'auctioneer.db');
}
