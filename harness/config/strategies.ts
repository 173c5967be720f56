/** Finds a replication strategy: a built-in by name, or a user's module by file path. */
import { access } from 'node:fs/promises';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { StrategyDefinition } from '../runtime/contract.js';
import { builtinStrategies } from '../../strategies/replication/registry.js';
import { didYouMean } from './suggest.js';

/** A strategy and, for a user's module, its absolute file path. */
export interface LoadedStrategy {
  readonly definition: StrategyDefinition<any>;
  readonly file?: string;
}

const cache = new Map<string, Promise<StrategyDefinition<any>>>();

function isDefinition(x: unknown): x is StrategyDefinition<any> {
  return !!x && typeof x === 'object' && typeof (x as StrategyDefinition).name === 'string' && typeof (x as StrategyDefinition).create === 'function';
}

/** Imports a user's strategy module (its default export, or a `strategy` export). */
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

/** Resolves `name` to a built-in or `file` (relative to baseDir) to a user module. */
export async function loadStrategy(name: string | undefined, file: string | undefined, baseDir: string): Promise<LoadedStrategy> {
  if (file !== undefined) {
    const abs = path.resolve(baseDir, file);
    return { definition: await importStrategyFile(abs), file: abs };
  }
  const def = builtinStrategies.get(name!);
  if (!def) throw new Error(`unknown strategy "${name}"${didYouMean(String(name), builtinStrategies.keys())} (built-in: ${[...builtinStrategies.keys()].join(', ')}; or give { path: ./my-strategy.js })`);
  return { definition: def };
}
