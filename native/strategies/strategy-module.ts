// Turns one compiled user-strategy bundle (plain ESM text) into a checked StrategyDefinition.
// Kept free of esbuild so sweep worker threads can run the exact code the CLI already compiled.

import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Strategy, StrategyContext, StrategyDefinition } from '../../core/strategy/types';
import { locateInBundle } from './source-location';

export interface StrategyLoadError {
  /** The user's file, absolute. */
  readonly file: string;
  readonly message: string;
}

export type ModuleResult = { readonly ok: true; readonly definition: StrategyDefinition } | { readonly ok: false; readonly message: string };

export const STRATEGY_ID_PATTERN = /^[a-z0-9-]+$/;

let importCounter = 0;

export function errorMessage(error: unknown): string {
  if (error instanceof Error) return error.message;
  return String(error);
}

/**
 * Problems with a module's export, worded for the trader who wrote it; empty when it is a
 * usable StrategyDefinition. Checked by hand rather than with a zod schema because the user's
 * params schema comes from their own bundled copy of zod, so only its behaviour can be trusted.
 */
export function definitionProblems(value: unknown): string[] {
  if (typeof value !== 'object' || value === null) return [`the export is ${value === null ? 'null' : typeof value}, not a strategy definition object`];
  const d = value as Record<string, unknown>;
  const problems: string[] = [];
  if (typeof d['id'] !== 'string' || !STRATEGY_ID_PATTERN.test(d['id'])) problems.push(`id must be a string of a-z, 0-9 and "-" (found ${JSON.stringify(d['id']) ?? 'undefined'})`);
  if (typeof d['name'] !== 'string' || d['name'].trim() === '') problems.push('name must be a non-empty string');
  if (typeof d['description'] !== 'string') problems.push('description must be a string');
  if (typeof d['historyMinutes'] !== 'number' || !Number.isInteger(d['historyMinutes']) || d['historyMinutes'] <= 0) problems.push(`historyMinutes must be a positive integer (found ${JSON.stringify(d['historyMinutes']) ?? 'undefined'})`);
  if (typeof d['create'] !== 'function') problems.push('create must be a function (params) => Strategy');
  const params = d['params'];
  const safeParse = typeof params === 'object' && params !== null ? (params as Record<string, unknown>)['safeParse'] : undefined;
  if (typeof safeParse !== 'function') problems.push('params must be a zod schema (z.object({...}))');
  else {
    try {
      const r = (safeParse as (v: unknown) => unknown).call(params, {}) as { success?: unknown; error?: { issues?: Array<{ path?: unknown[]; message?: string }> } };
      if (r.success !== true) {
        const issue = r.error?.issues?.[0];
        problems.push(`params must have a default for every field (params.safeParse({}) failed${issue ? ` at ${(issue.path ?? []).join('.') || '(root)'}: ${issue.message ?? ''}` : ''})`);
      }
    } catch (error) {
      problems.push(`params.safeParse({}) threw: ${errorMessage(error)}`);
    }
  }
  return problems;
}

/** Which export holds the definition: the default export, else one named `strategy`. */
export function pickExport(namespace: Record<string, unknown>): unknown {
  if (namespace['default'] !== undefined) return namespace['default'];
  return namespace['strategy'];
}

/**
 * Errors thrown from inside a user strategy are renamed after it, so a failing backtest says
 * which file to fix instead of pointing into a temporary bundle.
 */
function labelled(definition: StrategyDefinition, file: string, locate: (error: unknown) => string): StrategyDefinition {
  const where = `strategy "${definition.id}" (${file})`;
  const wrap = <T>(what: string, fn: () => T): T => {
    try {
      return fn();
    } catch (error) {
      throw new Error(`${where}: ${what} threw: ${errorMessage(error)}${locate(error)}`, { cause: error });
    }
  };
  return {
    id: definition.id,
    name: definition.name,
    description: definition.description,
    params: definition.params,
    historyMinutes: definition.historyMinutes,
    create(params): Strategy {
      const inner = wrap('create', () => definition.create(params));
      if (typeof inner !== 'object' || inner === null || typeof inner.onMinute !== 'function') throw new Error(`${where}: create must return an object with an onMinute(ctx) method`);
      const strategy: Strategy = { onMinute: (ctx: StrategyContext) => wrap('onMinute', () => inner.onMinute(ctx)) };
      const lastSignals = inner.lastSignals;
      return lastSignals ? { ...strategy, lastSignals: () => wrap('lastSignals', () => lastSignals.call(inner)) } : strategy;
    },
  };
}

/**
 * Imports a compiled bundle and checks its export; `map` (its source map) adds the trader's file
 * and line to errors thrown on import or later while running. The code goes through a temporary
 * file with a unique query, so an edited strategy is a new module rather than Node's cached one
 * (the ESM cache cannot be cleared: each reload keeps its old module in memory).
 */
export async function importStrategyModule(code: string, file: string, map?: string): Promise<ModuleResult> {
  const dir = mkdtempSync(join(tmpdir(), 'auctioneer-strategy-'));
  try {
    const out = join(dir, 'strategy.mjs');
    writeFileSync(out, code);
    const query = `?v=${Date.now()}-${++importCounter}`;
    const url = `${pathToFileURL(out).href}${query}`;
    const locate = (error: unknown): string => {
      // Stack frames name the bundle as a URL (Node) or a path (test runners): match the unique tail.
      const at = locateInBundle(error, `strategy.mjs${query}`, map);
      return at ? ` (at ${at})` : '';
    };
    let namespace: Record<string, unknown>;
    try {
      namespace = (await import(/* @vite-ignore */ url)) as Record<string, unknown>;
    } catch (error) {
      return { ok: false, message: `failed on import: ${errorMessage(error)}${locate(error)}` };
    }
    const exported = pickExport(namespace);
    if (exported === undefined) return { ok: false, message: 'no strategy exported: use `export default { id, name, ... }` or `export const strategy = ...`' };
    const problems = definitionProblems(exported);
    if (problems.length > 0) return { ok: false, message: `not a strategy definition: ${problems.join('; ')}` };
    return { ok: true, definition: labelled(exported as StrategyDefinition, file, locate) };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
