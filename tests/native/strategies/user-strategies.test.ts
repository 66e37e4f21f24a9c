// Traders' strategy files: TypeScript and JavaScript load (with zod and helper imports), run in a
// bar backtest, reload when edited, and every broken file is a per-file error, never a throw.

import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runBarBacktest } from '../../../core/engine/bar-backtest';
import { resolveRun } from '../../../core/engine/run-config';
import { BTCUSDT_PERP } from '../../../core/market/instrument';
import { findStrategy } from '../../../native/strategies/resolve-strategy';
import { loadUserStrategies } from '../../../native/strategies/user-strategies';
import { EVERY_N_TS, LEVELS_TS } from './fixtures';

function folder(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'auctioneer-user-strategies-'));
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(join(dir, name, '..'), { recursive: true });
    writeFileSync(join(dir, name), text);
  }
  return dir;
}

const JS_STRATEGY = `
import { z } from 'zod';
export const strategy = {
  id: 'js-flat',
  name: 'Never trades',
  description: 'a JavaScript strategy',
  params: z.object({ quiet: z.boolean().default(true) }),
  historyMinutes: 1,
  create() { return { onMinute() { return []; } }; },
};
`;

/** Bar columns in ticks: a seeded random walk around 65 000.0 USD (tick 0.1). */
function bars(n: number): Parameters<typeof runBarBacktest>[0] {
  let s = 11;
  const rand = (): number => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 4294967296;
  };
  const cols = { ts: [] as number[], open: [] as number[], high: [] as number[], low: [] as number[], close: [] as number[], volume: [] as number[], buyVolume: [] as number[], sellVolume: [] as number[] };
  let price = 650_000;
  const t0 = Date.UTC(2025, 2, 3);
  for (let i = 0; i < n; i++) {
    const open = price;
    const close = Math.round(open + (rand() - 0.5) * 160);
    cols.ts.push(t0 + i * 60_000);
    cols.open.push(open);
    cols.close.push(close);
    cols.high.push(Math.max(open, close) + Math.round(rand() * 40));
    cols.low.push(Math.min(open, close) - Math.round(rand() * 40));
    const volume = 10 + rand() * 40;
    const buy = volume * (0.3 + rand() * 0.4);
    cols.volume.push(volume);
    cols.buyVolume.push(buy);
    cols.sellVolume.push(volume - buy);
    price = close;
  }
  return { length: n, ...cols };
}

