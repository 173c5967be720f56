/**
 * Bad workload and partitioning input is rejected by `replbench run` with exit code 2, a message
 * naming the field path (or the YCSB file and line), and nothing written: a proportion below 0,
 * all proportions 0, an unknown key distribution, θ ≤ 0 or θ = 1, a malformed line in a YCSB
 * workload file, vnodes < 1, and range split points that are not increasing.
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runRejected, suiteFile, tempDir } from './helpers/cli.js';

const BASE = 'duration: 1s\nnetwork: { clientToNode: 100us }\n';

/** Runs `replbench run` on a suite that must be rejected; returns stderr. */
function rejected(yaml: string, args: string[] = []): string {
  const r = runRejected(suiteFile(BASE + yaml), args);
  expect(r.stderr).toMatch(/^replbench: invalid input\n/);
  return r.stderr;
}

/** A YCSB workload file with `text` in a fresh folder. */
function ycsbFile(text: string): string {
  const file = path.join(tempDir(), 'workload-bad');
  writeFileSync(file, text);
  return file;
}

describe('bad workload input: exit 2, the field named, nothing written', () => {
  it('a proportion below 0 (suite field, YCSB file with its line)', () => {
    expect(rejected('workload: { readProportion: 0.5, updateProportion: -0.5 }\n')).toContain('workload.updateProportion: a proportion must be >= 0');
    const file = ycsbFile('recordcount=100\nreadproportion=1.1\nupdateproportion=-0.1\n');
    expect(rejected(`workload: { ycsb: ${JSON.stringify(file)} }\n`)).toMatch(/workload\.ycsb: updateproportion: .*≥ 0.*"-0\.1".*line 3/);
  });

  it('all proportions 0', () => {
    expect(rejected('workload: { readProportion: 0, updateProportion: 0 }\n')).toContain('workload: all operation proportions are 0');
    expect(rejected('workload: { ycsb: ycsb-a }\n', ['-p', 'readproportion=0', '-p', 'updateproportion=0'])).toMatch(/readproportion, updateproportion, insertproportion, scanproportion, readmodifywriteproportion are all 0/);
  });

  it('an unknown key distribution names the value and the choices', () => {
    expect(rejected('workload: { keys: pareto }\n')).toContain('workload.keys: unknown key distribution "pareto" (one of uniform, zipfian, scrambled-zipfian, latest, hotspot, exponential, sequential)');
    expect(rejected('workload: { keys: { distribution: pareto } }\n')).toMatch(/workload\.keys\.distribution: must be one of "uniform"/);
    expect(rejected('workload: { ycsb: ycsb-b }\n', ['-p', 'requestdistribution=pareto'])).toMatch(/workload\.properties\.requestdistribution: requestdistribution: unknown .*"pareto".*expected one of/);
  });

  it('θ ≤ 0 or θ = 1', () => {
    for (const theta of [0, 1]) {
      expect(rejected(`workload: { keys: { distribution: zipfian, theta: ${theta} } }\n`)).toContain(`workload.keys.theta: the zipfian constant must be > 0 and != 1 (got ${theta})`);
    }
    expect(rejected('workload: { ycsb: ycsb-a, properties: { zipfianconstant: 1 } }\n')).toMatch(/workload\.properties\.zipfianconstant: .*> 0 and ≠ 1/);
  });

  it('θ given for a key distribution that has none', () => {
    expect(rejected('workload: { keys: { distribution: uniform, theta: 0.5 } }\n')).toContain('workload.keys.theta: theta applies to zipfian, scrambled-zipfian and latest keys, not uniform');
  });

  it('a malformed line in a YCSB workload file names the file and the line', () => {
    const file = ycsbFile('# a workload\nrecordcount=100\n\n=0.5\n');
    expect(rejected(`workload: { ycsb: ${JSON.stringify(file)} }\n`)).toMatch(/workload\.ycsb: .*workload-bad line 4: missing key/);
    // The same through --ycsb on the command line.
    expect(rejected('', ['--ycsb', file])).toMatch(/workload\.ycsb: .*workload-bad line 4: missing key/);
  });

  it('vnodes < 1, also as a swept value', () => {
    expect(rejected('partitioning: { scheme: consistent-hash, vnodes: 0 }\n')).toContain('partitioning.vnodes: must be >= 1');
    expect(rejected('partitioning: consistent-hash\nmatrix: { partitioning.vnodes: [16, 0] }\n')).toContain('matrix.partitioning.vnodes[1]: must be >= 1');
  });

  it('range split points that are not increasing', () => {
    const err = rejected('cluster: { nodes: 3, partitions: 3 }\npartitioning: { scheme: range, splits: [100, 50] }\n');
    expect(err).toContain('partitioning.splits[1]: split points must be strictly increasing: 50 follows 100');
  });
});
