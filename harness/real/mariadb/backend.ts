/** placeholder */
import type { RealBackendModule } from '../backend.js';
export const mariadbBackend: RealBackendModule = { kind: 'mariadb', serviceWorkers: () => 2, unavailable: async () => 'not built', start: () => { throw new Error('not built'); } };
