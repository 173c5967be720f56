/**
 * MariaDB semi-sync (rpl_semi_sync_master_timeout 200 ms): while both replicas are stopped, the
 * first write waits out the timeout, the primary turns semi-sync off and commits without any
 * replica's acknowledgement: the writes go on, and each one is counted as a semi-sync fallback
 * (Rpl_semi_sync_master_no_tx). The same cluster without the fault counts none, and its writes
 * wait for a replica (one replication round trip). Skipped, with a message, where mariadbd is not
 * installed.
 */
import { describe, expect, it } from 'vitest';
import { mariadbBackend } from '../harness/real/mariadb/backend.js';
import { okMetrics, runReal } from './helpers/real.js';

const missing = await mariadbBackend.unavailable();
if (missing) console.log(`skipping the MariaDB semi-sync test: ${missing}`);

describe.skipIf(missing !== null)('mariadb semi-sync', () => {
  it('falls back to async after its timeout when the replicas are stopped, and counts the fallbacks', async () => {
    const results = await runReal({
      name: 'mariadb-semisync-fallback',
      duration: '3s',
      warmup: '300ms',
      cluster: { nodes: 3 },
      network: { nodeToNode: '1ms', clientToNode: 0 },
      workload: { records: 100, readProportion: 0.2, updateProportion: 0.8, keys: 'uniform', reads: 'leader', timeout: '2s', clients: { model: 'closed', count: 4 } },
      backend: { kind: 'mariadb', mode: 'semisync', semisyncTimeout: '200ms', waitPoint: 'AFTER_SYNC' },
      matrix: {
        faults: [
          [],
          // Both replicas stop at 1 s and stay down until the case ends.
          [
            { kind: 'crash', node: 1, at: '1s' },
            { kind: 'crash', node: 2, at: '1s' },
          ],
        ],
      },
    });
    const healthy = okMetrics(results[0]);
    const down = okMetrics(results[1]);
    const after = down.faults.windows[0]!;
    console.log(`healthy: ${healthy.ops.write.count} writes (p50 ${(healthy.ops.write.latency.p50 / 1000).toFixed(2)} ms), fallbacks ${healthy.counters.fallbacks}, acked ${healthy.counters.semisync_acked}; replicas down: ${down.ops.write.count} writes, ${after.writesOk} in the 2 s after the stop, fallbacks ${down.counters.fallbacks}, semi-sync turned off ${down.counters.semisync_off}×, write max ${(down.ops.write.latency.max / 1000).toFixed(0)} ms`);
    // Without the fault every write waited for a replica's acknowledgement.
    expect(healthy.counters.fallbacks).toBe(0);
    expect(healthy.counters.semisync_acked).toBeGreaterThan(100);
    expect(healthy.ops.write.latency.p50).toBeGreaterThan(2000); // 2 × 1 ms through the relay
    // With both replicas stopped the primary turned semi-sync off after the timeout and went on.
    expect(down.counters.semisync_off).toBeGreaterThanOrEqual(1);
    expect(down.counters.fallbacks).toBeGreaterThan(100);
    expect(after.writesOk).toBeGreaterThan(100);
    expect(down.ops.write.failed).toBe(0);
    // The writes that hit the stop waited out the 200 ms timeout (and not the 2 s client timeout).
    expect(down.ops.write.latency.max).toBeGreaterThan(190_000);
    expect(down.ops.write.latency.max).toBeLessThan(1_500_000);
  });
});
