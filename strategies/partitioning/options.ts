/** Validation and defaults shared by every partitioning scheme. */
import { PartitionConfigError, type PartitionProblem } from './errors.js';
import type { KeyOrder, NormalizedPartitionOptions, PartitionMode, PartitionOptions } from './types.js';

/** Default virtual nodes per node for consistent hashing (Cassandra 4's default `num_tokens`). */
export const DEFAULT_VNODES = 16;

/** Upper bound on ring tokens (nodes × vnodes): 4 Mi tokens is ~50 MB of typed arrays. */
export const MAX_RING_TOKENS = 1 << 22;

const MODES = ['per-node', 'fixed'] as const;
const PLACEMENTS = ['simple', 'spread-regions'] as const;

function isInt(v: unknown): v is number {
  return typeof v === 'number' && Number.isInteger(v);
}

/**
 * Checks the options every scheme shares and fills defaults; problems are appended to `problems`
 * (the caller adds scheme-specific ones and then calls `throwIfProblems`).
 */
export function normalizeOptions(options: PartitionOptions, problems: PartitionProblem[]): NormalizedPartitionOptions {
  const o = options as Partial<Record<keyof PartitionOptions, unknown>>;
  let nodes = 1;
  if (!isInt(o.nodes) || o.nodes < 1) problems.push({ path: 'cluster.nodes', message: `must be an integer ≥ 1 (got ${String(o.nodes)})` });
  else nodes = o.nodes;

  let replicationFactor = 1;
  if (o.replicationFactor !== undefined) {
    if (!isInt(o.replicationFactor) || o.replicationFactor < 1) {
      problems.push({ path: 'cluster.replicationFactor', message: `must be an integer ≥ 1 (got ${String(o.replicationFactor)})` });
    } else if (o.replicationFactor > nodes) {
      problems.push({ path: 'cluster.replicationFactor', message: `${o.replicationFactor} replicas need at least ${o.replicationFactor} nodes (got ${nodes})` });
    } else replicationFactor = o.replicationFactor;
  }

  let seed = 0;
  if (o.seed !== undefined) {
    if (!isInt(o.seed) || o.seed < 0 || o.seed > Number.MAX_SAFE_INTEGER) problems.push({ path: 'seed', message: `must be an integer in [0, 2^53) (got ${String(o.seed)})` });
    else seed = o.seed;
  }

  let partitions: number | undefined;
  if (o.partitions !== undefined) {
    if (!isInt(o.partitions) || o.partitions < 1) problems.push({ path: 'cluster.partitions', message: `must be an integer ≥ 1 (got ${String(o.partitions)})` });
    else partitions = o.partitions;
  }

  let mode: NormalizedPartitionOptions['mode'];
  if (o.mode !== undefined) {
    if (!(MODES as readonly unknown[]).includes(o.mode)) problems.push({ path: 'partitioning.mode', message: `must be one of ${MODES.join(', ')} (got ${String(o.mode)})` });
    else mode = o.mode as NormalizedPartitionOptions['mode'];
  }

  let vnodes = DEFAULT_VNODES;
  if (o.vnodes !== undefined) {
    if (!isInt(o.vnodes) || o.vnodes < 1) problems.push({ path: 'partitioning.vnodes', message: `must be an integer ≥ 1 (got ${String(o.vnodes)})` });
    else vnodes = o.vnodes;
  }

  let keySpace: number | undefined;
  if (o.keySpace !== undefined) {
    if (!isInt(o.keySpace) || o.keySpace < 1) problems.push({ path: 'partitioning.keySpace', message: `must be an integer ≥ 1 (got ${String(o.keySpace)})` });
    else keySpace = o.keySpace;
  }

  let splits: number[] | undefined;
  if (o.splits !== undefined) {
    if (!Array.isArray(o.splits)) problems.push({ path: 'partitioning.splits', message: 'must be a list of numbers' });
    else {
      const list = o.splits as unknown[];
      let ok = true;
      for (let i = 0; i < list.length; i++) {
        const v = list[i];
        if (typeof v !== 'number' || !Number.isFinite(v)) {
          problems.push({ path: `partitioning.splits[${i}]`, message: `must be a finite number (got ${String(v)})` });
          ok = false;
        } else if (i > 0 && typeof list[i - 1] === 'number' && v <= (list[i - 1] as number)) {
          problems.push({ path: `partitioning.splits[${i}]`, message: `split points must be strictly increasing: ${v} follows ${String(list[i - 1])}` });
          ok = false;
        }
      }
      if (ok) splits = list as number[];
    }
  }

  let sample: number[] | undefined;
  if (o.sample !== undefined) {
    const s = o.sample as ArrayLike<unknown>;
    if (s === null || typeof s !== 'object' || typeof s.length !== 'number') problems.push({ path: 'partitioning.sample', message: 'must be a list of keys' });
    else if (s.length === 0) problems.push({ path: 'partitioning.sample', message: 'must not be empty' });
    else {
      const copy: number[] = new Array(s.length);
      let bad = -1;
      for (let i = 0; i < s.length; i++) {
        const v = s[i];
        if (typeof v !== 'number' || !Number.isFinite(v)) {
          bad = i;
          break;
        }
        copy[i] = v;
      }
      if (bad >= 0) problems.push({ path: `partitioning.sample[${bad}]`, message: `must be a finite number (got ${String(s[bad])})` });
      else sample = copy;
    }
  }

  let regions: string[] | undefined;
  if (o.regions !== undefined) {
    if (!Array.isArray(o.regions)) problems.push({ path: 'cluster.regions', message: 'must be a list with one region name per node' });
    else {
      const list = o.regions as unknown[];
      let ok = true;
      if (list.length !== nodes) {
        problems.push({ path: 'cluster.regions', message: `needs one region per node: ${list.length} regions for ${nodes} nodes` });
        ok = false;
      }
      for (let i = 0; i < list.length; i++) {
        if (typeof list[i] !== 'string' || list[i] === '') {
          problems.push({ path: `cluster.regions[${i}]`, message: `must be a non-empty region name (got ${String(list[i])})` });
          ok = false;
        }
      }
      if (ok) regions = list as string[];
    }
  }

  let placement: NormalizedPartitionOptions['placement'] = 'simple';
  if (o.placement !== undefined) {
    if (!(PLACEMENTS as readonly unknown[]).includes(o.placement)) {
      problems.push({ path: 'partitioning.placement', message: `must be one of ${PLACEMENTS.join(', ')} (got ${String(o.placement)})` });
    } else placement = o.placement as NormalizedPartitionOptions['placement'];
  }
  if (placement === 'spread-regions' && o.regions === undefined) {
    problems.push({ path: 'partitioning.placement', message: 'spread-regions needs cluster.regions (a region name per node)' });
  }

  let keyOrder: KeyOrder = 'ordered';
  if (o.keyOrder !== undefined) {
    if (o.keyOrder !== 'ordered' && o.keyOrder !== 'hashed') problems.push({ path: 'partitioning.keyOrder', message: `must be ordered or hashed (got ${String(o.keyOrder)})` });
    else keyOrder = o.keyOrder;
  }

  return { nodes, replicationFactor, seed, partitions, mode, vnodes, keySpace, keyOrder, splits, sample, regions, placement };
}

