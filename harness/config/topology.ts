/**
 * Cluster topology: the partitioning scheme (with only the options that apply to it) and regions
 * (a region per node and per client, and the inter-region latency matrix), resolved and checked.
 */
import { createPartitionScheme } from '../../strategies/partitioning/registry.js';
import { PartitionConfigError } from '../../strategies/partitioning/errors.js';
import type { PartitionScheme } from '../../strategies/partitioning/types.js';
import type { DistSpec } from '../sim/distributions.js';
import type { InputProblem } from './errors.js';
import type { CaseConfig, PartitioningConfig, RegionsConfig } from './schema.js';

type RawPartitioning = string | { scheme: string; vnodes?: number; mode?: 'per-node' | 'fixed'; splits?: number[]; placement?: 'simple' | 'spread-regions' };

/** Keeps only the options that the chosen scheme uses (so sweeping vnodes over hash-mod yields one case, not three). */
export function resolvePartitioning(raw: RawPartitioning): PartitioningConfig {
  const o = typeof raw === 'string' ? { scheme: raw } : raw;
  return {
    scheme: o.scheme,
    ...(o.scheme === 'consistent-hash' && o.vnodes !== undefined ? { vnodes: o.vnodes } : {}),
    ...((o.scheme === 'hash-mod' || o.scheme === 'range') && o.mode !== undefined ? { mode: o.mode } : {}),
    ...(o.scheme === 'range' && o.splits !== undefined ? { splits: o.splits } : {}),
    ...(o.placement !== undefined ? { placement: o.placement } : {}),
  };
}

/** Resolves regions: node regions repeat cyclically to cover every node; latency is made symmetric; every pair must be given. */
export function resolveRegions(
  raw: { nodes: string[]; clients?: string[] | undefined; latency: Record<string, Record<string, DistSpec>> } | undefined,
  nodes: number,
  problems: InputProblem[],
): RegionsConfig | null {
  if (!raw) return null;
  const nodeRegions = Array.from({ length: nodes }, (_, i) => raw.nodes[i % raw.nodes.length]!);
  const names = [...new Set(raw.nodes)];
  const clients = raw.clients ?? [names[0]!];
  clients.forEach((c, i) => {
    if (!names.includes(c)) problems.push({ path: `regions.clients[${i}]`, message: `unknown region "${c}" (regions of nodes: ${names.join(', ')})` });
  });
  // Region names are the user's strings: maps without a prototype, so a region named "constructor" or "toString" is just a name.
  const latency: Record<string, Record<string, DistSpec>> = Object.create(null);
  for (const a of names) latency[a] = Object.create(null);
  for (const [a, row] of Object.entries(raw.latency)) {
    if (!names.includes(a)) {
      problems.push({ path: `regions.latency.${a}`, message: `unknown region "${a}" (regions of nodes: ${names.join(', ')})` });
      continue;
    }
    for (const [b, d] of Object.entries(row)) {
      if (!names.includes(b)) {
        problems.push({ path: `regions.latency.${a}.${b}`, message: `unknown region "${b}"` });
        continue;
      }
      if (a === b) {
        problems.push({ path: `regions.latency.${a}.${b}`, message: 'latency within a region is network.nodeToNode / network.clientToNode' });
        continue;
      }
      const existing = latency[b]![a];
      if (existing && JSON.stringify(existing) !== JSON.stringify(d)) problems.push({ path: `regions.latency.${a}.${b}`, message: `given twice with different values (${b} -> ${a} too); latency is symmetric` });
      latency[a]![b] = d;
      latency[b]![a] = d;
    }
  }
  for (const a of names) for (const b of names) if (a < b && !latency[a]![b]) problems.push({ path: 'regions.latency', message: `no latency given between ${a} and ${b}` });
  return { nodes: nodeRegions, clients, latency };
}

/** Builds the partitioning scheme of a case. */
export function buildScheme(config: Pick<CaseConfig, 'cluster' | 'partitioning' | 'regions' | 'seed' | 'workload'>): PartitionScheme {
  const p = config.partitioning;
  return createPartitionScheme(p.scheme, {
    nodes: config.cluster.nodes,
    replicationFactor: config.cluster.replicationFactor,
    seed: config.seed,
    partitions: config.cluster.partitions,
    keySpace: config.workload.records,
    keyOrder: config.workload.keyOrder,
    ...(p.vnodes !== undefined ? { vnodes: p.vnodes } : {}),
    ...(p.mode !== undefined ? { mode: p.mode } : {}),
    ...(p.splits !== undefined ? { splits: p.splits } : {}),
    ...(p.placement !== undefined ? { placement: p.placement } : {}),
    ...(config.regions ? { regions: config.regions.nodes } : {}),
  });
}

/** Checks that the scheme can be built; returns its problems (paths as the suite writes them). */
export function schemeProblems(config: Parameters<typeof buildScheme>[0]): InputProblem[] {
  try {
    buildScheme(config);
    return [];
  } catch (err) {
    if (err instanceof PartitionConfigError) return err.problems.map((p) => ({ path: p.path, message: p.message }));
    throw err;
  }
}
