/** The Redis backend: a master and replicas from the system's redis-server (when it is installed). */
import type { RealBackendModule } from '../backend.js';
import { findExecutable } from '../executables.js';
import { startRedis } from './cluster.js';

/** Redis, from the system's packages (`apt-get install redis-server`). */
export const redisBackend: RealBackendModule = {
  kind: 'redis',
  // Redis executes commands on one thread.
  serviceWorkers: () => 1,
  async unavailable() {
    return findExecutable('redis-server') ? null : 'redis-server is not installed (Debian: apt-get install redis-server)';
  },
  start({ config, backend, folder, log }) {
    if (backend.kind !== 'redis') throw new Error(`not a redis backend: ${backend.kind}`);
    const bin = findExecutable('redis-server');
    if (!bin) throw new Error('redis-server is not installed (Debian: apt-get install redis-server)');
    return startRedis(bin, config, backend, folder, log);
  },
};
