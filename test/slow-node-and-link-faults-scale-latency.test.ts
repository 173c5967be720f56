/**
 * `slow` faults: a slow node multiplies its service times by the factor, a slow link multiplies
 * the latency of every message across it (both directions) by the factor — for the fault's
 * window only.
 *
 * Deterministic set-up: constant latencies and service times and one closed-loop client (no
 * queueing), so a write's latency is a sum of known terms and the per-second mean write latency
 * must equal it (to float rounding). 3 nodes, one partition, RF 3; client link 100 µs each way,
 * node↔node 1 ms one way, 500 µs per write at the leader, 20 µs per apply. The fault lasts from
 * 2 s to 4 s (warm-up 1 s: time-series seconds 1 and 2).
 */
import { describe, expect, it } from 'vitest';
import { runOne } from './support/run-suite.js';

const suite = (strategy: unknown, fault: Record<string, unknown>) => ({
  name: 'slow-faults',
  seed: 5,
  duration: '6s',
  warmup: '1s',
  cluster: { nodes: 3, partitions: 1, replicationFactor: 3 },
  network: { nodeToNode: '1ms', clientToNode: '100us' },
  service: { write: '500us', apply: '20us' },
  workload: { readProportion: 0, clients: { model: 'closed', count: 1 }, timeout: '1s' },
  strategy,
  faults: [{ ...fault, at: '2s', for: '2s' }],
});
const BEFORE = 0;
const DURING = 2; // second 1 contains the write in flight when the fault began
const AFTER = 4;
const close = (actual: number, expected: number) => expect(Math.abs(actual - expected)).toBeLessThan(1e-6 * expected);

describe('slow node and slow link faults', () => {
  it('a slow leader (×4): the write service time 500 µs becomes 2000 µs', async () => {
    const { metrics: m } = await runOne(suite('async', { kind: 'slow', node: { 'leader-of': 0 }, factor: 4 }));
    const w = m.timeseries.writeMeanUs;
    expect(m.faults.windows[0]!.label).toBe('slow leader of p0 ×4');
    close(w[BEFORE]!, 100 + 500 + 100);
    close(w[DURING]!, 100 + 4 * 500 + 100);
    close(w[AFTER]!, 100 + 500 + 100);
  });

  it('a slow link leader–follower (×5) under sync: that follower’s round trip 2 ms becomes 10 ms', async () => {
    const fault = { kind: 'slow', link: [{ 'leader-of': 0 }, { 'a-follower-of': 0 }], factor: 5 };
    const { metrics: m } = await runOne(suite('sync', fault));
    const w = m.timeseries.writeMeanUs;
    // Sync waits for the slower follower: client 100 + write 500 + (append + apply 20 + ack) + 100.
    close(w[BEFORE]!, 100 + 500 + 1000 + 20 + 1000 + 100);
    close(w[DURING]!, 100 + 500 + 5 * 1000 + 20 + 5 * 1000 + 100);
    close(w[AFTER]!, 100 + 500 + 1000 + 20 + 1000 + 100);
  });

  it('the same slow link under semi-sync acks:1: the other follower answers, latency unchanged', async () => {
    const fault = { kind: 'slow', link: [{ 'leader-of': 0 }, { 'a-follower-of': 0 }], factor: 5 };
    const { metrics: m } = await runOne(suite({ name: 'semi-sync', acks: 1 }, fault));
    for (const s of [BEFORE, DURING, AFTER]) close(m.timeseries.writeMeanUs[s]!, 100 + 500 + 1000 + 20 + 1000 + 100);
  });
});
