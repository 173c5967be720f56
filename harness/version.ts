/** replbench's own version and install folder, read from its package.json. */
import { readFileSync, existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

function findRoot(): string {
  let dir = path.dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const pkg = path.join(dir, 'package.json');
    if (existsSync(pkg) && JSON.parse(readFileSync(pkg, 'utf8')).name === 'replbench') return dir;
    const up = path.dirname(dir);
    if (up === dir) throw new Error('cannot find replbench package.json');
    dir = up;
  }
}

/** The folder replbench is installed in (holds package.json and suites/). */
export const PACKAGE_ROOT = findRoot();

/** replbench's version. */
export const VERSION: string = JSON.parse(readFileSync(path.join(PACKAGE_ROOT, 'package.json'), 'utf8')).version;
