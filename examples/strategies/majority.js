// A replication strategy written outside replbench: the leader acknowledges a write once a
// majority of the replicas (itself included) have applied it. Load it from a suite with
//   strategy: { path: ./examples/strategies/majority.js }
// Plain JavaScript, no imports: a strategy only talks to its context (ctx).
// It assumes no message loss (no retransmission); see strategies/replication/log-shipping.ts for that.

/** @type {import('../../harness/runtime/types.js').StrategyDefinition} */
export default {
  name: 'majority',
  description: 'leader acknowledges once a majority of replicas (leader included) applied the write',
  // Parameters (everything in the suite entry except `path`) are passed to create() as given.
  check: (params, cluster) => (Object.keys(params).length ? [{ path: [Object.keys(params)[0]], message: 'majority takes no parameters' }] : []),
  waitsForFollowers: (_params, cluster) => cluster.replicationFactor > 1,
  create(ctx) {
    const needed = Math.floor((ctx.followers.length + 1) / 2); // follower acks for a majority of followers+1
    const match = new Map(ctx.followers.map((f) => [f, 0])); // follower -> highest applied index
    const waiting = []; // writes not yet acknowledged, in log order
    const acked = (index) => [...match.values()].filter((m) => m >= index).length;
    return {
      onClientRequest(req) {
        if (req.op === 'read') return ctx.reply(req, { status: 'ok', version: ctx.store.read(req.key) });
        const entry = ctx.store.write(req.key);
        for (const f of ctx.followers) ctx.send(f, { type: 'append', entry }, 'apply');
        if (needed === 0) return ctx.reply(req, { status: 'ok', version: entry.version, index: entry.index });
        waiting.push({ req, entry });
      },
      onMessage(from, msg) {
        if (msg.type === 'append') {
          // The ack carries the term this replica knows: after a failover, an ack from another
          // term says nothing about this leader's log, and the leader ignores it.
          ctx.send(from, { type: 'ack', term: ctx.store.term, index: ctx.store.append(msg.entry) });
        } else if (msg.type === 'ack') {
          if (msg.term !== ctx.store.term) return;
          match.set(from, Math.max(match.get(from), msg.index));
          while (waiting.length && acked(waiting[0].entry.index) >= needed) {
            const { req, entry } = waiting.shift();
            ctx.reply(req, { status: 'ok', version: entry.version, index: entry.index });
          }
        }
      },
      onTimer() {},
    };
  },
};
