/**
 * Every bounded number in a suite is checked, never clamped: a value outside its range is rejected
 * with the field's path (and, run from the command line, exit code 2 and nothing written).
 * Notably `readProportion: 1.5` used to be clamped to 1.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { InputError } from '../harness/config/errors.js';
import { expandSuite } from '../harness/config/suite.js';
import { replbench, suiteFile } from './helpers/cli.js';

/** The paths of the problems `raw` (a suite with 1 s of virtual time) is rejected with. */
async function rejectedAt(raw: Record<string, unknown>): Promise<string[]> {
  try {
    await expandSuite({ duration: '1s', ...raw }, 'test', { baseDir: process.cwd() });
  } catch (err) {
    if (err instanceof InputError) return err.problems.map((p) => p.path);
    throw err;
  }
  return [];
}

const dist = (d: Record<string, unknown>) => ({ network: { nodeToNode: d } });
const fault = (f: Record<string, unknown>) => ({ faults: [{ at: '100ms', ...f }] });

/** [suite fields, the path that must be named]. */
const OUT_OF_RANGE: [Record<string, unknown>, string][] = [
  [{ seed: -1 }, 'seed'],
  [{ warmup: '-1ms' }, 'warmup'],
  [{ operations: 0 }, 'operations'],
  [{ repetitions: 0 }, 'repetitions'],
  [{ caseMemory: 8 }, 'caseMemory'],
  [{ caseMemory: 4096 }, 'caseMemory'],
  [{ cluster: { nodes: 0 } }, 'cluster.nodes'],
  [{ cluster: { partitions: 0 } }, 'cluster.partitions'],
  [{ cluster: { replicationFactor: 0 } }, 'cluster.replicationFactor'],
  [{ partitioning: { scheme: 'consistent-hash', vnodes: 0 } }, 'partitioning.vnodes'],
  [{ network: { loss: 1 } }, 'network.loss'],
  [{ network: { loss: -0.1 } }, 'network.loss'],
  [{ network: { bandwidth: 0 } }, 'network.bandwidth'],
  [{ service: { workers: 0 } }, 'service.workers'],
  [{ workload: { records: 0 } }, 'workload.records'],
  [{ workload: { readProportion: 1.5 } }, 'workload.readProportion'],
  [{ workload: { readProportion: -0.5 } }, 'workload.readProportion'],
  [{ workload: { readProportion: 0.5, updateProportion: 2 } }, 'workload.updateProportion'],
  [{ workload: { insertProportion: 1.01 } }, 'workload.insertProportion'],
  [{ workload: { scanProportion: 1.01 } }, 'workload.scanProportion'],
  [{ workload: { readModifyWriteProportion: 1.01 } }, 'workload.readModifyWriteProportion'],
  [{ workload: { keys: { distribution: 'zipfian', theta: 0 } } }, 'workload.keys.theta'],
  [{ workload: { keys: { distribution: 'zipfian', theta: 1 } } }, 'workload.keys.theta'],
  [{ workload: { keys: { distribution: 'hotspot', hotsetFraction: 1.5 } } }, 'workload.keys.hotsetFraction'],
  [{ workload: { keys: { distribution: 'hotspot', hotOpnFraction: -0.1 } } }, 'workload.keys.hotOpnFraction'],
  [{ workload: { keys: { distribution: 'exponential', percentile: 100 } } }, 'workload.keys.percentile'],
  [{ workload: { keys: { distribution: 'exponential', frac: 0 } } }, 'workload.keys.frac'],
  [{ workload: { values: { fieldCount: 0 } } }, 'workload.values.fieldCount'],
  [{ workload: { values: { fieldCount: 1_000_000_000 } } }, 'workload.values.fieldCount'],
  [{ workload: { values: { fieldLength: -1 } } }, 'workload.values.fieldLength'],
  [{ workload: { scan: { minLength: 0 } } }, 'workload.scan.minLength'],
  [{ workload: { clients: { model: 'closed', count: 0 } } }, 'workload.clients.count'],
  [{ workload: { clients: { model: 'closed', count: 4, target: 0 } } }, 'workload.clients.target'],
  [{ workload: { clients: { model: 'open', rate: 1000, maxInflight: 0 } } }, 'workload.clients.maxInflight'],
  [{ workload: { timeout: 0 } }, 'workload.timeout'],
  [fault({ kind: 'loss', probability: 1.5 }), 'faults[0].probability'],
  [fault({ kind: 'slow', node: 0, factor: 0 }), 'faults[0].factor'],
  [fault({ kind: 'crash', node: -1 }), 'faults[0].node'],
  [fault({ kind: 'crash', node: 0, for: 0 }), 'faults[0].for'],
  [{ faults: [{ kind: 'crash', node: 0, at: '-1s' }] }, 'faults[0].at'],
  [{ failover: { heartbeat: 0 } }, 'failover.heartbeat'],
  [{ failover: { timeout: '-1s' } }, 'failover.timeout'],
  [{ metrics: { visibility: ['-1ms'] } }, 'metrics.visibility[0]'],
  [dist({ dist: 'lognormal', median: '1ms', sigma: -1 }), 'network.nodeToNode.sigma'],
  [dist({ dist: 'pareto', scale: '1ms', shape: 0 }), 'network.nodeToNode.shape'],
  [dist({ dist: 'uniform', min: '2ms', max: '1ms' }), 'network.nodeToNode.max'],
  [dist({ dist: 'empirical', values: [] }), 'network.nodeToNode.values'],
  [dist({ dist: 'mixture', components: [{ weight: 0, dist: 'constant', value: 1 }] }), 'network.nodeToNode.components[0].weight'],
  [{ strategy: { name: 'semi-sync', acks: 0 } }, 'strategy.acks'],
];

describe('out-of-range values', () => {
  it.each(OUT_OF_RANGE)('%j is rejected at %s', async (raw, at) => {
    expect(await rejectedAt(raw)).toContain(at);
  });

  it('values at the ends of their ranges are accepted', async () => {
    for (const raw of [{ workload: { readProportion: 1 } }, { workload: { readProportion: 0, updateProportion: 1 } }, { network: { loss: 0.99 } }, fault({ kind: 'loss', probability: 1 }), { workload: { keys: { distribution: 'hotspot', hotsetFraction: 1, hotOpnFraction: 0 } } }]) {
      expect(await rejectedAt(raw)).toEqual([]);
    }
  });

  it('readProportion: 1.5 makes run exit 2 with the path and the range, writing nothing', () => {
    const file = suiteFile('duration: 1s\nworkload: { readProportion: 1.5 }\n');
    const out = path.join(path.dirname(file), 'out');
    const r = replbench(['run', file, '--out', out]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('workload.readProportion: a proportion must be <= 1');
    expect(existsSync(out)).toBe(false);
  });
});
