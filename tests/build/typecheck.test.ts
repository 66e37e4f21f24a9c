import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

// Each layer is checked with its own globals: core/ without Node or DOM types, so a stray
// `window` or `Buffer` there is a type error as well as a lint error.
const projects = ['core', 'native', 'electron', 'renderer', 'tests'];

describe('TypeScript strict type-check', () => {
  it.each(projects)('tsconfig.%s.json type-checks', (project) => {
    const tsc = join(process.cwd(), 'node_modules', 'typescript', 'bin', 'tsc');
    const result = spawnSync(process.execPath, [tsc, '-p', `tsconfig.${project}.json`], { encoding: 'utf8' });
    expect(result.stdout + result.stderr).toBe('');
    expect(result.status).toBe(0);
  }, 120_000);
});
