/**
 * Partitioner lookup microbenchmarks (tinybench): `partitionOf` calls per second for each scheme at 10 and 1000
 * nodes, plus two baselines — the bare seeded 64-bit key hash, and jump with BigInt arithmetic instead of 32-bit
 * halves. Each task call looks up a batch of keys, so the per-call overhead of tinybench is amortised.
 */
import { Bench } from 'tinybench';
import { Hasher64 } from '../strategies/partitioning/hash.js';
import { jumpConsistentHashBigInt } from '../strategies/partitioning/jump.js';
import { createPartitionScheme } from '../strategies/partitioning/registry.js';
import type { PartitionOptions, PartitionScheme } from '../strategies/partitioning/types.js';

/** Keys looked up per task call. */
const BATCH = 1024;
/** Record numbers drawn from a 1e6-key space (scrambled so consecutive lookups are not neighbours). */
const KEY_SPACE = 1_000_000;

let sink = 0;

/** Options for `benchPartitioners`. */
export interface PartitionerBenchOptions {
  /** Milliseconds per task (default 500). */
  readonly time?: number;
  /** Node counts to measure (default [10, 1000]). */
  readonly nodeCounts?: readonly number[];
}

/** Lookups per second for every partitioning scheme at 10 and 1000 nodes (names like `consistent-hash v=256 n=1000`). */
export async function benchPartitioners(options: PartitionerBenchOptions = {}): Promise<Array<{ name: string; opsPerSec: number }>> {
  const keys = new Float64Array(BATCH);
  for (let i = 0; i < BATCH; i++) keys[i] = (i * 2654435761) % KEY_SPACE;
  const bench = new Bench({ name: 'partitioners', time: options.time ?? 500, warmupTime: 100 });

  const lookups = (scheme: PartitionScheme) => () => {
    let acc = 0;
    for (let i = 0; i < BATCH; i++) acc += scheme.partitionOf(keys[i]!);
    sink += acc;
  };

  const base: Omit<PartitionOptions, 'nodes'> = { replicationFactor: 3, seed: 1 };
  for (const n of options.nodeCounts ?? [10, 1000]) {
    const schemes: Array<[string, PartitionScheme]> = [
      [`hash-mod n=${n}`, createPartitionScheme('hash-mod', { ...base, nodes: n })],
      [`hash-mod fixed P=${16 * n} n=${n}`, createPartitionScheme('hash-mod', { ...base, nodes: n, partitions: 16 * n })],
      [`range P=${n} n=${n}`, createPartitionScheme('range', { ...base, nodes: n, keySpace: KEY_SPACE })],
      [`consistent-hash v=16 n=${n}`, createPartitionScheme('consistent-hash', { ...base, nodes: n, vnodes: 16 })],
      [`consistent-hash v=256 n=${n}`, createPartitionScheme('consistent-hash', { ...base, nodes: n, vnodes: 256 })],
      [`rendezvous n=${n}`, createPartitionScheme('rendezvous', { ...base, nodes: n })],
      [`jump n=${n}`, createPartitionScheme('jump', { ...base, nodes: n })],
    ];
    for (const [name, scheme] of schemes) bench.add(name, lookups(scheme));
    const hasher = new Hasher64(1);
    bench.add(`jump (BigInt reference) n=${n}`, () => {
      let acc = 0;
      for (let i = 0; i < BATCH; i++) {
        hasher.hash(keys[i]!);
        acc += jumpConsistentHashBigInt((BigInt(hasher.hi) << 32n) | BigInt(hasher.lo), n);
      }
      sink += acc;
    });
  }
  const hasher = new Hasher64(1);
  bench.add('hash64 alone (baseline)', () => {
    let acc = 0;
    for (let i = 0; i < BATCH; i++) acc += hasher.hash53(keys[i]!);
    sink += acc;
  });

  await bench.run();
  if (sink === -1) throw new Error('unreachable');
  return bench.tasks.map((t) => {
    const r = t.result;
    if (r === undefined || r.error !== undefined) throw new Error(`partitioner benchmark ${t.name} failed: ${r?.error?.message ?? 'no result'}`);
    return { name: t.name, opsPerSec: r.throughput.mean * BATCH };
  });
}
