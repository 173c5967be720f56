/**
 * A timer a strategy sets while its replica is being created fires (the simulator used to record
 * the instance only after create() returned, so those timers were dropped), and so does onStart.
 * Three replicas each set one timer in create() and count it when it fires; onStart counts too.
 * After a crash and restart of one node its replica is created again: one more of each.
 */
import { describe, expect, it } from 'vitest';
import type { StrategyDefinition } from '../harness/runtime/contract.js';
import { runOne } from './support/run-suite.js';

const timed: StrategyDefinition = {
  name: 'timed',
  description: 'sets a timer in create()',
  create(ctx) {
    ctx.setTimer(1000, 'from-create');
    return {
      onStart: () => ctx.count('started'),
      onClientRequest: (req) => ctx.reply(req, req.op === 'read' ? { status: 'ok', value: ctx.store.get(req.key) } : { status: 'ok' }),
      onMessage() {},
      onTimer: (tag) => {
        if (tag === 'from-create') ctx.count('fired');
      },
    };
  },
};

describe('timers set in create()', () => {
  it('fire, at start and after a restart', async () => {
    const base = {
      seed: 3,
      duration: '3s',
      cluster: { nodes: 3, partitions: 1, replicationFactor: 3 },
      workload: { records: 10, clients: { model: 'closed', count: 1, thinkTime: '1ms' } },
      strategy: 'timed',
    };
    const plain = await runOne(base, new Map([['timed', timed]]));
    expect(plain.metrics.counters).toEqual({ fired: 3, started: 3 });
    const crashed = await runOne({ ...base, faults: [{ kind: 'crash', node: 1, at: '1s', for: '1s' }], failover: { enabled: false } }, new Map([['timed', timed]]));
    expect(crashed.metrics.counters).toEqual({ fired: 4, started: 4 });
  });
});
