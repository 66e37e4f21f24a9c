#!/usr/bin/env node
// Entry point of `npx auctioneer`: runs the CLI bundle built on install (npm ci runs prepare),
// building it first if it is missing.

import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const cli = join(root, 'dist/native/cli.mjs');
if (!existsSync(cli)) {
  const built = spawnSync(process.execPath, [join(root, 'build/scripts/build.mjs')], { stdio: 'inherit' });
  if (built.status !== 0) process.exit(built.status ?? 1);
}
await import(pathToFileURL(cli).href);
