/**
 * Open-loop pacing against a real database keeps latency from each operation's intended start:
 * with one connection and arrivals faster than it can serve, operations queue for the connection,
 * and that wait is part of their latency (no coordinated omission), while their service time
 * (sent → answered) stays small. The run is reported saturated, with the waits counted.
 */
import { describe, expect, it } from 'vitest';
import { okMetrics, runReal } from './helpers/real.js';

describe('real-backend latency', () => {
  it('counts from the intended start when operations wait for a connection', async () => {
    const [r] = await runReal({
      name: 'intended-start',
      duration: '2s',
      // No warm-up: operations complete in arrival order through the one connection, so on a slow
      // machine every completion of the run can belong to operations intended during a warm-up.
      cluster: { nodes: 2, replicationFactor: 2 },
      // Every write waits for the standby, 2 × 2 ms away: at most about 250 writes/s on one connection.
      network: { nodeToNode: '2ms', clientToNode: 0 },
      workload: { records: 100, updateProportion: 1, readProportion: 0, clients: { model: 'open', rate: 1000, arrival: 'constant' } },
      backend: { kind: 'postgres', mode: 'sync', acks: 1, pool: 1 },
    });
    const m = okMetrics(r);
    const w = m.ops.write;
    console.log(`offered ${m.offered.toFixed(0)}/s, achieved ${m.throughput.toFixed(0)}/s; write latency p50 ${(w.latency.p50 / 1000).toFixed(1)} ms against service time p50 ${(w.serviceTime.p50 / 1000).toFixed(1)} ms; ${m.real.clients.waited} waited for the connection`);
    expect(m.saturated).toBe(true);
    expect(m.throughput).toBeLessThan(0.6 * m.offered);
    expect(m.real.clients.waited).toBeGreaterThan(100);
    // Enough completions for a median; a loaded 2-core machine has served as few as 50/s here.
    expect(w.count).toBeGreaterThan(20);
    // Queued for hundreds of ms on average, served in a few: latency is mostly the wait.
    expect(w.serviceTime.p50).toBeGreaterThanOrEqual(4000); // both 2 ms hops of the synchronous round trip
    expect(w.latency.p50).toBeGreaterThan(10 * w.serviceTime.p50);
  });
});
