// `npm start`: builds, then opens the desktop app; where no Electron binary is present, says so
// in one line and serves the same UI in web mode. `npm run web` (--web) goes to web mode directly.

import { spawn, spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const args = process.argv.slice(2);
const webOnly = args.includes('--web');
const passThrough = args.filter((a) => a !== '--web');

const built = spawnSync(process.execPath, [join(root, 'build/scripts/build.mjs')], { stdio: 'inherit' });
if (built.status !== 0) process.exit(built.status ?? 1);

/** Path of the Electron binary, or the reason there is none. */
function findElectron() {
  try {
    // The electron package exports the path of its downloaded binary and throws when it is missing.
    const binary = createRequire(import.meta.url)('electron');
    if (typeof binary === 'string' && existsSync(binary)) return { binary };
    return { reason: 'the Electron binary was not downloaded' };
  } catch {
    return { reason: 'the electron package is not installed (its binary could not be downloaded)' };
  }
}

function run(command, commandArgs) {
  const child = spawn(command, commandArgs, { stdio: 'inherit', cwd: root });
  const forward = (signal) => child.kill(signal);
  process.on('SIGINT', forward);
  process.on('SIGTERM', forward);
  child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
}

const cli = join(root, 'dist/native/cli.mjs');
if (webOnly) {
  run(process.execPath, [cli, 'serve', ...passThrough]);
} else {
  const electron = findElectron();
  if (electron.binary) {
    run(electron.binary, [join(root, 'dist/electron/main.cjs'), ...passThrough]);
  } else {
    console.log(`No Electron binary here (${electron.reason}): serving the same UI in web mode.`);
    run(process.execPath, [cli, 'serve', ...passThrough]);
  }
}
