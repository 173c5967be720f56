/**
 * Bad fault schedules are rejected before anything runs: exit code 2, a message naming the
 * field path, and no output folder written. (Runs the compiled CLI: build first.)
 */
import { describe, expect, it } from 'vitest';
import { runRejected, suiteFile } from './helpers/cli.js';

/** Runs a suite that must be rejected; returns stderr after checking exit code and that nothing was written. */
function rejected(yaml: string): string {
  const r = runRejected(suiteFile(`duration: 2s\nnetwork: { clientToNode: 100us }\ncluster: { nodes: 3, partitions: 2 }\n${yaml}`));
  expect(r.stdout).not.toMatch(/\[1\/\d+\]/); // no case ran
  return r.stderr;
}

describe('bad fault input: exit code 2, the field path, nothing written', () => {
  it('a fault on an unknown node (by id, in a link, in a matrix entry) or partition', () => {
    expect(rejected('faults: [{ kind: crash, node: 7, at: 1s }]\n')).toContain('faults[0].node: unknown node 7 (nodes are 0..2)');
    expect(rejected('faults: [{ kind: slow, link: [0, 9], factor: 3, at: 1s }]\n')).toContain('faults[0].link[1]: unknown node 9');
    expect(rejected('matrix:\n  faults: [[], [{ kind: crash, node: 5, at: 1s }]]\n')).toContain('matrix.faults[1][0].node: unknown node 5');
    expect(rejected('faults: [{ kind: crash, node: { leader-of: p4 }, at: 1s }]\n')).toContain('faults[0].node.leader-of: unknown partition p4 (partitions are 0..1)');
  });

  it('`at` at or beyond the end of the run', () => {
    expect(rejected('faults: [{ kind: crash, node: 0, at: 5s, for: 1s }]\n')).toContain('faults[0].at: 5000 ms is not before the end of the run (duration 2000 ms)');
    expect(rejected('faults: [{ kind: loss, probability: 0.5, at: 2s }]\n')).toContain('faults[0].at: 2000 ms is not before the end of the run');
  });

  it('a negative window (start or length), or an empty one', () => {
    expect(rejected('faults: [{ kind: crash, node: 0, at: 1s, for: -500ms }]\n')).toContain('faults[0].for: must be greater than 0 (got "-500ms")');
    expect(rejected('faults: [{ kind: crash, node: 0, at: -1s, for: 1s }]\n')).toContain('faults[0].at: must not be negative (got "-1s")');
    expect(rejected('faults: [{ kind: partition, groups: [[0], [1, 2]], at: 1s, for: 0 }]\n')).toContain('faults[0].for: must be greater than 0');
  });

  it('a partition that lists a node twice (across groups or within one)', () => {
    expect(rejected('faults: [{ kind: partition, groups: [[0, 1], [1, 2]], at: 1s }]\n')).toContain('faults[0].groups[1][0]: node 1 is listed twice (also in group 0)');
    expect(rejected('faults: [{ kind: partition, groups: [[0, 0], [1, 2]], at: 1s }]\n')).toContain('faults[0].groups[0][1]: node 0 is listed twice');
  });

  it('several problems are reported together', () => {
    const err = rejected('faults:\n  - { kind: crash, node: 3, at: 1s }\n  - { kind: partition, groups: [[0, 2], [2]], at: 9s }\n');
    expect(err).toContain('faults[0].node: unknown node 3');
    expect(err).toContain('faults[1].at: 9000 ms is not before the end of the run');
    expect(err).toContain('faults[1].groups[1][0]: node 2 is listed twice');
  });
});
