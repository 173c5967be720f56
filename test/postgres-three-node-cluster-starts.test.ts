/**
 * A PostgreSQL primary and two streaming standbys start from the run's initdb template (cold
 * copies, no pg_basebackup): a write committed with remote_apply on the primary is readable on
 * both standbys. The start-up times are printed (the issue's target is under 3 s for a 3-node
 * cluster on the project's machine), not asserted: speed is not a unit-test property.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { RunFolder } from '../harness/real/processes.js';
import { startPostgres } from '../harness/real/postgres/cluster.js';
import type { CaseConfig } from '../harness/config/schema.js';
import type { PostgresBackendConfig } from '../harness/config/backend.js';
import { processesUnder } from './helpers/real.js';

const folder = RunFolder.create();
afterAll(() => folder.close());

const config = { seed: 1, network: { nodeToNode: { dist: 'constant', value: 200 }, clientToNode: { dist: 'constant', value: 0 } } } as unknown as CaseConfig;
const backend: PostgresBackendConfig = { kind: 'postgres', standbys: 2, mode: 'sync', acks: 2, synchronousCommit: 'remote_apply', pool: 4, relayClients: true, lagProbe: 50_000, connection: null };

describe('a 3-node PostgreSQL cluster', () => {
  it('starts, replicates a write to both standbys, and stops', async () => {
    const times: number[] = [];
    for (let run = 0; run < 2; run++) {
      const t0 = performance.now();
      const cluster = await startPostgres(config, backend, folder);
      times.push(performance.now() - t0);
      try {
        expect(cluster.nodes).toBe(3);
        await cluster.load(10, 8);
        const primary = await cluster.connect(0);
        expect(await primary.write(3, 42, 16, false)).toEqual({ version: 1, fallback: false });
        for (const node of [1, 2]) {
          const s = await cluster.connect(node);
          expect(await s.read(3)).toEqual({ writeId: 42, version: 1, bytes: 16 });
          await s.close();
        }
        await primary.close();
      } finally {
        const report = await cluster.close();
        if (run === 0) console.log(`start-up parts (ms): ${Object.entries(report.startup).map(([k, v]) => `${k} ${v.toFixed(0)}`).join(', ')}`);
      }
    }
    console.log(`3-node cluster up in ${times[0]!.toFixed(0)} ms with the run's initdb template, ${times[1]!.toFixed(0)} ms reusing it`);
    expect(processesUnder(folder.dir)).toEqual([]);
  });
});
