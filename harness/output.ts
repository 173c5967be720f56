/**
 * Writing results: every file goes through a temporary file and a rename inside the output
 * folder, so a crash leaves the previous file or the new one, never a truncated one; and no
 * name may escape the output folder.
 */
import { mkdir, open, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { InputError } from './config/errors.js';

/** Resolves `name` inside `dir`, refusing anything that would land outside it. */
export function insideDir(dir: string, name: string): string {
  const root = path.resolve(dir);
  const target = path.resolve(root, name);
  if (target !== root && !target.startsWith(root + path.sep)) throw new Error(`refusing to write ${name}: outside the output folder ${root}`);
  return target;
}

/** Creates the output folder and checks that it is writable (before any case runs). */
export async function prepareOutputDir(dir: string): Promise<void> {
  try {
    await mkdir(dir, { recursive: true });
    const probe = insideDir(dir, `.replbench-write-test-${process.pid}`);
    await writeFile(probe, '');
    await rm(probe);
  } catch (err) {
    throw new InputError([{ path: '--out', message: `output folder ${dir} is not writable: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}` }]);
  }
}

/** Writes `content` to `dir/name` atomically (temporary file, fsync, rename). */
export async function writeAtomic(dir: string, name: string, content: string): Promise<string> {
  const target = insideDir(dir, name);
  await mkdir(path.dirname(target), { recursive: true });
  const tmp = `${target}.tmp-${process.pid}`;
  const fh = await open(tmp, 'w');
  try {
    await fh.writeFile(content);
    await fh.sync();
  } finally {
    await fh.close();
  }
  await rename(tmp, target);
  return target;
}
