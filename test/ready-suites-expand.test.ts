/**
 * Every ready-to-run suite in suites/ expands without problems, and the two comparison suites
 * have the shape their comments describe (run them with `replbench run suites/<name>.yaml`).
 */
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadSuite } from '../harness/config/suite.js';
import { ROOT } from './helpers/cli.js';

const SUITES = path.join(ROOT, 'suites');

describe('ready suites', () => {
  it.each(readdirSync(SUITES).filter((f) => f.endsWith('.yaml')))('%s expands', async (file) => {
    const suite = await loadSuite(path.join(SUITES, file));
    expect(suite.cases.length).toBeGreaterThan(0);
  });

  it('scaling: uniform and zipfian keys × nodes 3, 6, 12 × workers 1, 2, 4, nodes = partitions', async () => {
    const suite = await loadSuite(path.join(SUITES, 'scaling.yaml'));
    expect(suite.cases).toHaveLength(18);
    for (const c of suite.cases) expect(c.config.partitioning.scheme).toBe('jump');
    const shapes = suite.cases.map((c) => `${c.config.workload.keys.distribution} ${c.config.cluster.nodes}x${c.config.service.workers}`);
    expect(shapes).toContain('zipfian 3x4');
    expect(shapes).toContain('zipfian 12x1');
  });

  it('ycsb: the six presets × sync, async', async () => {
    const suite = await loadSuite(path.join(SUITES, 'ycsb.yaml'));
    expect(suite.cases.map((c) => c.name)).toEqual(['a', 'b', 'c', 'd', 'e', 'f'].flatMap((w) => [`ycsb=ycsb-${w} sync`, `ycsb=ycsb-${w} async`]));
    for (const c of suite.cases) {
      expect(c.config.operations).toBeNull(); // time-bound
      expect(c.config.workload.records).toBe(10_000);
    }
  });
});
