// Traders' own strategies: every .ts/.mts/.js/.mjs file at the top of a folder (by default
// <app data folder>/strategies), compiled with esbuild and imported fresh on every load.
//
// How a strategy file is built: bundled (its relative imports and npm packages inlined) for Node
// as ESM, so it may import its own helper files and zod. zod is bundled too, from the folder's own
// node_modules if it has one, else from the app's: the strategy works whether or not the trader
// ran npm in that folder, and resolveRun only calls the schema's methods, so a second zod copy
// is harmless. Files whose name starts with "_" or "." and .d.ts files are helpers, not loaded
// as strategies (helpers may also live in sub-folders, which are never scanned).

import type { BuildFailure, Message } from 'esbuild';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, extname, join, resolve } from 'node:path';
import { BUILT_IN_STRATEGIES } from '../../core/strategy/registry';
import type { StrategyDefinition } from '../../core/strategy/types';
import { defaultDataDir } from '../store/default-path';
import { errorMessage, importStrategyModule, type StrategyLoadError } from './strategy-module';

export type { StrategyLoadError } from './strategy-module';

export const STRATEGY_EXTENSIONS: readonly string[] = ['.ts', '.mts', '.js', '.mjs'];

export interface UserStrategy {
  readonly definition: StrategyDefinition;
  /** The user's file, absolute. */
  readonly file: string;
  /** The compiled bundle, so worker threads can run this very version without esbuild. */
  readonly code: string;
  /** Its source map, for the file and line of errors thrown inside it. */
  readonly map?: string;
}

export interface UserStrategies {
  readonly strategies: StrategyDefinition[];
  readonly errors: StrategyLoadError[];
  /** The same strategies with their files and compiled code. */
  readonly loaded: UserStrategy[];
}

export interface LoadOptions {
  /** Report a missing folder as an error (a folder the user named) rather than as no strategies. */
  readonly mustExist?: boolean;
  /** Ids already taken; defaults to the built-in strategies'. */
  readonly reservedIds?: readonly string[];
}

export function defaultStrategiesDir(): string {
  return join(defaultDataDir(), 'strategies');
}

/** The app's node_modules, where a strategy folder without its own finds zod. */
function appNodeModules(): string[] {
  try {
    return [dirname(dirname(createRequire(import.meta.url).resolve('zod/package.json')))];
  } catch {
    return [];
  }
}

function formatMessage(m: Message): string {
  const loc = m.location;
  return loc ? `${loc.file}:${loc.line}:${loc.column + 1}: ${m.text}` : m.text;
}

function isBuildFailure(error: unknown): error is BuildFailure {
  return error instanceof Error && Array.isArray((error as Partial<BuildFailure>).errors);
}

export type CompileResult = { readonly ok: true; readonly code: string; readonly map?: string } | { readonly ok: false; readonly message: string };

/** One strategy file to a self-contained ESM bundle; esbuild's errors with file:line:column. */
export async function compileStrategyFile(file: string): Promise<CompileResult> {
  try {
    // Loaded on first use: commands that never touch user strategies do not pay for esbuild.
    const { build } = await import('esbuild');
    const result = await build({
      entryPoints: [file],
      absWorkingDir: dirname(file),
      bundle: true,
      platform: 'node',
      format: 'esm',
      target: 'node20',
      write: false,
      // Never written: it only names the bundle, so the source map's paths are relative to the folder.
      outfile: join(dirname(file), '.auctioneer-bundle.mjs'),
      sourcemap: 'external',
      sourcesContent: false,
      logLevel: 'silent',
      nodePaths: appNodeModules(),
      // Traders' tsconfig files are not ours to honour; a stray one must not change the build.
      tsconfigRaw: {},
    });
    const out = result.outputFiles.find((f) => f.path.endsWith('.mjs'));
    const map = result.outputFiles.find((f) => f.path.endsWith('.map'));
    if (!out) return { ok: false, message: 'esbuild produced no output' };
    return { ok: true, code: out.text, ...(map ? { map: map.text } : {}) };
  } catch (error) {
    if (isBuildFailure(error) && error.errors.length > 0) return { ok: false, message: `does not compile: ${error.errors.map(formatMessage).join('\n')}` };
    return { ok: false, message: `does not compile: ${errorMessage(error)}` };
  }
}

/** A dangling symlink is simply not a strategy file. */
function isFile(path: string): boolean {
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
}

/** The strategy files of a folder, sorted so loads and messages come in a stable order. */
export function strategyFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true })
    .filter((e) => e.isFile() || (e.isSymbolicLink() && isFile(join(dir, e.name))))
    .map((e) => e.name)
    .filter((n) => STRATEGY_EXTENSIONS.includes(extname(n)) && !n.startsWith('_') && !n.startsWith('.') && !/\.d\.m?ts$/.test(n))
    .sort()
    .map((n) => join(dir, n));
}

/** Never throws: every problem is one {file, message} entry and the good files still load. */
export async function loadUserStrategies(dir: string = defaultStrategiesDir(), options: LoadOptions = {}): Promise<UserStrategies> {
  const folder = resolve(dir);
  const errors: StrategyLoadError[] = [];
  const candidates: UserStrategy[] = [];
  let files: string[];
  try {
    if (!existsSync(folder)) {
      if (options.mustExist) errors.push({ file: folder, message: 'strategies folder does not exist' });
      return { strategies: [], errors, loaded: [] };
    }
    files = strategyFiles(folder);
  } catch (error) {
    errors.push({ file: folder, message: `cannot read strategies folder: ${errorMessage(error)}` });
    return { strategies: [], errors, loaded: [] };
  }

  // esbuild compiles in parallel; imports stay one at a time so top-level side effects keep file order.
  const compiledFiles = await Promise.all(files.map(async (file) => ({ file, compiled: await compileStrategyFile(file) })));
  for (const { file, compiled } of compiledFiles) {
    try {
      if (!compiled.ok) {
        errors.push({ file, message: compiled.message });
        continue;
      }
      const mod = await importStrategyModule(compiled.code, file, compiled.map);
      if (!mod.ok) errors.push({ file, message: mod.message });
      else candidates.push({ definition: mod.definition, file, code: compiled.code, ...(compiled.map !== undefined ? { map: compiled.map } : {}) });
    } catch (error) {
      // Belt and braces: the steps above report their own failures.
      errors.push({ file, message: errorMessage(error) });
    }
  }

  // A clash is refused on every side: picking a winner by file name would silently run the wrong one.
  const reserved = new Set(options.reservedIds ?? BUILT_IN_STRATEGIES.map((s) => s.id));
  const byId = new Map<string, UserStrategy[]>();
  for (const c of candidates) byId.set(c.definition.id, [...(byId.get(c.definition.id) ?? []), c]);
  const loaded: UserStrategy[] = [];
  for (const c of candidates) {
    const id = c.definition.id;
    const same = byId.get(id) ?? [];
    if (reserved.has(id)) errors.push({ file: c.file, message: `id "${id}" is already used by a built-in strategy: choose another id` });
    else if (same.length > 1) errors.push({ file: c.file, message: `id "${id}" is also defined by ${same.filter((o) => o !== c).map((o) => o.file).join(', ')}: ids must be unique` });
    else loaded.push(c);
  }
  errors.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
  return { strategies: loaded.map((l) => l.definition), errors, loaded };
}
