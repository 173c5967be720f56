// A replication strategy written outside replbench: the leader acknowledges a write once a
// majority of the replicas (itself included) have applied it. Load it from a suite with
//   strategy: { path: ./examples/strategies/majority.js }
// Plain JavaScript, no imports: a strategy only talks to its context (ctx).
// It assumes no message loss (it resends only what a follower is missing after a failover);
// see strategies/replication/log-shipping.ts for full loss repair.

/** @type {import('../../harness/runtime/contract.js').StrategyDefinition} */
export default {
  name: 'majority',
  description: 'leader acknowledges once a majority of replicas (leader included) applied the write',
  // Parameters (everything in the suite entry except `path`) are passed to create() as given.
  check: (params) => (Object.keys(params).length ? [{ path: [Object.keys(params)[0]], message: 'majority takes no parameters' }] : []),
  traits: (_params, cluster) => ({ waitsForFollowers: cluster.replicationFactor > 1 }),
  create(ctx) {
    const needed = Math.floor((ctx.followers.length + 1) / 2); // follower acks for a majority of followers+1
    const match = new Map(ctx.followers.map((f) => [f, 0])); // follower -> highest applied index
    const waiting = []; // writes not yet acknowledged, in log order
    const acked = (index) => [...match.values()].filter((m) => m >= index).length;
    const ship = (to, from) => {
      // Send entries from..end of the leader's log (a new leader catching a follower up).
      for (let i = from; i <= ctx.log.lastIndex; i++) {
        const entry = ctx.log.entry(i);
        if (entry) ctx.send(to, { type: 'append', entry }, 'apply');
      }
    };
    return {
      onStart() {
        // A new leader (after a failover) does not know where its followers' logs end: it asks.
        if (ctx.isLeader && ctx.log.term > 0) for (const f of ctx.followers) ctx.send(f, { type: 'probe' });
      },
      onClientRequest(req) {
        if (req.op === 'read') return ctx.reply(req, { status: 'ok', value: ctx.store.get(req.key) });
        if (!ctx.isLeader) return ctx.reply(req, { status: 'failed', reason: 'not the leader', redirect: ctx.leader ?? undefined });
        const entry = ctx.log.write(req); // append to the log and apply
        for (const f of ctx.followers) ctx.send(f, { type: 'append', entry }, 'apply');
        if (needed === 0) return ctx.reply(req, { status: 'ok' });
        waiting.push({ req, entry });
      },
      onMessage(from, msg) {
        if (msg.type === 'append' || msg.type === 'probe') {
          // The ack carries the term this replica knows: after a failover, an ack from another
          // term says nothing about this leader's log, and the leader ignores it.
          const index = msg.type === 'append' ? ctx.log.append(msg.entry) : ctx.log.lastApplied;
          ctx.send(from, { type: 'ack', term: ctx.log.term, index, probe: msg.type === 'probe' });
        } else if (msg.type === 'ack') {
          if (msg.term !== ctx.log.term) return;
          if (msg.probe) ship(from, msg.index + 1);
          match.set(from, Math.max(match.get(from), msg.index));
          while (waiting.length && acked(waiting[0].entry.index) >= needed) ctx.reply(waiting.shift().req, { status: 'ok' });
        }
      },
      onTimer() {},
    };
  },
};
