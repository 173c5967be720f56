/**
 * The redis and mariadb backends in a suite: `matrix` sweeps their modes beside the simulator, each
 * case named by its settings; bad input is rejected with the field path and exit code 2, nothing
 * written. So is `replbench calibrate` on a suite without a real backend, or with bad options.
 */
import { describe, expect, it } from 'vitest';
import { replbench, suiteFile, runRejected } from './helpers/cli.js';

const base = 'duration: 1s\nworkload: { reads: follower }\n';

const rejected = (yaml: string): string => runRejected(suiteFile(yaml)).stderr;

describe('redis and mariadb backends', () => {
  it('sweep their modes beside the simulator', () => {
    const file = suiteFile(`${base}matrix:\n  backend:\n    - sim\n    - redis\n    - { kind: redis, mode: wait, waitTimeout: 50ms }\n    - { kind: mariadb, mode: semisync, waitPoint: AFTER_SYNC, semisyncTimeout: 200ms, applyThreads: 4, calibrate: true }\n    - { kind: mariadb, syncBinlog: true }\n`);
    const r = replbench(['validate', file]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const lines = r.stdout.trim().split('\n').slice(1);
    expect(lines).toHaveLength(5);
    expect(lines[1]).toMatch(/redis\(async\)/);
    expect(lines[2]).toMatch(/redis\(WAIT 2 50ms\)/); // WAIT defaults to every replica
    expect(lines[3]).toMatch(/mariadb\(semisync AFTER_SYNC 200ms, 4 optimistic apply threads, calibrated\)/);
    expect(lines[4]).toMatch(/mariadb\(async, serial apply, sync_binlog\)/);
  });

  it('reject bad input with the field path', () => {
    const err = rejected(
      `${base}matrix:\n  backend:\n    - { kind: redis, mode: wait, acks: 3 }\n    - { kind: redis, acks: 1 }\n    - { kind: redis, mode: wait, waitTimeout: 1500us }\n    - { kind: redis, replicas: 5 }\n    - { kind: mariadb, waitPoint: BEFORE_COMMIT }\n    - { kind: mariadb, mode: semisync, semisyncTimeout: 0 }\n    - { kind: mariadb, applyThreads: -1, threads: 2 }\n    - { kind: mariadb, calibrate: { samples: 3 } }\n`,
    );
    expect(err).toContain('matrix.backend[0].acks: 3 acks but only 2 replicas');
    expect(err).toContain('matrix.backend[1].acks: acks applies to mode wait');
    expect(err).toContain('matrix.backend[2].waitTimeout: WAIT takes whole milliseconds');
    expect(err).toContain('matrix.backend[3].replicas: 5 replicas but cluster.nodes is 3');
    expect(err).toContain('matrix.backend[4].waitPoint: must be one of "AFTER_SYNC", "AFTER_COMMIT"');
    expect(err).toContain('matrix.backend[5].semisyncTimeout: must be at least 1ms');
    expect(err).toContain('matrix.backend[6].applyThreads');
    expect(err).toContain('matrix.backend[6].threads: unknown key (keys of a mariadb backend:');
    expect(err).toContain('matrix.backend[7].calibrate');
  });

  it('reject what a real cluster cannot do', () => {
    const err = rejected(`duration: 1s\nbackend: redis\ncluster: { nodes: 3, partitions: 2 }\nworkload: { writes: any }\n`);
    expect(err).toContain('cluster.partitions: a Redis cluster is one partition');
    const err2 = rejected(`duration: 1s\nbackend: mariadb\nworkload: { writes: any, reads: nearest }\n`);
    expect(err2).toContain('workload.writes: a mariadb cluster takes writes on its primary only');
  });

  it('calibrate refuses a suite without a real backend, and bad options (exit 2)', () => {
    const sim = replbench(['calibrate', suiteFile('duration: 1s\n')]);
    expect(sim.code).toBe(2);
    expect(sim.stderr).toContain('has no real-backend case');
    const bad = replbench(['calibrate', suiteFile('duration: 1s\nbackend: redis\n'), '--fit', 'cubic']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--fit must be one of lognormal, empirical');
    const few = replbench(['calibrate', suiteFile('duration: 1s\nbackend: redis\n'), '--samples', '3']);
    expect(few.code).toBe(2);
    expect(few.stderr).toContain('--samples must be an integer from 50 to 100000');
  });
});
