import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const eslint = new ESLint({ cwd: process.cwd() });

async function lint(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return (result?.messages ?? []).filter((m) => m.severity === 2).map((m) => `${m.ruleId}: ${m.message}`);
}

describe('layer rules (DESIGN.md §1), enforced by lint', () => {
  it('fails core/ importing a Node built-in', async () => {
    const errors = await lint('core/market/forbidden.ts', "import { readFileSync } from 'node:fs';\nexport const f = readFileSync;\n");
    expect(errors.some((e) => e.startsWith('no-restricted-imports'))).toBe(true);
  });

  it('fails core/ importing electron, SQLite or a native/ module', async () => {
    for (const source of ['electron', 'better-sqlite3', '../../native/host/host', 'fs']) {
      const errors = await lint('core/market/forbidden.ts', `import * as m from '${source}';\nexport const x = m;\n`);
      expect(errors.length, `import of ${source}`).toBeGreaterThan(0);
    }
  });

  it('fails core/ using a DOM or Node global', async () => {
    const errors = await lint('core/market/forbidden.ts', 'export const w = window.innerWidth + process.pid;\n');
    expect(errors.filter((e) => e.startsWith('no-restricted-globals'))).toHaveLength(2);
  });

  it('fails renderer/ importing native/ or Node', async () => {
    expect(await lint('renderer/src/forbidden.ts', "import { Host } from '../../native/host/host';\nexport const h = Host;\n")).not.toEqual([]);
    expect(await lint('renderer/src/forbidden.ts', "import { readFileSync } from 'node:fs';\nexport const f = readFileSync;\n")).not.toEqual([]);
  });

  it('fails native/ importing electron', async () => {
    expect(await lint('native/host/forbidden.ts', "import { app } from 'electron';\nexport const a = app;\n")).not.toEqual([]);
  });

  it('allows what each layer may use: core within core and zod, native with Node', async () => {
    expect(await lint('core/market/allowed.ts', "import { z } from 'zod';\nimport { MINUTE_MS } from './bars';\nexport const s = z.number().max(MINUTE_MS);\n")).toEqual([]);
    expect(await lint('native/host/allowed.ts', "import { readFileSync } from 'node:fs';\nimport { MINUTE_MS } from '../../core/market/bars';\nexport const f = [readFileSync, MINUTE_MS];\n")).toEqual([]);
  });

  it('the whole tree passes lint', async () => {
    const results = await eslint.lintFiles(['.']);
    const problems = results.flatMap((r) => r.messages.filter((m) => m.severity === 2).map((m) => `${r.filePath}:${m.line} ${m.ruleId} ${m.message}`));
    expect(problems).toEqual([]);
  }, 120_000);
});
