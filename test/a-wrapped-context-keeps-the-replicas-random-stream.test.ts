/**
 * A replica's random stream is one stream for its whole life: every instance (after a restart
 * too) and every wrapper a strategy makes with Object.create(ctx) draws the next values of it,
 * never the same values again. Node 0 crashes at 1 s and restarts at 1.5 s; each instance draws
 * twice when it starts, through a fresh wrapper; the four draws are the stream's first four.
 */
import { describe, expect, it } from 'vitest';
import type { ReplicaContext, StrategyDefinition } from '../harness/runtime/contract.js';
import { Rng } from '../harness/sim/rng.js';
import { runOne } from './support/run-suite.js';

const draws: number[] = [];

const drawing: StrategyDefinition<Record<string, never>> = {
  name: 'test-draws',
  description: 'draws from ctx.random through a wrapper at each start (test plugin)',
  traits: { writes: 'any', reads: 'any', view: 'none', order: 'counter' },
  create(inner) {
    const ctx = Object.create(inner) as ReplicaContext;
    return {
      onStart() {
        if (ctx.node === 0 && ctx.partition === 0) draws.push(ctx.random.next(), ctx.random.next());
      },
      onClientRequest(req) {
        if (req.op === 'write') ctx.store.create(req);
        ctx.reply(req, req.op === 'read' ? { status: 'ok', value: ctx.store.get(req.key) } : { status: 'ok' });
      },
      onMessage() {},
      onTimer() {},
    };
  },
};

describe('ctx.random', () => {
  it('continues one stream across restarts and wrappers', async () => {
    const seed = 5;
    await runOne(
      {
        seed,
        duration: '2s',
        cluster: { nodes: 3, partitions: 1, replicationFactor: 3 },
        workload: { records: 10 },
        failover: { enabled: false },
        faults: [{ kind: 'crash', node: 0, at: '1s', for: '500ms' }],
        strategy: 'test-draws',
      },
      new Map([['test-draws', drawing]]),
    );
    const stream = new Rng(seed, 'case').fork('replica').fork('0/0');
    expect(draws).toEqual([stream.next(), stream.next(), stream.next(), stream.next()]);
  });
});
