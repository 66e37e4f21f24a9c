// `npm test`: builds the app (the browser tests open the built UI), runs every test under
// Vitest, then prints one plain closing line, `N passed, N failed, N skipped`, that CI reads.

import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const report = join(root, 'test-results', 'vitest.json');
mkdirSync(dirname(report), { recursive: true });
rmSync(report, { force: true });

const built = spawnSync(process.execPath, [join(root, 'build/scripts/build.mjs')], { stdio: 'inherit', cwd: root });
if (built.status !== 0) {
  writeFileSync(join(root, 'test-results', 'summary.txt'), '0 passed, 1 failed\n');
  console.log('0 passed, 1 failed');
  process.exit(1);
}

const vitest = join(root, 'node_modules', 'vitest', 'vitest.mjs');
const run = spawnSync(
  process.execPath,
  [vitest, 'run', '--reporter=default', '--reporter=json', `--outputFile.json=${report}`, ...process.argv.slice(2)],
  { stdio: 'inherit', cwd: root },
);

let passed = 0;
let failed = 0;
let skipped = 0;
try {
  const results = JSON.parse(readFileSync(report, 'utf8'));
  passed = results.numPassedTests;
  failed = results.numFailedTests;
  skipped = results.numPendingTests + results.numTodoTests;
  // A file that fails to load has no tests to count; count it as a failure.
  failed += results.testResults.filter((file) => file.status === 'failed' && file.assertionResults.length === 0).length;
} catch {
  failed = Math.max(failed, 1);
}
if (run.status !== 0 && failed === 0) failed = 1;
const summary = `${passed} passed, ${failed} failed, ${skipped} skipped`;
writeFileSync(join(root, 'test-results', 'summary.txt'), `${summary}\n`);
console.log(summary);
process.exit(failed > 0 || run.status !== 0 ? 1 : 0);
