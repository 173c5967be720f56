/** Synchronous replication: the leader acknowledges a write once every follower has applied it. */
import { z } from 'zod';
import { positiveDurationParam, type StrategyDefinition } from '../../harness/runtime/contract.js';
import { LogShippingReplica } from './log-shipping.js';

const params = z.strictObject({ retransmit: positiveDurationParam.default(100_000) });

/** The `sync` strategy. */
export const syncStrategy: StrategyDefinition<z.infer<typeof params>> = {
  name: 'sync',
  description: 'leader acknowledges a write after every follower has applied it',
  params,
  traits: (_p, cluster) => ({ waitsForFollowers: cluster.replicationFactor > 1 }),
  create: (ctx, p) => new LogShippingReplica(ctx, { acks: ctx.followers.length, timeout: Infinity, fallback: 'per-write', retransmit: p.retransmit }),
};
