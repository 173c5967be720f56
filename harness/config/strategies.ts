/**
 * Finds a replication strategy: a built-in by name, or a user's module by file path. Suite
 * expansion loads users' modules through the isolated loader (strategy-loader.ts); a case's
 * worker imports the module itself (`importStrategyFile`) when it runs.
 */
import { access } from 'node:fs/promises';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { ClusterShape, StrategyDefinition } from '../runtime/contract.js';
import { builtinStrategies } from '../../strategies/replication/registry.js';
import { didYouMean } from './suggest.js';
import { checkStrategyParams, type ParamCheck, type StrategyLoader } from './strategy-loader.js';

/** A strategy as suite expansion sees it: its name, where it lives, and its parameter checks. */
export interface ResolvedStrategy {
  readonly name: string;
  /** Absolute path of a user's module (undefined for built-ins). */
  readonly file?: string;
  /** sha256 of every file a user's module loaded, by absolute path (empty for built-ins). */
  readonly files: Readonly<Record<string, string>>;
  /** Validates parameters against a cluster (in the module's worker for a user's module). */
  check(params: Record<string, unknown>, cluster: ClusterShape): Promise<ParamCheck>;
}

const cache = new Map<string, Promise<StrategyDefinition<any>>>();

function isDefinition(x: unknown): x is StrategyDefinition<any> {
  return !!x && typeof x === 'object' && typeof (x as StrategyDefinition).name === 'string' && typeof (x as StrategyDefinition).create === 'function';
}

/** Imports a user's strategy module in this thread (its default export, or a `strategy` export): for case workers, after the loader has vetted it. */
export async function importStrategyFile(file: string): Promise<StrategyDefinition<any>> {
  let p = cache.get(file);
  if (!p) {
    p = (async () => {
      try {
        await access(file);
      } catch {
        throw new Error(`cannot read strategy file ${file}`);
      }
      let mod: Record<string, unknown>;
      try {
        mod = (await import(pathToFileURL(file).href)) as Record<string, unknown>;
      } catch (err) {
        throw new Error(`cannot load strategy file ${file}: ${(err as Error).message.split('\n')[0]}`);
      }
      const def = mod.default ?? mod.strategy;
      if (!isDefinition(def)) throw new Error(`${file} must export a strategy (default export or \`strategy\`) with a name and a create(ctx, params) function`);
      return def;
    })();
    cache.set(file, p);
  }
  return p;
}

/** Resolves `name` to a built-in, or `file` (relative to baseDir) to a user's module loaded by `loader`. */
export async function loadStrategy(name: string | undefined, file: string | undefined, baseDir: string, loader: StrategyLoader): Promise<ResolvedStrategy> {
  if (file !== undefined) {
    const abs = path.resolve(baseDir, file);
    try {
      await access(abs);
    } catch {
      throw new Error(`cannot read strategy file ${abs}`);
    }
    const m = await loader.load(abs);
    return { name: m.name, file: abs, files: m.files, check: (p, c) => m.check(p, c) };
  }
  const def = builtinStrategies.get(name!);
  if (!def) throw new Error(`unknown strategy "${name}"${didYouMean(String(name), builtinStrategies.keys())} (built-in: ${[...builtinStrategies.keys()].join(', ')}; or give { path: ./my-strategy.js })`);
  return resolvedDefinition(def);
}

/** A strategy definition at hand (a built-in, or one a program or test supplies), resolved as suite expansion needs it. */
export function resolvedDefinition(def: StrategyDefinition<any>): ResolvedStrategy {
  return { name: def.name, files: {}, check: async (p, c) => checkStrategyParams(def, p, c) };
}
