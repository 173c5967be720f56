/**
 * Progress inside a case: the simulator reports the share of virtual time done every 65,536
 * events (a deterministic count; reporting changes nothing in the results), and the worker pool
 * forwards those reports from the worker threads to the main thread while the case runs.
 */
import { describe, expect, it } from 'vitest';
import { expandSuite } from '../harness/config/suite.js';
import { resolvePoolOptions, runInPool } from '../harness/pool/runner.js';
import { simulate } from '../harness/sim/simulator.js';
import { builtinStrategies } from '../strategies/replication/registry.js';

// About 700,000 events: 16 closed-loop clients on 3 async replicas for 4 virtual seconds.
const SUITE = {
  name: 'progress',
  seed: 3,
  duration: '4s',
  cluster: { nodes: 3, replicationFactor: 3 },
  network: { nodeToNode: { dist: 'exponential', mean: '1ms' }, clientToNode: '100us' },
  workload: { records: 1000, readProportion: 0.5, reads: 'follower', clients: { model: 'closed', count: 16 } },
  strategy: 'async',
};

describe('progress inside a case', () => {
  it('simulate() reports every 65,536 events, in order, without changing the results', async () => {
    const { cases } = await expandSuite(SUITE, 't', { baseDir: process.cwd() });
    const c = cases[0]!;
    const strategy = builtinStrategies.get('async')!;
    const reports: number[] = [];
    const withProgress = simulate(c.config, strategy, { onProgress: (f) => reports.push(f) });
    const without = simulate(c.config, strategy);
    expect(withProgress.events).toBeGreaterThan(4 * 65_536);
    expect(reports).toHaveLength(Math.floor(withProgress.events / 65_536));
    for (let i = 0; i < reports.length; i++) {
      expect(reports[i]).toBeGreaterThan(0);
      expect(reports[i]).toBeLessThanOrEqual(1);
      if (i > 0) expect(reports[i]).toBeGreaterThanOrEqual(reports[i - 1]!);
    }
    expect(withProgress.metrics).toEqual(without.metrics);
  });

  it('the pool forwards a running case\'s progress to the main thread, and none after the case is done', async () => {
    const { cases } = await expandSuite({ ...SUITE, repetitions: 2 }, 't', { baseDir: process.cwd() });
    const seen: { id: string; fraction: number; afterDone: boolean }[] = [];
    const done = new Set<string>();
    const { results } = await runInPool(
      cases,
      resolvePoolOptions({
        workers: 2,
        onProgress: (c, fraction) => seen.push({ id: c.id, fraction, afterDone: done.has(c.id) }),
        onDone: (r) => done.add(r.id),
      }),
    );
    expect(results.map((r) => r.status)).toEqual(['ok', 'ok']);
    // The worker passes on the first report of each case at once (later ones at most 4 a second).
    for (const c of cases) expect(seen.filter((s) => s.id === c.id).length).toBeGreaterThanOrEqual(1);
    for (const s of seen) {
      expect(s.fraction).toBeGreaterThan(0);
      expect(s.fraction).toBeLessThanOrEqual(1);
      expect(s.afterDone).toBe(false);
    }
  });
});
