/**
 * Small strategies written against the public contract, as a user would write plugins, for the
 * contract tests: a leaderless last-writer-wins store, and a leaderless quorum without repair.
 */
import { lwwVersion, type Held, type Message, type StrategyDefinition } from '../../harness/runtime/contract.js';

interface Put extends Message {
  readonly type: 'put';
  readonly key: number;
  readonly held: Held;
}

/**
 * Multi-leader, last-writer-wins: the replica a write reaches stores it with (its clock, its
 * node) and acknowledges at once, then sends it to every other replica, which keeps it if it
 * ranks higher. `skew` (µs per node) shifts each node's clock.
 */
export const lwwMultiLeader: StrategyDefinition<{ skew?: readonly number[] }> = {
  name: 'test-lww',
  description: 'multi-leader last-writer-wins (test plugin)',
  traits: { writes: 'any', reads: 'any', view: 'none', order: 'lww' },
  create(ctx, params) {
    const skew = params.skew?.[ctx.node] ?? 0;
    let last = -Infinity; // timestamps strictly increase per replica (two writes in one µs must not tie)
    const stamp = () => (last = Math.max(Math.floor(ctx.now() + skew), last + 1));
    return {
      onClientRequest(req) {
        if (req.op === 'read') return ctx.reply(req, { status: 'ok', value: ctx.store.get(req.key) });
        const held = ctx.store.create(req, lwwVersion(stamp(), ctx.node));
        for (const r of ctx.replicas) if (r !== ctx.node) ctx.send(r, { type: 'put', key: req.key, held } as Put, 'apply');
        ctx.reply(req, { status: 'ok' });
      },
      onMessage(_from, msg) {
        const m = msg as Put;
        if (!ctx.store.put(m.key, m.held)) ctx.count('skipped');
      },
      onTimer() {},
    };
  },
};

interface QPut extends Message {
  readonly type: 'put';
  readonly key: number;
  readonly held: Held;
  readonly req: number;
}

/**
 * Leaderless quorum (no read repair): the replica a write reaches stores it (last-writer-wins on
 * its clock) and sends it to the others; it acknowledges once `w` replicas (itself included)
 * hold it or something newer. Reads answer from the replica reached. A replica that already holds
 * a newer version skips an older one (and counts it).
 */
export const quorumNoRepair: StrategyDefinition<{ w?: number }> = {
  name: 'test-quorum',
  description: 'leaderless quorum writes, local reads (test plugin)',
  traits: { writes: 'any', reads: 'any', view: 'none', order: 'lww', waitsForFollowers: true },
  create(ctx, params) {
    const w = params.w ?? 2;
    const waiting = new Map<number, { req: Parameters<typeof ctx.reply>[0]; acks: number }>();
    let last = -Infinity; // timestamps strictly increase per replica (two writes in one µs must not tie)
    return {
      onClientRequest(req) {
        if (req.op === 'read') return ctx.reply(req, { status: 'ok', value: ctx.store.get(req.key) });
        const held = ctx.store.create(req, lwwVersion((last = Math.max(Math.floor(ctx.now()), last + 1)), ctx.node));
        waiting.set(req.id, { req, acks: 1 });
        for (const r of ctx.replicas) if (r !== ctx.node) ctx.send(r, { type: 'put', key: req.key, held, req: req.id } as QPut, 'apply');
      },
      onMessage(from, msg) {
        if (msg.type === 'put') {
          const m = msg as QPut;
          if (!ctx.store.put(m.key, m.held)) ctx.count('skipped');
          ctx.send(from, { type: 'ack', req: m.req } as Message);
          return;
        }
        const a = waiting.get((msg as unknown as { req: number }).req);
        if (!a) return;
        if (++a.acks === w) {
          waiting.delete(a.req.id);
          ctx.reply(a.req, { status: 'ok' });
        }
      },
      onTimer() {},
    };
  },
};
