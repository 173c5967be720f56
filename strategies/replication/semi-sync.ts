/**
 * Semi-synchronous replication (as MySQL's rpl_semi_sync): the leader waits for `acks`
 * followers; if they do not answer within `timeout` it acknowledges anyway and counts a fallback.
 * `fallback: switch` keeps MySQL's mode switch: after a timeout the leader runs asynchronously
 * until `acks` followers have caught up.
 */
import { z } from 'zod';
import { positiveDurationParam, type StrategyDefinition } from '../../harness/runtime/contract.js';
import { LogShippingReplica } from './log-shipping.js';

const params = z.strictObject({
  acks: z.number().int().min(1).default(1),
  timeout: positiveDurationParam.default(10_000_000),
  fallback: z.enum(['per-write', 'switch']).default('per-write'),
  retransmit: positiveDurationParam.default(100_000),
});

/** The `semi-sync` strategy. */
export const semiSyncStrategy: StrategyDefinition<z.infer<typeof params>> = {
  name: 'semi-sync',
  description: 'leader waits for `acks` followers; after `timeout` falls back to asynchronous acknowledgement (counts fallbacks)',
  params,
  check: (p, cluster) =>
    p.acks > cluster.replicationFactor - 1
      ? [{ path: ['acks'], message: `${p.acks} exceeds followers (${cluster.replicationFactor - 1})` }]
      : [],
  traits: { waitsForFollowers: true },
  create: (ctx, p) => new LogShippingReplica(ctx, { acks: p.acks, timeout: p.timeout, fallback: p.fallback, retransmit: p.retransmit }),
};
