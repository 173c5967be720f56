/** The MariaDB backend: a primary and replicas from the system's mariadbd (when it is installed). */
import { availableParallelism } from 'node:os';
import type { RealBackendModule } from '../backend.js';
import { findExecutable } from '../executables.js';
import { startMariadb, type MariadbBinaries } from './cluster.js';

const HOW = 'Debian: apt-get install mariadb-server';

/** mariadbd and mariadb-install-db, or why MariaDB cannot run here. */
function binaries(): MariadbBinaries | string {
  const mariadbd = findExecutable('mariadbd');
  const installDb = findExecutable('mariadb-install-db');
  if (!mariadbd) return `mariadbd is not installed (${HOW})`;
  if (!installDb) return `mariadb-install-db is not installed (${HOW})`;
  return { mariadbd, installDb };
}

/** MariaDB, from the system's packages (`apt-get install mariadb-server`). */
export const mariadbBackend: RealBackendModule = {
  kind: 'mariadb',
  serviceWorkers: () => availableParallelism(),
  async unavailable() {
    const b = binaries();
    return typeof b === 'string' ? b : null;
  },
  start({ config, backend, folder, log }) {
    if (backend.kind !== 'mariadb') throw new Error(`not a mariadb backend: ${backend.kind}`);
    const b = binaries();
    if (typeof b === 'string') throw new Error(b);
    return startMariadb(b, config, backend, folder, log);
  },
};
