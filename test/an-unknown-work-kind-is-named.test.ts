/**
 * A strategy that sends a message with a work kind the contract does not know (a typo, or a
 * JavaScript plugin without types) gets an error naming the kinds there are, not a failure deep
 * in the node queues.
 */
import { describe, expect, it } from 'vitest';
import type { StrategyDefinition, Work } from '../harness/runtime/contract.js';
import { runOne } from './support/run-suite.js';

const typo: StrategyDefinition<Record<string, never>> = {
  name: 'test-typo',
  description: 'sends with an unknown work kind (test plugin)',
  traits: { writes: 'any', reads: 'any', view: 'none', order: 'counter' },
  create(ctx) {
    return {
      onClientRequest(req) {
        if (req.op === 'write') ctx.store.create(req);
        for (const r of ctx.replicas) if (r !== ctx.node) ctx.send(r, { type: 'note' }, 'aply' as Work);
        ctx.reply(req, { status: 'ok' });
      },
      onMessage() {},
      onTimer() {},
    };
  },
};

describe('ctx.send', () => {
  it('names the work kinds when given an unknown one', async () => {
    const suite = { seed: 1, duration: '1s', cluster: { nodes: 3, partitions: 1, replicationFactor: 3 }, workload: { records: 10 }, strategy: 'test-typo' };
    await expect(runOne(suite, new Map([['test-typo', typo]]))).rejects.toThrow(/ctx\.send: work must be 'write', 'read', 'apply' or 'none', got "aply"/);
  });
});
