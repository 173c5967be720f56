/**
 * Raft's vote is durable (Figure 2: currentTerm and votedFor are persisted before a server
 * answers): a replica that voted in a term and then crashed and restarted does not vote for a
 * second candidate in that term, and the vote is on record before the answer leaves.
 *
 * One replica (node 1 of replicas [0, 1, 2]) is driven directly through a hand-made context:
 * messages it sends are collected, time is set by the test, and a "restart" is a new instance over
 * the same durable object and log, as the simulator does after a crash. Deterministic: no network.
 */
import { describe, expect, it } from 'vitest';
import type { Message, ReplicaContext, TimerHandle } from '../harness/runtime/contract.js';
import { NodeData, SimKeyStore } from '../harness/sim/key-store.js';
import { SimLog } from '../harness/sim/log.js';
import { raftStrategy } from '../strategies/replication/raft.js';

const MS = 1000;

describe('raft: votes survive a restart', () => {
  it('a replica that voted for node 0 in term 1 refuses node 2 in term 1 after a restart', () => {
    let now = 0;
    const store = new SimKeyStore('counter', new NodeData(10), 0, 1, 1, { created() {}, changed() {} }, () => now);
    const log = new SimLog(store);
    log.lineage = false;
    const durable: Record<string, unknown> = {};
    const sent: { to: number; msg: Message; votedFor: unknown }[] = [];
    const ctx: ReplicaContext = {
      node: 1,
      partition: 0,
      replicas: [0, 1, 2],
      cluster: { nodes: 3, partitions: 1, replicationFactor: 3 },
      view: { leader: 0, term: 0 },
      leader: 0,
      followers: [1, 2],
      isLeader: false,
      store,
      log,
      durable,
      random: { next: () => 0.5, int: (n) => Math.floor(n / 2) },
      now: () => now,
      // Record what the durable vote was at the moment each message left.
      send: (to, msg) => void sent.push({ to, msg, votedFor: durable['votedFor'] }),
      reply: () => {},
      setTimer: (_delay, tag): TimerHandle => ({ tag, cancelled: false }),
      cancelTimer: (h) => {
        h.cancelled = true;
      },
      count: () => {},
      conflict: () => {},
      setView: () => {},
    };
    const params = raftStrategy.params!.safeParse({});
    if (!params.success) throw new Error('default parameters rejected');
    const start = () => {
      const r = raftStrategy.create(ctx, params.data);
      r.onStart?.();
      return r;
    };
    const ask = () => ({ type: 'rv', term: 1, lastIndex: 0, lastTerm: 0 }) as Message;

    let replica = start();
    now = 200 * MS; // past any election timeout at the first start: node 1 has heard from no leader
    replica.onMessage(0, ask());
    expect(sent.at(-1)).toEqual({ to: 0, msg: { type: 'rvr', term: 1, granted: true }, votedFor: 0 });

    // Crash and restart (a new instance over the same durable state), then wait out the election
    // timeout a restarted replica observes before it votes.
    now = 210 * MS;
    replica = start();
    now = 500 * MS;
    replica.onMessage(2, ask());
    expect(sent.at(-1)).toEqual({ to: 2, msg: { type: 'rvr', term: 1, granted: false }, votedFor: 0 });
    // The first candidate asking again (its reply was lost) gets the same answer as before.
    replica.onMessage(0, ask());
    expect(sent.at(-1)).toEqual({ to: 0, msg: { type: 'rvr', term: 1, granted: true }, votedFor: 0 });
    expect(durable['term']).toBe(1);
  });
});
