/**
 * The suite's `backend` field: `matrix` sweeps it, so one suite holds simulated and real cases side
 * by side (each named by its backend, each with its own id); bad backend input is rejected with
 * the field path and exit code 2, nothing written.
 */
import { describe, expect, it } from 'vitest';
import { replbench, suiteFile, runRejected } from './helpers/cli.js';

const base = 'duration: 1s\nworkload: { reads: follower }\n';

const rejected = (yaml: string): string => runRejected(suiteFile(yaml)).stderr;

describe('the backend field', () => {
  it('sweeps simulated and real cases side by side', () => {
    const file = suiteFile(`${base}strategy: { name: semi-sync, acks: 1 }\nmatrix:\n  backend:\n    - sim\n    - { kind: postgres, mode: quorum, acks: 1, synchronousCommit: remote_apply }\n    - { kind: postgres, mode: sync }\n    - postgres\n`);
    const r = replbench(['validate', file]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const lines = r.stdout.trim().split('\n').slice(1);
    expect(lines).toHaveLength(4);
    expect(lines[0]).toMatch(/semi-sync\(acks=1\) backend=sim/);
    expect(lines[1]).toMatch(/postgres\(quorum ANY 1, remote_apply\)/);
    expect(lines[2]).toMatch(/postgres\(sync FIRST 2, on\)/); // sync defaults to every standby
    expect(lines[3]).toMatch(/postgres\(async, on\)/);
    expect(new Set(lines.map((l) => l.trim().split(/\s+/)[0])).size).toBe(4);
  });

  it('rejects bad backend input with the field path', () => {
    const err = rejected(`${base}matrix:\n  backend:\n    - { kind: postgres, mode: sync, acks: 3 }\n    - { kind: postgres, mode: fast }\n    - { kind: postgres, standbys: 4 }\n    - { kind: postgres, synchronousCommit: maybe, pol: 3 }\n    - { kind: cassandra }\n`);
    expect(err).toContain('matrix.backend[0].acks: 3 acks but only 2 standbys');
    expect(err).toContain('matrix.backend[1].mode: must be one of "async", "sync", "quorum"');
    expect(err).toContain('matrix.backend[2].standbys: 4 standbys but cluster.nodes is 3');
    expect(err).toContain('matrix.backend[3].synchronousCommit: must be one of');
    expect(err).toContain('matrix.backend[3].pol: unknown key');
    expect(err).toContain('matrix.backend[4].kind: unknown backend "cassandra"');
  });

  it('refuses a password in a connection string (results record the configuration)', () => {
    const err = rejected(`duration: 1s\ncluster: { nodes: 2, replicationFactor: 2 }\nbackend: { kind: postgres, connection: { primary: "postgres://u:secret@127.0.0.1:5432/db", standbys: ["host=127.0.0.1 password=x"] } }\n`);
    expect(err).toContain('backend.connection.primary: a password would be written into the results');
    expect(err).toContain('backend.connection.standbys[0]: a password would be written into the results');
    expect(err).not.toContain('secret');
  });

  it('rejects what a real cluster cannot do', () => {
    const err = rejected(`duration: 1s\nbackend: { kind: postgres, mode: async, acks: 1 }\ncluster: { nodes: 3, partitions: 2 }\nnetwork: { loss: 0.1 }\nworkload: { writes: any }\nfaults: [{ kind: partition, groups: [[0], [1, 2]], at: 100ms }]\n`);
    expect(err).toContain('backend.acks: acks applies to mode sync');
    expect(err).toContain('cluster.partitions: a PostgreSQL cluster is one partition');
    const err2 = rejected(`duration: 1s\nbackend: postgres\nnetwork: { loss: 0.1 }\nworkload: { writes: any }\nfaults: [{ kind: partition, groups: [[0], [1, 2]], at: 100ms }]\n`);
    expect(err2).toContain('workload.writes: a postgres cluster takes writes on its primary only');
    expect(err2).toContain('network.loss: message loss cannot be injected');
    expect(err2).toContain('faults[0].kind: a real backend supports crash faults only');
  });
});
