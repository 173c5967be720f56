/**
 * A message to a node outside the partition's replica set reaches a stand-in (as a sloppy
 * quorum's hint holder needs): a runtime for that (partition, node), created on its first
 * message, whose context still lists the real replicas, whose store changes feed no metric, and
 * which crashes and restarts with its node (volatile state gone, `ctx.durable` kept).
 *
 * Plugin: the only replica (node 0 of 3, RF 1) stores each write, asks node 2 to keep a copy and
 * acknowledges when node 2 answers. Node 2 stores the copy in its store, counts the copies in
 * ctx.durable and answers with that count. Node 2 crashes from 1 s to 1.5 s (seed 3, 2 s run, one
 * closed-loop client, 1 ms links, 50 ms client timeout).
 * - Writes succeed before and after the crash (node 2 answered), and during it they time out.
 * - The stand-in knows it is one (its node is not in ctx.replicas), starts twice (first message,
 *   restart), and its durable count never goes back.
 * - Its store feeds nothing: node 2 does no replica work in the load metrics, there is no
 *   replication lag sample and nothing unapplied (RF 1), and nothing is lost or overwritten.
 */
import { describe, expect, it } from 'vitest';
import type { Held, Message, StrategyDefinition } from '../harness/runtime/contract.js';
import { runOne } from './support/run-suite.js';

interface Keep extends Message {
  readonly type: 'keep';
  readonly key: number;
  readonly held: Held;
  readonly req: number;
}
interface Kept extends Message {
  readonly type: 'kept';
  readonly req: number;
  readonly copies: number;
}

const relay: StrategyDefinition = {
  name: 'relay',
  description: 'a replica that keeps a copy of each write on a non-replica node (test plugin)',
  traits: { waitsForFollowers: true },
  create(ctx) {
    const waiting = new Map<number, Parameters<typeof ctx.reply>[0]>();
    const standIn = !ctx.replicas.includes(ctx.node);
    const d = ctx.durable as { copies?: number; seen?: number };
    return {
      onStart() {
        if (standIn) ctx.count('stand-in starts');
      },
      onClientRequest(req) {
        if (req.op === 'read') return ctx.reply(req, { status: 'ok', value: ctx.store.get(req.key) });
        const held = ctx.store.create(req);
        waiting.set(req.id, req);
        ctx.send(2, { type: 'keep', key: req.key, held, req: req.id } as Keep, 'apply');
      },
      onMessage(from, msg) {
        if (msg.type === 'keep') {
          const m = msg as Keep;
          if (!standIn) ctx.count('not a stand-in');
          ctx.store.put(m.key, m.held);
          d.copies = (d.copies ?? 0) + 1;
          // Sent with work, so it travels in an ordered stream from the stand-in (numbered after the replicas').
          ctx.send(from, { type: 'kept', req: m.req, copies: d.copies } as Kept, 'apply');
          return;
        }
        const m = msg as Kept;
        if (m.copies <= (d.seen ?? 0)) ctx.count('durable count went back');
        d.seen = m.copies;
        const req = waiting.get(m.req);
        if (!req) return;
        waiting.delete(m.req);
        ctx.reply(req, { status: 'ok' });
      },
      onTimer() {},
    };
  },
};

describe('a message to a node outside the replica set', () => {
  it('reaches a stand-in that crashes and restarts with its node and feeds no metric', async () => {
    const { metrics: m, final } = await runOne(
      {
        seed: 3,
        duration: '2s',
        cluster: { nodes: 3, partitions: 1, replicationFactor: 1 },
        network: { nodeToNode: '1ms', clientToNode: '100us' },
        workload: { records: 10, readProportion: 0, clients: { model: 'closed', count: 1 }, timeout: '50ms' },
        faults: [{ kind: 'crash', node: 2, at: '1s', for: '500ms' }],
        strategy: 'relay',
      },
      new Map([['relay', relay]]),
    );
    expect(final.partitions[0]!.replicas.map((r) => r.node)).toEqual([0]);
    expect(m.counters['stand-in starts']).toBe(2);
    expect(m.counters['not a stand-in']).toBeUndefined();
    expect(m.counters['durable count went back']).toBeUndefined();
    // 2.2 ms per write (two client hops, two node hops) outside the crash: about 455 before it
    // and 225 after it; during it, one 50 ms timeout after another (at most 11 in 0.5 s).
    expect(m.ops.write.count).toBeGreaterThan(600);
    expect(m.ops.write.failed).toBeGreaterThan(0);
    expect(m.ops.write.failed).toBeLessThanOrEqual(11);
    expect(m.timeseries.ops[1]!).toBeGreaterThan(0); // writes succeed again after the restart (second 1–2)
    expect(m.load.perNode.replicaOps[0]).toBeGreaterThan(600);
    expect(m.load.perNode.replicaOps[2]).toBe(0); // node 2's copies are no replica work (660 if the stand-in fed the recorder)
    expect(m.replicationLag.lag.count).toBe(0);
    expect(m.replicationLag.unappliedAtEnd).toBe(0);
    expect(m.durability.lostWrites).toBe(0);
    expect(m.durability.overwrittenWrites).toBe(0);
  });
});
