// Where a worker thread's code is: the bundle built beside the app (dist/native/NAME.mjs), or,
// running from source (tests, benchmarks), the TypeScript source bundled once on the fly with
// esbuild, because Node 20 workers cannot load TypeScript.

import { existsSync, mkdtempSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const built = new Map<string, string>();

/** `name` is the worker's file name without extension, e.g. "profile-worker". */
export function workerEntry(name: string, bundledFile?: string): Promise<string> {
  try {
    return Promise.resolve(workerEntrySync(name, bundledFile));
  } catch (error) {
    return Promise.reject(error instanceof Error ? error : new Error(String(error)));
  }
}

/** workerEntry for callers that cannot wait (a synchronous backtest starting its loader thread). */
export function workerEntrySync(name: string, bundledFile?: string): string {
  if (bundledFile && existsSync(bundledFile)) return bundledFile;
  let entry = built.get(name);
  if (!entry) {
    const here = dirname(fileURLToPath(import.meta.url));
    const beside = join(here, `${name}.mjs`);
    if (existsSync(beside)) {
      entry = beside;
    } else {
      const require = createRequire(import.meta.url);
      const { buildSync } = require('esbuild') as typeof import('esbuild');
      const outfile = join(mkdtempSync(join(tmpdir(), 'auctioneer-worker-')), `${name}.mjs`);
      // The bundle lives in a temp folder with no node_modules above it: point the packages left
      // outside it (native addons, heavy libraries) at this checkout's copies by file URL.
      const external = ['better-sqlite3', 'ccxt'];
      buildSync({
        entryPoints: [join(here, `${name}.ts`)],
        outfile,
        bundle: true,
        platform: 'node',
        format: 'esm',
        target: 'node20',
        logLevel: 'warning',
        alias: Object.fromEntries(external.map((pkg) => [pkg, pathToFileURL(require.resolve(pkg)).href])),
        external: external.map((pkg) => pathToFileURL(require.resolve(pkg)).href),
      });
      entry = outfile;
    }
    built.set(name, entry);
  }
  return entry;
}
