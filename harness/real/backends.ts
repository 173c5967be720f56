/** The real backends by kind. A new backend is one module (harness/real/<kind>/) plus one line here and its schema in config/backend.ts. */
import type { RealBackendModule } from './backend.js';

/** Loads the module of backend `kind` (lazily: a simulated run never loads a database client). */
export async function backendModule(kind: string): Promise<RealBackendModule> {
  switch (kind) {
    case 'postgres':
      return (await import('./postgres/backend.js')).postgresBackend;
    case 'redis':
      return (await import('./redis/backend.js')).redisBackend;
    case 'mariadb':
      return (await import('./mariadb/backend.js')).mariadbBackend;
    default:
      throw new Error(`unknown backend ${kind}`);
  }
}