describe('user strategies', () => {
  it('loads a TypeScript strategy with zod, a typed parameter and a relative helper, and runs it in a bar backtest', async () => {
    const dir = folder({ 'every-n.ts': EVERY_N_TS, 'lib/levels.ts': LEVELS_TS });
    const loaded = await loadUserStrategies(dir);
    expect(loaded.errors).toEqual([]);
    expect(loaded.strategies.map((s) => s.id)).toEqual(['every-n']);
    const definition = loaded.strategies[0]!;
    expect(definition.params.parse({})).toEqual({ every: 30, stop_ticks: 50 });

    const resolved = resolveRun(definition, { every: 20 }, BTCUSDT_PERP, 'bars');
    expect(resolved.params).toEqual({ every: 20, stop_ticks: 50 });
    const engine = runBarBacktest(bars(600), resolved.options);
    expect(engine.trades().length).toBeGreaterThan(3);
    expect(engine.trades().every((t) => t.side === 'long')).toBe(true);

    // Its parameters are checked like a built-in's.
    expect(() => resolveRun(definition, { every: -1 }, BTCUSDT_PERP, 'bars')).toThrow(/every-n parameters: every/);
  });

  it('loads a JavaScript strategy exported as `strategy`, skips helper files, and finds it after the built-ins', async () => {
    const dir = folder({ 'flat.mjs': JS_STRATEGY, '_shared.ts': 'export const x = 1;\n', 'types.d.ts': 'export type X = number;\n' });
    const loaded = await loadUserStrategies(dir);
    expect(loaded.errors).toEqual([]);
    expect(loaded.strategies.map((s) => s.id)).toEqual(['js-flat']);
    const found = await findStrategy('js-flat', dir);
    expect(found.definition?.name).toBe('Never trades');
    expect(found.user?.file).toBe(join(dir, 'flat.mjs'));
    expect(found.available).toContain('seed003-value-area');
    expect(found.available).toContain('js-flat');
    expect((await findStrategy('seed003-value-area', dir)).definition?.id).toBe('seed003-value-area');
    const missing = await findStrategy('nope', join(dir, 'not-there'));
    expect(missing.definition).toBeUndefined();
    expect(missing.errors[0]?.message).toContain('does not exist');
  });

  it('picks up an edited file on the next load, without restarting', async () => {
    const dir = folder({ 'every-n.ts': EVERY_N_TS, 'lib/levels.ts': LEVELS_TS });
    const first = await loadUserStrategies(dir);
    expect(first.strategies[0]?.name).toBe('Every N minutes');
    writeFileSync(join(dir, 'every-n.ts'), EVERY_N_TS.replace("name: 'Every N minutes'", "name: 'Every N, edited'").replace('default(30)', 'default(45)'));
    // An edited helper is a new bundle too.
    writeFileSync(join(dir, 'lib/levels.ts'), 'export function offset(price: number, ticks: number): number { return price + 2 * ticks; }\n');
    const second = await loadUserStrategies(dir);
    expect(second.errors).toEqual([]);
    expect(second.strategies[0]?.name).toBe('Every N, edited');
    expect(second.strategies[0]?.params.parse({})).toEqual({ every: 45, stop_ticks: 50 });
    expect(second.loaded[0]?.code).toContain('2 * ticks');
  });

  it('reports each broken file with a clear message while the good files still load', async () => {
    const dir = folder({
      'a-good.ts': EVERY_N_TS,
      'lib/levels.ts': LEVELS_TS,
      'b-syntax.ts': 'import { z } from "zod";\nexport default {\n  id: "broken",\n  name: "oops" "missing comma",\n};\n',
      'c-throws.js': 'throw new Error("no API key configured");\nexport default {};\n',
      'd-shape.ts': 'import { z } from "zod";\nexport default { id: "Bad Id", name: "", params: { not: "zod" }, historyMinutes: 1.5 };\n',
      'e-dup.mjs': JS_STRATEGY,
      'f-dup.mjs': JS_STRATEGY,
      'g-builtin.mjs': JS_STRATEGY.replace("'js-flat'", "'seed003-value-area'"),
      'h-nodefault.ts': 'import { z } from "zod";\nexport default { id: "needs-param", name: "n", description: "", params: z.object({ length: z.number() }), historyMinutes: 1, create: () => ({ onMinute: () => [] }) };\n',
      'i-noexport.ts': 'export const somethingElse = 1;\n',
      'j-missing-import.ts': 'import { nope } from "./not-a-file";\nexport default nope;\n',
    });
    const loaded = await loadUserStrategies(dir);
    expect(loaded.strategies.map((s) => s.id)).toEqual(['every-n']);
    const message = (name: string): string => {
      const e = loaded.errors.filter((x) => x.file === join(dir, name));
      expect(e, name).toHaveLength(1);
      return e[0]!.message;
    };
    expect(message('b-syntax.ts')).toMatch(/^does not compile: b-syntax\.ts:4:\d+: Expected "}" but found/);
    expect(message('c-throws.js')).toBe('failed on import: no API key configured (at c-throws.js:1:7)');
    const shape = message('d-shape.ts');
    expect(shape).toContain('id must be a string of a-z, 0-9 and "-" (found "Bad Id")');
    expect(shape).toContain('name must be a non-empty string');
    expect(shape).toContain('description must be a string');
    expect(shape).toContain('params must be a zod schema');
    expect(shape).toContain('historyMinutes must be a positive integer (found 1.5)');
    expect(shape).toContain('create must be a function');
    expect(message('e-dup.mjs')).toBe(`id "js-flat" is also defined by ${join(dir, 'f-dup.mjs')}: ids must be unique`);
    expect(message('f-dup.mjs')).toContain(`also defined by ${join(dir, 'e-dup.mjs')}`);
    expect(message('g-builtin.mjs')).toContain('id "seed003-value-area" is already used by a built-in strategy');
    expect(message('h-nodefault.ts')).toMatch(/params must have a default for every field \(params\.safeParse\(\{\}\) failed at length: /);
    expect(message('i-noexport.ts')).toContain('no strategy exported');
    expect(message('j-missing-import.ts')).toMatch(/^does not compile: j-missing-import\.ts:1:\d+: Could not resolve "\.\/not-a-file"/);
    expect(loaded.errors).toHaveLength(9);
  });

  it('names the file and line when a strategy throws while running, in its own file or a helper', async () => {
    const dir = folder({
      'boom.mjs': JS_STRATEGY.replace("'js-flat'", "'boom'").replace('return [];', 'throw new Error("bad math");'),
      'every-n.ts': EVERY_N_TS,
      'lib/levels.ts': 'export function offset(price: number, ticks: number): number {\n  if (ticks > 0) throw new Error("helper failed");\n  return price + ticks;\n}\n',
    });
    const { strategies, errors } = await loadUserStrategies(dir);
    expect(errors).toEqual([]);
    const run = (id: string) => () => runBarBacktest(bars(60), resolveRun(strategies.find((s) => s.id === id)!, {}, BTCUSDT_PERP, 'bars').options);
    expect(run('boom')).toThrow(`strategy "boom" (${join(dir, 'boom.mjs')}): onMinute threw: bad math (at boom.mjs:9:`);
    expect(run('every-n')).toThrow(new RegExp(`strategy "every-n" \\(.*every-n\\.ts\\): onMinute threw: helper failed \\(at lib/levels\\.ts:2:\\d+\\)$`));
  });

  it('treats a missing default folder as no strategies and never throws on an unreadable path', async () => {
    const dir = folder({});
    expect(await loadUserStrategies(join(dir, 'absent'))).toEqual({ strategies: [], errors: [], loaded: [] });
    writeFileSync(join(dir, 'plain-file'), 'x');
    const notAFolder = await loadUserStrategies(join(dir, 'plain-file'));
    expect(notAFolder.strategies).toEqual([]);
    expect(notAFolder.errors[0]?.message).toContain('cannot read strategies folder');
  });
});
