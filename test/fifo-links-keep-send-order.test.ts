/**
 * Network ordering. With `fifo` links (the default, as TCP) a message never overtakes the one
 * sent before it on its link, even with exponential delays, and a replica handles one sender's
 * messages in that order even with several workers; with `independent` links they overtake
 * freely. A probe strategy: the leader sends a numbered message to each follower on every write
 * (the messages cost apply work, 4 workers); followers count arrivals out of order.
 *
 * And the default suite's async case, whose retransmissions with no loss at all used to puzzle
 * readers (tens of thousands: independent delays and 4 workers reorder appends, and a gap looks
 * like a loss): with fifo links there are none.
 */
import { describe, expect, it } from 'vitest';
import path from 'node:path';
import type { Message, StrategyDefinition } from '../harness/runtime/contract.js';
import { readSuiteFile } from '../harness/config/suite.js';
import { ROOT } from './helpers/cli.js';
import { runOne } from './support/run-suite.js';

const probe: StrategyDefinition = {
  name: 'probe',
  description: 'numbered messages from the leader',
  create(ctx) {
    let sent = 0;
    const last = new Map<number, number>();
    return {
      onClientRequest(req) {
        if (req.op === 'write') for (const f of ctx.followers) ctx.send(f, { type: 'n', n: ++sent } as Message, 'apply');
        ctx.reply(req, req.op === 'read' ? { status: 'ok', value: ctx.store.get(req.key) } : { status: 'ok' });
      },
      onMessage(from, msg) {
        const n = (msg as Message & { n: number }).n;
        ctx.count(n < (last.get(from) ?? 0) ? 'overtaken' : 'in-order');
        last.set(from, Math.max(n, last.get(from) ?? 0));
      },
      onTimer() {},
    };
  },
};

const suite = (ordering: string) => ({
  seed: 6,
  duration: '2s',
  cluster: { nodes: 3, partitions: 1, replicationFactor: 3 },
  network: { nodeToNode: { dist: 'exponential', mean: '1ms' }, clientToNode: '100us', ordering },
  service: { workers: 4, apply: { dist: 'exponential', mean: '20us' } },
  workload: { records: 100, readProportion: 0, clients: { model: 'closed', count: 8 } },
  strategy: 'probe',
});

describe('network ordering', () => {
  it('fifo: no message overtakes another on its link; independent: many do', async () => {
    const fifo = await runOne(suite('fifo'), new Map([['probe', probe]]));
    expect(fifo.metrics.counters['in-order']).toBeGreaterThan(100_000);
    expect(fifo.metrics.counters['overtaken'] ?? 0).toBe(0);
    const independent = await runOne(suite('independent'), new Map([['probe', probe]]));
    expect(independent.metrics.counters['overtaken']).toBeGreaterThan(10_000);
  });

  it('the default suite’s async case resends nothing with fifo links and no loss', async () => {
    const raw = (await readSuiteFile(path.join(ROOT, 'suites', 'default.yaml'))) as Record<string, unknown>;
    const { matrix: _m, ...base } = raw;
    const run = await runOne({ ...base, duration: '4s', warmup: '1s', strategy: 'async' });
    expect(run.config.network.ordering).toBe('fifo');
    expect(run.metrics.ops.write.count).toBeGreaterThan(100_000);
    expect(run.metrics.counters['retransmits'] ?? 0).toBe(0);
  });
});
