// Builds what the app runs: the Node side (CLI, Electron main and preload) with esbuild and the
// renderer with Vite, into dist/. `--native` skips the renderer. Runs on `npm ci` (prepare).

import { build as esbuild } from 'esbuild';
import { build as viteBuild } from 'vite';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const onlyNative = process.argv.includes('--native');
const started = Date.now();

// Native modules and heavy libraries stay in node_modules; our own code is bundled.
const external = ['electron', 'better-sqlite3', 'ws', 'bufferutil', 'utf-8-validate', 'commander', 'ccxt', 'yaml', 'esbuild'];

await Promise.all([
  esbuild({
    entryPoints: [join(root, 'native/cli/main.ts')],
    outfile: join(root, 'dist/native/cli.mjs'),
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    sourcemap: true,
    external,
    logLevel: 'warning',
  }),
  ...['profile-worker', 'sweep-worker', 'backtest-worker', 'import-worker', 'tick-hours-worker'].map((name) =>
    esbuild({
      // Worker threads are loaded from beside the CLI bundle (native/workers/worker-entry.ts).
      entryPoints: [join(root, `native/workers/${name}.ts`)],
      outfile: join(root, `dist/native/${name}.mjs`),
      bundle: true,
      platform: 'node',
      format: 'esm',
      target: 'node20',
      sourcemap: true,
      external,
      logLevel: 'warning',
    }),
  ),
  esbuild({
    entryPoints: [join(root, 'electron/main.ts')],
    outfile: join(root, 'dist/electron/main.cjs'),
    bundle: true,
    platform: 'node',
    format: 'cjs',
    // Shared modules read import.meta.url (ESM); give the CommonJS bundle its own file URL.
    define: { 'import.meta.url': '__importMetaUrl' },
    banner: { js: "const __importMetaUrl = require('node:url').pathToFileURL(__filename).href;" },
    target: 'node20',
    sourcemap: true,
    external,
    logLevel: 'warning',
  }),
  esbuild({
    // Sandboxed preloads may only require('electron'): everything else is bundled in.
    entryPoints: [join(root, 'electron/preload.ts')],
    outfile: join(root, 'dist/electron/preload.cjs'),
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'chrome130',
    external: ['electron'],
    logLevel: 'warning',
  }),
]);

if (!onlyNative) {
  await viteBuild({ configFile: join(root, 'build/vite.config.ts'), logLevel: 'warn' });
}
console.log(`auctioneer: built ${onlyNative ? 'native' : 'native + renderer'} in ${Date.now() - started} ms`);
