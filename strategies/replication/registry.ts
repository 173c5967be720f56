/** The built-in replication strategies by name. A new strategy is one module plus one line here. */
import type { StrategyDefinition } from '../../harness/runtime/contract.js';
import { asyncStrategy } from './async.js';
import { multiLeaderStrategy } from './multi-leader.js';
import { quorumStrategy } from './quorum.js';
import { raftStrategy } from './raft.js';
import { chainStrategy } from './chain.js';
import { semiSyncStrategy } from './semi-sync.js';
import { syncStrategy } from './sync.js';

/** Built-in strategies, keyed by their suite name. */
export const builtinStrategies: ReadonlyMap<string, StrategyDefinition<any>> = new Map<string, StrategyDefinition<any>>([
  [syncStrategy.name, syncStrategy],
  [asyncStrategy.name, asyncStrategy],
  [semiSyncStrategy.name, semiSyncStrategy],
  [quorumStrategy.name, quorumStrategy],
  [multiLeaderStrategy.name, multiLeaderStrategy],
  [raftStrategy.name, raftStrategy],
  [chainStrategy.name, chainStrategy],
]);
