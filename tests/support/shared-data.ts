// Real market data lives in ../shared/data beside the repository (CI has it, a user's clone
// may not). Tests that need it are skipped by name, with the reason shown.

import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';

export const SHARED_DATA_DIR = resolve(process.env['AUCTIONEER_SHARED_DATA'] ?? join(process.cwd(), '..', 'shared', 'data'));

export function sharedDataFile(name: string): string {
  return join(SHARED_DATA_DIR, name);
}

export function hasSharedData(...names: string[]): boolean {
  return names.every((n) => existsSync(sharedDataFile(n)));
}

export const SKIP_REASON = `(skipped: real market data not found in ${SHARED_DATA_DIR})`;
