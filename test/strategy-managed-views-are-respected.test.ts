/**
 * A strategy that manages its own view (traits.view: 'strategy') elects its leaders and tells the
 * harness through ctx.setView; the harness routes clients by it and never promotes or rolls back
 * on its own, even with failover enabled. The minimal election here: the lowest-numbered replica
 * that hears nothing from a lower one for long enough announces itself in the next term; leaders
 * heartbeat every 20 ms. Writes are applied by the leader and acknowledged at once (no
 * replication: the point is the view).
 *
 * Node 0 leads from the start; it crashes at 2 s for good. Node 1 takes over after ~100 ms, and
 * writes succeed again from then on; the harness reports one view change, made by the strategy.
 * (A replica waits 100 ms per lower-numbered replica, so node 2 hears node 1 lead before its own
 * time would come.)
 */
import { describe, expect, it } from 'vitest';
import type { Message, StrategyDefinition } from '../harness/runtime/contract.js';
import { runOne } from './support/run-suite.js';

const elect: StrategyDefinition = {
  name: 'lowest-alive',
  description: 'the lowest live replica leads (test plugin)',
  traits: { view: 'strategy' },
  create(ctx) {
    const d = ctx.durable as { term?: number };
    let lastHeard = ctx.now();
    let leading = false;
    const lower = ctx.replicas.filter((n) => n < ctx.node);
    const lead = () => {
      leading = true;
      d.term = (d.term ?? 0) + 1;
      ctx.setView({ leader: ctx.node, term: d.term });
      beat();
    };
    const beat = () => {
      for (const r of ctx.replicas) if (r !== ctx.node) ctx.send(r, { type: 'beat', term: d.term } as Message & { term?: number });
      ctx.setTimer(20_000, 'beat');
    };
    return {
      onStart() {
        if (lower.length === 0) lead();
        else ctx.setTimer(100_000, 'check');
      },
      onClientRequest(req) {
        if (!leading) return ctx.reply(req, { status: 'failed', reason: 'not the leader' });
        if (req.op === 'read') return ctx.reply(req, { status: 'ok', value: ctx.store.get(req.key) });
        ctx.store.create(req);
        ctx.reply(req, { status: 'ok' });
      },
      onMessage(from, msg) {
        const term = (msg as unknown as { term: number }).term;
        if (from < ctx.node) lastHeard = ctx.now();
        if (term > (d.term ?? 0)) d.term = term;
      },
      onTimer(tag) {
        if (tag === 'beat') return beat();
        if (!leading && ctx.now() - lastHeard >= 100_000 * lower.length) lead();
        else ctx.setTimer(20_000, 'check');
      },
    };
  },
};

describe('a strategy-managed view', () => {
  it('routes clients to the leader the strategy elects; the harness never promotes', async () => {
    const { metrics: m, final } = await runOne(
      {
        seed: 4,
        duration: '4s',
        warmup: '500ms',
        cluster: { nodes: 3, partitions: 1, replicationFactor: 3 },
        network: { nodeToNode: '1ms', clientToNode: '100us' },
        workload: { records: 100, readProportion: 0, clients: { model: 'closed', count: 4 }, timeout: '50ms' },
        failover: { enabled: true, heartbeat: '10ms', timeout: '30ms' },
        faults: [{ kind: 'crash', node: 0, at: '2s' }],
        strategy: 'lowest-alive',
      },
      new Map([['lowest-alive', elect]]),
    );
    const changes = m.faults.failovers;
    expect(changes.map((f) => [f.by, f.from, f.to])).toEqual([['strategy', 0, 1]]);
    const at = changes[0]!.at_s + 0.5;
    expect(at).toBeGreaterThan(2.08);
    expect(at).toBeLessThan(2.15);
    expect(final.partitions[0]!.leader).toBe(1);
    // Writes fail only between the crash and the election; afterwards every one succeeds.
    const ops = m.timeseries.ops;
    expect(ops[2]!).toBeGreaterThan(0.95 * ops[0]!);
    expect(m.timeseries.failed[2] ?? 0).toBe(0);
  });
});
