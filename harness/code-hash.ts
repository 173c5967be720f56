/**
 * A hash of replbench's own simulation code (harness, strategies, workloads) as it is running:
 * the compiled JavaScript under dist/, or the TypeScript sources when run from them. Results
 * record it so that `compare` can say when the code under test differs and `--resume` can refuse
 * to mix two versions in one result set.
 */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The folders whose code produces the results. */
const CODE_DIRS = ['harness', 'strategies', 'workloads'];

let cached: string | undefined;

function walk(dir: string, ext: string, out: string[]): void {
  let entries;
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch {
    return;
  }
  for (const e of entries) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) walk(p, ext, out);
    else if (e.name.endsWith(ext) && !e.name.endsWith('.d.ts')) out.push(p);
  }
}

/** sha256 (hex) over the path and content of every code file, in path order. */
export function codeHash(): string {
  if (cached) return cached;
  const here = path.dirname(fileURLToPath(import.meta.url));
  const ext = path.extname(fileURLToPath(import.meta.url));
  const root = path.dirname(here);
  const files: string[] = [];
  for (const d of CODE_DIRS) walk(path.join(root, d), ext, files);
  const h = createHash('sha256');
  for (const f of files.map((f) => path.relative(root, f).split(path.sep).join('/')).sort()) h.update(`${f}\0`).update(readFileSync(path.join(root, f))).update('\0');
  cached = h.digest('hex');
  return cached;
}
