import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const bin = join(process.cwd(), 'build', 'bin', 'auctioneer.mjs');
const run = (...args: string[]) => spawnSync(process.execPath, [bin, ...args], { encoding: 'utf8', timeout: 30_000 });

describe('auctioneer CLI', () => {
  it('prints help listing its commands', () => {
    const result = run('--help');
    expect(result.status).toBe(0);
    expect(result.stdout).toContain('serve');
  });

  it('rejects a bad option value with a clear message and a non-zero exit', () => {
    const result = run('serve', '--port', 'eighty');
    expect(result.status).not.toBe(0);
    expect(result.stderr).toContain('--port must be a whole number from 0 to 65535');
  });
});
