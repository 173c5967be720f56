/**
 * "Simulation stuck … give network a positive duration" is reserved for set-ups that cannot
 * advance. Many closed-loop clients with constant latencies move in lockstep and put many events
 * on one instant (a million clients used to get that diagnosis); validation bounds them (clients,
 * and clients × events per operation), and a set-up at that bound runs without being called stuck.
 */
import { describe, expect, it } from 'vitest';
import { InputError } from '../harness/config/errors.js';
import { expandSuite } from '../harness/config/suite.js';
import { runOne } from './support/run-suite.js';

async function problems(raw: Record<string, unknown>): Promise<string[]> {
  try {
    await expandSuite(raw, 'test', { baseDir: process.cwd() });
  } catch (err) {
    if (err instanceof InputError) return err.problems.map((p) => `${p.path}: ${p.message}`);
    throw err;
  }
  return [];
}

describe('the stuck-simulation diagnosis', () => {
  it('is not what a million clients with positive latencies get: they exceed the clients limit', async () => {
    const p = await problems({ duration: '1s', workload: { clients: { model: 'closed', count: 1_000_000 } } });
    expect(p).toEqual(['workload.clients.count: at most 100,000 closed-loop clients (replbench\'s limit; see README "Limits")']);
  });

  it('is not what clients × events per operation beyond the bound get: they are told so', async () => {
    const p = await problems({ duration: '1s', cluster: { nodes: 20, replicationFactor: 20 }, workload: { clients: { model: 'closed', count: 30_000 } } });
    expect(p).toHaveLength(1);
    expect(p[0]).toMatch(/^workload\.clients\.count: 30,000 closed-loop clients × 39 events per operation .* more than 1,000,000 events on one virtual instant/);
  });

  it('is not given to a lockstep set-up at the bound: 25,000 clients writing to 20 replicas, no node-to-node latency', async () => {
    // All 25,000 writes reach their leaders at 100 µs; their 475,000 appends and 475,000 acks
    // take no time, so 975,000 events fall on that one instant (the bound is 25,000 × 39).
    const run = await runOne({
      duration: '150us',
      cluster: { nodes: 20, replicationFactor: 20 },
      network: { clientToNode: '100us', nodeToNode: 0 },
      workload: { readProportion: 0, updateProportion: 1, clients: { model: 'closed', count: 25_000 } },
      strategy: 'sync',
    });
    expect(run.events).toBeGreaterThanOrEqual(975_000);
  });
});
