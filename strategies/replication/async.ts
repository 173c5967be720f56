/** Asynchronous replication: the leader acknowledges after applying locally; followers catch up later. */
import { z } from 'zod';
import { positiveDurationParam, type StrategyDefinition } from '../../harness/runtime/contract.js';
import { LogShippingReplica } from './log-shipping.js';

const params = z.strictObject({ retransmit: positiveDurationParam.default(100_000) });

/** The `async` strategy. */
export const asyncStrategy: StrategyDefinition<z.infer<typeof params>> = {
  name: 'async',
  description: 'leader acknowledges after applying locally; followers apply in log order later',
  params,
  create: (ctx, p) => new LogShippingReplica(ctx, { acks: 0, timeout: Infinity, fallback: 'per-write', retransmit: p.retransmit }),
};