/** Throws a `PartitionConfigError` if any problem was collected. */
export function throwIfProblems(problems: readonly PartitionProblem[]): void {
  if (problems.length > 0) throw new PartitionConfigError(problems);
}

/**
 * Region names for `nodes` nodes after a resize: the given list, or the old list truncated, or extended by adding
 * each new node to the region with the fewest nodes (ties: the region listed first).
 */
export function resizeRegions(old: readonly string[] | undefined, nodes: number, given: readonly string[] | undefined): readonly string[] | undefined {
  if (given !== undefined) return given;
  if (old === undefined) return undefined;
  if (nodes <= old.length) return old.slice(0, nodes);
  const order: string[] = [];
  const count = new Map<string, number>();
  for (const r of old) {
    if (!count.has(r)) order.push(r);
    count.set(r, (count.get(r) ?? 0) + 1);
  }
  const out = old.slice();
  while (out.length < nodes) {
    let best = order[0]!;
    for (const r of order) if (count.get(r)! < count.get(best)!) best = r;
    out.push(best);
    count.set(best, count.get(best)! + 1);
  }
  return out;
}

/** Options for a resized scheme: same options with the new node count, regions and (capped) replication factor. */
export function resizedOptions(o: NormalizedPartitionOptions, nodes: number, changes: { regions?: readonly string[]; replicationFactor?: number } | undefined): PartitionOptions {
  return {
    ...o,
    nodes,
    regions: resizeRegions(o.regions, nodes, changes?.regions),
    replicationFactor: changes?.replicationFactor ?? Math.min(o.replicationFactor, Math.max(1, nodes)),
  };
}

/**
 * The mode for hash-mod and range: explicit, or `per-node` when partitions is omitted or equals nodes, else `fixed`.
 * Checks that per-node mode has partitions = nodes and explicit fixed mode has partitions ≥ nodes (unless resizing).
 */
export function resolveMode(o: NormalizedPartitionOptions, problems: PartitionProblem[], resizing: boolean): PartitionMode {
  const p = o.partitions;
  const mode: PartitionMode = o.mode ?? (p === undefined || p === o.nodes ? 'per-node' : 'fixed');
  if (mode === 'per-node' && p !== undefined && p !== o.nodes) {
    problems.push({ path: 'cluster.partitions', message: `per-node mode uses one partition per node: ${p} partitions for ${o.nodes} nodes (omit partitions or use mode 'fixed')` });
  }
  if (mode === 'fixed' && o.mode === 'fixed' && !resizing && p !== undefined && p < o.nodes) {
    problems.push({ path: 'cluster.partitions', message: `fixed mode needs at least as many partitions as nodes so every node can own one: ${p} partitions for ${o.nodes} nodes` });
  }
  if (mode === 'fixed' && p === undefined && o.splits === undefined) {
    problems.push({ path: 'cluster.partitions', message: 'fixed mode needs a partition count' });
  }
  return mode;
}
