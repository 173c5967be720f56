/**
 * What a strategy keeps in ctx.durable survives a crash and restart (as a term, a vote or a
 * commit index must); everything else in the replica is volatile and starts afresh. The one
 * replica counts its writes twice, in ctx.durable and in a plain variable, and on every write
 * reports whether they agree; its node crashes from 1 s to 1.5 s.
 */
import { describe, expect, it } from 'vitest';
import type { StrategyDefinition } from '../harness/runtime/contract.js';
import { runOne } from './support/run-suite.js';

const counting: StrategyDefinition = {
  name: 'counting',
  description: 'counts writes in durable and volatile state',
  create(ctx) {
    const d = ctx.durable as { writes?: number };
    let volatile = 0;
    return {
      onClientRequest(req) {
        if (req.op === 'write') {
          d.writes = (d.writes ?? 0) + 1;
          volatile++;
          ctx.store.create(req);
          // Before any crash both counters agree; after a restart the durable one is ahead.
          ctx.count(d.writes === volatile ? 'agree' : 'durable-ahead');
        }
        ctx.reply(req, req.op === 'read' ? { status: 'ok', value: ctx.store.get(req.key) } : { status: 'ok' });
      },
      onMessage() {},
      onTimer() {},
    };
  },
};

describe('ctx.durable', () => {
  it('survives a crash; volatile state does not', async () => {
    const { metrics: m } = await runOne(
      {
        seed: 2,
        duration: '2s',
        cluster: { nodes: 1, partitions: 1, replicationFactor: 1 },
        network: { clientToNode: '100us' },
        workload: { records: 10, readProportion: 0, clients: { model: 'closed', count: 1, thinkTime: '1ms' }, timeout: '20ms' },
        failover: { enabled: false },
        faults: [{ kind: 'crash', node: 0, at: '1s', for: '500ms' }],
        strategy: 'counting',
      },
      new Map([['counting', counting]]),
    );
    const agree = m.counters['agree'] ?? 0;
    const ahead = m.counters['durable-ahead'] ?? 0;
    // Writes before the crash (1 s at ~1 per 1.2 ms) agree; every write after the restart finds
    // the durable count ahead of the fresh volatile one.
    expect(agree).toBeGreaterThan(500);
    expect(ahead).toBeGreaterThan(200);
    expect(agree + ahead).toBe(m.ops.write.count);
  });
});
