/**
 * Which suite an output folder belongs to: read from its results.json or its journal's header.
 * A run (or merge, or report) into a folder that holds another suite's results is refused unless
 * forced, so that two suites never overwrite each other's results.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { InputError } from './config/errors.js';
import { JOURNAL_FILE } from './journal.js';

/** A suite as an output folder records it: its name and the file it came from. */
export interface OutputOwner {
  readonly name: string;
  /** The suite file as shown in results (relative to the working folder when below it); absent in journals of older versions. */
  readonly source?: string;
}

async function readText(file: string): Promise<string | undefined> {
  try {
    return await readFile(file, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT' || (err as NodeJS.ErrnoException).code === 'ENOTDIR') return undefined;
    throw err;
  }
}

function ownerOf(value: unknown): OutputOwner | undefined {
  if (!value || typeof value !== 'object') return undefined;
  const v = value as { type?: unknown; suite?: unknown; source?: unknown };
  // results.json: { suite: { name, source } }; journal header: { type: 'header', suite: <name>, source }.
  if (v.type === 'header' && typeof v.suite === 'string') return { name: v.suite, ...(typeof v.source === 'string' ? { source: v.source } : {}) };
  const s = v.suite as { name?: unknown; source?: unknown } | undefined;
  if (s && typeof s === 'object' && typeof s.name === 'string') return { name: s.name, ...(typeof s.source === 'string' ? { source: s.source } : {}) };
  return undefined;
}

/**
 * The suites whose results `dir` holds, by file (results.json, journal.jsonl); a file that exists
 * but names no suite is reported with `owner` undefined. A missing folder holds nothing.
 */
export async function outputOwners(dir: string): Promise<{ file: string; owner: OutputOwner | undefined }[]> {
  const found: { file: string; owner: OutputOwner | undefined }[] = [];
  const results = await readText(path.join(dir, 'results.json'));
  if (results !== undefined) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(results);
    } catch {
      parsed = undefined;
    }
    found.push({ file: 'results.json', owner: ownerOf(parsed) });
  }
  const journal = await readText(path.join(dir, JOURNAL_FILE));
  if (journal !== undefined && journal.trim()) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(journal.slice(0, journal.indexOf('\n') >= 0 ? journal.indexOf('\n') : undefined));
    } catch {
      parsed = undefined;
    }
    found.push({ file: JOURNAL_FILE, owner: ownerOf(parsed) });
  }
  return found;
}

/** A single-quoted argument as the CLI records it (`'it'\''s'`), or a bare one. */
const ARGUMENT = /'(?:[^']|'\\'')*'|[^\s']+/g;

/**
 * A recorded source without its `-p key=value` overrides. A `--ycsb` or `-p` run records the
 * arguments that select it (`suite.yaml --ycsb workloada -p operationcount=1000`); the overrides
 * change its parameters, not which suite it is (as --seed does, or editing the suite file).
 */
export function withoutOverrides(source: string): string {
  if (!/(?:^| )-p /.test(source)) return source;
  const args = source.match(ARGUMENT) ?? [];
  const kept: string[] = [];
  for (let i = 0; i < args.length; i++) {
    if (args[i] === '-p') i++;
    else kept.push(args[i]!);
  }
  return kept.join(' ');
}

/** Whether two recorded sources name the same suite (file, and --ycsb workloads if any; each as shown relative to the working folder, or absolute). */
function sameSource(a: string | undefined, b: string | undefined): boolean {
  return a === undefined || b === undefined || path.resolve(withoutOverrides(a)) === path.resolve(withoutOverrides(b));
}

function describe(o: OutputOwner): string {
  return `suite "${o.name}"${o.source !== undefined ? ` from ${o.source}` : ''}`;
}

/**
 * Refuses (bad input naming `flag`) to write `owner`'s results into `dir` when `dir` already holds
 * the results of another suite (another name, or the same name from another file or other --ycsb
 * arguments; -p overrides do not make another suite) or results
 * whose suite cannot be told, unless `force`. The same suite's own folder is fine (its results are replaced).
 */
export async function checkOutputOwner(dir: string, owner: OutputOwner, force: boolean, flag = '--out'): Promise<void> {
  if (force) return;
  for (const { file, owner: other } of await outputOwners(dir)) {
    if (!other) {
      throw new InputError([{ path: flag, message: `${dir} holds a ${file} that names no suite (not replbench results, or corrupt); choose another folder, or add --force to write into it anyway` }]);
    }
    if (other.name !== owner.name || !sameSource(other.source, owner.source)) {
      throw new InputError([{ path: flag, message: `${dir} holds the results of another ${describe(other)} (its ${file}); this is ${describe(owner)}. Choose another folder, or add --force to replace them` }]);
    }
  }
}
