/**
 * The session tracker's bookkeeping does not change what it counts: per-(session, key) versions
 * kept in flat dense arrays or in per-session maps (past 2^22 session·key entries, or once the
 * dense arrays outgrow that limit), events applied at once or buffered across many batches, and
 * keys beyond the initial records (inserts, announced or not) all give the same counts. A
 * hand-built history shows each anomaly once; a seeded random history of 60,000 events (seed 7,
 * well over ten batches) is replayed into every layout.
 */
import { describe, expect, it } from 'vitest';
import { SessionTracker } from '../harness/metrics/sessions.js';
import { Rng } from '../harness/sim/rng.js';

/** Two clients, keys 0..9: a dense tracker, and one made sparse by a huge keyspace. */
const both = () => [new SessionTracker(10, 2), new SessionTracker(1 << 22, 2)];

describe('session tracker', () => {
  it('counts each anomaly of a hand-built history, in both layouts', () => {
    for (const t of both()) {
      // Client 0 writes key 5 (id 1, version 10).
      t.issued(1, 0);
      t.committed(1, 0, 5, 10, true);
      // Client 0 reads key 5 and gets the initial value: it misses its own write.
      t.read(0, 5, 0, 0, 10, t.snapshot(5), true);
      // Client 1 reads key 5 (gets write 1), then an older value: it goes back in time.
      t.read(1, 5, 1, 10, 10, t.snapshot(5), true);
      t.read(1, 5, 0, 0, 10, t.snapshot(5), true);
      // Client 0 writes key 6 (id 2) and then key 7 (id 3); client 1 sees write 3, then reads key 6
      // without write 2: it saw the writer's later write but not the earlier one.
      t.issued(2, 0);
      t.committed(2, 0, 6, 20, true);
      t.issued(3, 0);
      t.committed(3, 0, 7, 30, true);
      t.read(1, 7, 3, 30, 30, t.snapshot(7), true);
      t.read(1, 6, 0, 0, 20, t.snapshot(6), true);
      expect(t.counts()).toEqual({ reads: 5, readYourWrites: 1, monotonicReads: 1, consistentPrefix: 1 });
    }
  });

  it('gives the same counts in both layouts over a long random history with inserts', () => {
    const rng = new Rng(7, 'sessions');
    const [dense, sparse] = both() as [SessionTracker, SessionTracker];
    // A runtime that never announces new keys (grow): the dense arrays grow as keys show up.
    const unannounced = new SessionTracker(10, 2);
    // One that starts dense and moves to maps when the keys outgrow a small dense limit (40 entries).
    const outgrown = new SessionTracker(10, 2, 40);
    const version = new Float64Array(64);
    const writeOf = new Float64Array(64);
    let nextId = 1;
    let keys = 10;
    for (let i = 0; i < 60_000; i++) {
      const client = rng.int(3) - 1; // -1: an open-loop arrival (no session)
      if (rng.next() < 0.02 && keys < 64) {
        keys++;
        dense.grow(keys);
        sparse.grow(keys);
        outgrown.grow(keys);
      }
      const key = rng.int(keys);
      if (rng.next() < 0.5) {
        const id = nextId++;
        for (const t of [dense, sparse, unannounced, outgrown]) t.issued(id, client);
        const v = version[key]! + 1 + rng.int(3);
        const newest = rng.next() < 0.9;
        if (newest) {
          version[key] = v;
          writeOf[key] = id;
        }
        for (const t of [dense, sparse, unannounced, outgrown]) t.committed(id, client, key, newest ? v : v - 3, newest);
      } else {
        // A read returns the newest write or an older version of the key.
        const fresh = rng.next() < 0.7;
        const id = fresh ? writeOf[key]! : 0;
        const v = fresh ? version[key]! : rng.int(Math.max(1, version[key]!));
        const measured = rng.next() < 0.9;
        for (const t of [dense, sparse, unannounced, outgrown]) t.read(client, key, id, v, version[key]!, t.snapshot(key), measured);
      }
    }
    const counts = dense.counts();
    expect(counts.reads).toBeGreaterThan(15_000);
    expect(counts.readYourWrites).toBeGreaterThan(0);
    expect(counts.monotonicReads).toBeGreaterThan(0);
    expect(counts.consistentPrefix).toBeGreaterThan(0);
    expect(sparse.counts()).toEqual(counts);
    expect(unannounced.counts()).toEqual(counts);
    expect(outgrown.counts()).toEqual(counts);
  });
});
