/**
 * Writing results: every file goes through a temporary file and a rename inside the output
 * folder, so a crash leaves the previous file or the new one, never a truncated one; and no
 * name may escape the output folder. Preparing a folder creates it (failing at once where that
 * is impossible) and removes temporary files that interrupted writes left behind.
 */
import { mkdir, open, readdir, rename, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { InputError } from './config/errors.js';

/** Resolves `name` inside `dir`, refusing anything that would land outside it. */
export function insideDir(dir: string, name: string): string {
  const root = path.resolve(dir);
  const target = path.resolve(root, name);
  if (target !== root && !target.startsWith(root + path.sep)) throw new Error(`refusing to write ${name}: outside the output folder ${root}`);
  return target;
}

function errnoError(code: string, message: string): NodeJS.ErrnoException {
  return Object.assign(new Error(`${code}: ${message}`), { code });
}

/**
 * Creates `dir` and its missing parents, one level at a time. Node's own recursive mkdir never
 * returns where a folder cannot be created although its parent exists (for example under /proc,
 * where mkdir answers ENOENT: it retries the parent, finds it, and tries again forever); here every
 * level is created once and any failure is final.
 */
export async function makeDir(dir: string): Promise<void> {
  const missing: string[] = [];
  for (let p = path.resolve(dir); ; p = path.dirname(p)) {
    try {
      if ((await stat(p)).isDirectory()) break;
      throw errnoError('ENOTDIR', `${p} is not a folder`);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
      missing.push(p);
      if (path.dirname(p) === p) break;
    }
  }
  for (const p of missing.reverse()) {
    try {
      await mkdir(p);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST' || !(await stat(p)).isDirectory()) throw err;
    }
  }
}

/** Suffix of the temporary file `writeAtomic` writes before renaming it: `.tmp-<pid>`. */
const TEMP_SUFFIX = /\.tmp-(\d+)$/;
/** The write probe `prepareOutputDir` creates and removes. */
const PROBE = /^\.replbench-write-test-(\d+)$/;

/** Whether a process with this id is running (a process of another user counts as running). */
export function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Removes the temporary files of interrupted writes (`<name>.tmp-<pid>`, and write probes) in
 * `dir` and `dir/charts` whose process is no longer running; another live process's files are left
 * alone (it may be writing right now). Call it before this process writes into `dir`: files under
 * this process's own id are then leftovers of an earlier process that had the same id (containers
 * reuse ids) and are removed too. Returns the paths removed.
 */
export async function removeStaleTempFiles(dir: string): Promise<string[]> {
  const removed: string[] = [];
  for (const folder of [dir, path.join(dir, 'charts')]) {
    let names: string[];
    try {
      names = await readdir(folder);
    } catch {
      continue;
    }
    for (const name of names) {
      const m = TEMP_SUFFIX.exec(name) ?? PROBE.exec(name);
      const pid = Number(m?.[1]);
      if (!m || (pid !== process.pid && processAlive(pid))) continue;
      const file = path.join(folder, name);
      if (!(await stat(file)).isFile()) continue;
      await rm(file, { force: true });
      removed.push(file);
    }
  }
  return removed;
}

/** Turns a file-system error into bad input naming `flag` (exit code 2). */
function outputError(flag: string, dir: string, err: unknown): InputError {
  const e = err as NodeJS.ErrnoException;
  const why = e.code === 'ENOENT' ? 'ENOENT (a folder cannot be created there)' : e.code === 'ENOTDIR' ? 'ENOTDIR (part of the path is a file, not a folder)' : (e.code ?? e.message);
  return new InputError([{ path: flag, message: `output folder ${dir} cannot be created or written: ${why}` }]);
}

/**
 * Creates the output folder and checks that it is writable (before any case runs), then removes
 * stale temporary files of interrupted writes. Any failure is bad input naming `flag`.
 */
export async function prepareOutputDir(dir: string, flag = '--out'): Promise<void> {
  try {
    await makeDir(dir);
    const probe = insideDir(dir, `.replbench-write-test-${process.pid}`);
    await writeFile(probe, '');
    await rm(probe);
  } catch (err) {
    throw outputError(flag, dir, err);
  }
  await removeStaleTempFiles(dir);
}

/** Writes `content` to `dir/name` atomically (temporary file, fsync, rename). */
export async function writeAtomic(dir: string, name: string, content: string): Promise<string> {
  const target = insideDir(dir, name);
  await makeDir(path.dirname(target));
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
