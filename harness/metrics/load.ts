/**
 * Load balance and resize cost of a case: operations and keys per node and per partition
 * (max/mean, coefficient of variation), the hottest partition, and the fraction of keys whose
 * owner changes when the cluster grows to N+1 or shrinks to N−1 nodes.
 */
import { countStats, loadBalance, resizeCost, type CountStats } from '../../strategies/partitioning/metrics.js';
import type { PartitionScheme } from '../../strategies/partitioning/types.js';
import type { LoadCounts } from './recorder.js';
import type { LoadMetrics, Spread } from './types.js';

function spread(s: CountStats): Spread {
  return { total: s.total, mean: s.mean, min: s.min, max: s.max, maxOverMean: s.maxOverMean, cv: s.cv };
}

/** Computes the load metrics of a finished case. */
export function loadMetrics(scheme: PartitionScheme, records: number, counts: LoadCounts): LoadMetrics {
  const keys = loadBalance(scheme, records);
  const replicaOps = Array.from(counts.opsPerNode, (ops, i) => ops + counts.appliesPerNode[i]!);
  const ops = countStats(counts.opsPerNode);
  const partitionOps = countStats(counts.opsPerPartition);
  let hottest = 0;
  for (let p = 1; p < counts.opsPerPartition.length; p++) if (counts.opsPerPartition[p]! > counts.opsPerPartition[hottest]!) hottest = p;
  const resize = resizeCost(scheme, records);
  return {
    scheme: scheme.name,
    partitions: scheme.partitions,
    perNode: {
      ops: Array.from(counts.opsPerNode),
      replicaOps,
      leaderKeys: Array.from(keys.keysPerLeader.counts),
      replicaKeys: Array.from(keys.keysPerReplica.counts),
    },
    nodeOps: spread(ops),
    nodeReplicaOps: spread(countStats(replicaOps)),
    nodeLeaderKeys: spread(keys.keysPerLeader),
    nodeReplicaKeys: spread(keys.keysPerReplica),
    partitionOps: spread(partitionOps),
    partitionKeys: spread(keys.keysPerPartition),
    hottestPartition: { partition: hottest, share: partitionOps.total > 0 ? counts.opsPerPartition[hottest]! / partitionOps.total : 0 },
    resize: { grow: resize.grow.fraction, shrink: resize.shrink ? resize.shrink.fraction : null },
  };
}
