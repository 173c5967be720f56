/**
 * Any replica of a partition may answer a client, and the answer travels over that replica's own
 * client link and dies with that replica's crash, not the one the client reached. A two-step
 * strategy (the leader, node 0, forwards each write as plain data to node 2, which applies and
 * answers) runs with node 2 in a far region: clients and nodes 0 and 1 are in `near`, node 2 is
 * 20 ms away. A write then takes the near link to node 0 (100 µs), node 0 → node 2 (1 ms + 20 ms)
 * and node 2's link back to the client (100 µs + 20 ms): ≈ 41.2 ms. Had the reply taken node 0's
 * link it would be ≈ 21.2 ms. Node 2 then crashes for 1 s (in the old simulator its replies were
 * dropped afterwards, because the two nodes' crash counters differed): writes resume after it
 * returns.
 */
import { describe, expect, it } from 'vitest';
import type { ClientRequest, Message, StrategyDefinition } from '../harness/runtime/contract.js';
import { runOne } from './support/run-suite.js';

const relay: StrategyDefinition = {
  name: 'relay',
  description: 'leader forwards writes to node 2, which answers',
  create(ctx) {
    return {
      onClientRequest(req) {
        if (req.op === 'read') return ctx.reply(req, { status: 'ok', value: ctx.store.get(req.key) });
        ctx.send(2, { type: 'fwd', req } as Message & { req: ClientRequest });
      },
      onMessage(_from, msg) {
        const req = (msg as Message & { req: ClientRequest }).req;
        ctx.store.create(req);
        ctx.reply(req, { status: 'ok' });
      },
      onTimer() {},
    };
  },
};

const suite = (faults: unknown[]) => ({
  seed: 5,
  duration: '5s',
  warmup: '500ms',
  cluster: { nodes: 3, partitions: 1, replicationFactor: 3 },
  regions: { nodes: ['near', 'near', 'far'], clients: ['near'], latency: { near: { far: '20ms' } } },
  network: { nodeToNode: '1ms', clientToNode: '100us' },
  workload: { records: 100, readProportion: 0, clients: { model: 'closed', count: 4 }, timeout: '200ms' },
  failover: { enabled: false },
  strategy: 'relay',
  faults,
});

describe('a reply from a replica other than the one the client reached', () => {
  it('travels over its sender’s link', async () => {
    const { metrics: m } = await runOne(suite([]), new Map([['relay', relay]]));
    expect(m.ops.write.failed).toBe(0);
    expect(m.ops.write.count).toBeGreaterThan(300);
    expect(m.ops.write.latency.p50).toBeGreaterThan(41_000);
    expect(m.ops.write.latency.p50).toBeLessThan(41_400);
  });

  it('still arrives after that replica restarted', async () => {
    const { metrics: m } = await runOne(suite([{ kind: 'crash', node: 2, at: '2s', for: '1s' }]), new Map([['relay', relay]]));
    // Seconds after warm-up: the crash covers buckets 1.5–2.5; from 3 s on every write succeeds.
    const ops = m.timeseries.ops;
    expect(ops[1]! + ops[2]!).toBeLessThan(ops[0]! * 1.2);
    expect(ops[3]!).toBeGreaterThan(90); // 4 clients / 41 ms ≈ 97 writes per second
    expect(m.timeseries.failed[3] ?? 0).toBe(0);
  });
});
