/** The PostgreSQL backend: a managed primary with streaming standbys, or an existing cluster. */
import { availableParallelism } from 'node:os';
import type { RealBackendModule } from '../backend.js';
import { findBinaries } from './binaries.js';
import { connectExisting, startPostgres } from './cluster.js';

/** PostgreSQL, from the npm package's binaries (always available on linux x64). */
export const postgresBackend: RealBackendModule = {
  kind: 'postgres',
  serviceWorkers: () => availableParallelism(),
  async unavailable() {
    const bin = await findBinaries();
    return typeof bin === 'string' ? bin : null;
  },
  start({ config, backend, folder, log }) {
    if (backend.kind !== 'postgres') throw new Error(`not a postgres backend: ${backend.kind}`);
    return backend.connection ? connectExisting(config, backend, folder) : startPostgres(config, backend, folder, log);
  },
};
