/**
 * `--ycsb FILE` replaces a suite's workload, swept values included: the cases that differed only
 * in a replaced workload field collapse into one, and their names no longer claim the swept value
 * (a suite sweeping presets a–f run with `--ycsb workloadb` must not call its cases "ycsb-a").
 * Swept fields that --ycsb keeps (reads, timeout) still name the cases.
 */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { expandSuite } from '../harness/config/suite.js';
import { ROOT } from './helpers/cli.js';

const WORKLOAD_B = path.resolve(ROOT, 'workloads', 'ycsb', 'workloadb');

const SUITE = {
  network: { clientToNode: '100us' },
  cluster: { nodes: 3, replicationFactor: 3 },
  workload: { ycsb: 'ycsb-a', reads: 'leader' },
  matrix: { 'workload.ycsb': ['ycsb-a', 'ycsb-c'], 'workload.reads': ['leader', 'follower'], strategy: ['sync', 'async'] },
};

describe('--ycsb over a suite that sweeps workload fields', () => {
  it('without --ycsb the swept presets name the cases', async () => {
    const suite = await expandSuite(SUITE, 'test', { baseDir: ROOT });
    expect(suite.cases.map((c) => c.name)).toContain('ycsb=ycsb-c reads=follower async');
    expect(suite.cases).toHaveLength(8);
  });

  it('with --ycsb the replaced sweep collapses and leaves the names; kept sweeps stay', async () => {
    const suite = await expandSuite(SUITE, 'test', { baseDir: ROOT, ycsb: [WORKLOAD_B] });
    expect(suite.cases.map((c) => c.name)).toEqual(['reads=leader sync', 'reads=leader async', 'reads=follower sync', 'reads=follower async']);
    for (const c of suite.cases) {
      expect(c.config.workload.ycsb).toEqual(['workloadb']);
      expect(c.config.workload.mix.read).toBeCloseTo(0.95, 10);
    }
  });
});
