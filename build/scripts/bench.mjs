// `npm run bench`: runs each build/bench/*.bench.ts in its own Node process (so peak memory is
// its own) and passes through the JSON lines they print, one object per benchmark:
// {"name", "value", "unit", "workload", "peak_rss_mb"}.

import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const benchDir = join(root, 'build', 'bench');
const only = process.argv.slice(2);
const files = readdirSync(benchDir)
  .filter((f) => f.endsWith('.bench.ts'))
  .filter((f) => only.length === 0 || only.some((o) => f.includes(o)))
  .sort();

let failed = 0;
for (const file of files) {
  const run = spawnSync(process.execPath, ['--import', 'tsx', join(benchDir, file)], {
    cwd: root,
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  if (run.status !== 0) {
    failed++;
    console.error(`bench: ${file} exited with ${run.status}`);
  }
}
process.exit(failed > 0 ? 1 : 0);
