/**
 * Microbenchmarks of the workload generators: draws per second for each key chooser, value-size,
 * operation and scan-length generator, plus the seeded PRNG alone as a baseline (every draw
 * includes at least one PRNG call). Each task makes BATCH draws per call so tinybench's
 * per-call timing overhead does not dominate; opsPerSec is draws (not calls) per second.
 */
import { Bench, hrtimeNow } from 'tinybench';
import { Rng } from '../harness/sim/rng.js';
import { buildKeyName, fnvhash64Mod } from '../workloads/fnv.js';
import {
  KeySpace,
  OperationChooser,
  ValueSizeGenerator,
  ZipfianGenerator,
  createKeyChooser,
  createScanLengthGenerator,
  type KeyDistributionName,
  type NumberGenerator,
} from '../workloads/generators.js';

/** Draws per tinybench call. */
const BATCH = 1000;

/** Options for benchGenerators (the defaults suit `npm run bench`). */
export interface BenchGeneratorsOptions {
  /** Milliseconds to measure each task; default 500. */
  time?: number;
  /** Milliseconds to warm each task up; default 100. */
  warmupTime?: number;
}

/** Measures draws per second of every generator; prints nothing. */
export async function benchGenerators(options: BenchGeneratorsOptions = {}): Promise<Array<{ name: string; opsPerSec: number }>> {
  const bench = new Bench({ name: 'generators', time: options.time ?? 500, warmupTime: options.warmupTime ?? 100, now: hrtimeNow, throws: true });
  let sink = 0;
  const addDraws = (name: string, gen: NumberGenerator): void => {
    bench.add(name, () => {
      let s = 0;
      for (let i = 0; i < BATCH; i++) s += gen.next();
      sink ^= s;
    });
  };

  addDraws('rng.next (baseline)', new Rng(1, 'bench/rng'));
  const records = 100_000;
  const dists: KeyDistributionName[] = ['uniform', 'zipfian', 'scrambled-zipfian', 'latest', 'hotspot', 'exponential', 'sequential'];
  for (const d of dists) {
    addDraws(`key ${d} (${records} records)`, createKeyChooser({ distribution: d, recordCount: records }, new Rng(1, `bench/${d}`)));
  }
  {
    // latest while the keyspace grows: one insert per 20 draws (YCSB workload D's 95/5 mix).
    const keys = new KeySpace(records);
    const latest = createKeyChooser({ distribution: 'latest', recordCount: records }, new Rng(1, 'bench/latest-growing'), keys);
    let n = 0;
    addDraws(`key latest, growing (${records} records, 5% inserts)`, {
      next: () => {
        if (++n % 20 === 0) keys.insert();
        return latest.next();
      },
    });
  }
  addDraws('zipfian θ=0.99 (10^8 items)', new ZipfianGenerator(100_000_000, new Rng(1, 'bench/zipf-large')));
  {
    const rng = new Rng(1, 'bench/fnv');
    addDraws('fnvhash64 mod 100000', { next: () => fnvhash64Mod(rng.nextUint32(), records) });
    let k = 0;
    bench.add('key name user+fnvhash64', () => {
      let s = 0;
      for (let i = 0; i < BATCH; i++) s += buildKeyName(k++).length;
      sink ^= s;
    });
  }
  for (const distribution of ['constant', 'uniform', 'zipfian'] as const) {
    const v = new ValueSizeGenerator({ distribution }, new Rng(1, `bench/value-${distribution}`));
    addDraws(`field length ${distribution}`, { next: () => v.fieldLength() });
  }
  {
    const ops = new OperationChooser({ read: 0.5, update: 0.3, insert: 0.1, scan: 0.05, 'read-modify-write': 0.05 }, new Rng(1, 'bench/ops'));
    bench.add('operation chooser (5 kinds)', () => {
      let s = 0;
      for (let i = 0; i < BATCH; i++) s += ops.next().length;
      sink ^= s;
    });
  }
  for (const distribution of ['uniform', 'zipfian'] as const) {
    addDraws(`scan length ${distribution}`, createScanLengthGenerator({ distribution }, new Rng(1, `bench/scan-${distribution}`)));
  }

  await bench.run();
  if (sink === 0.5) throw new Error('unreachable'); // keeps the draws observable
  return bench.tasks.map((t) => ({ name: t.name, opsPerSec: (t.result?.throughput.mean ?? 0) * BATCH }));
}
