/**
 * The six core YCSB workload files run through the CLI as they are (`replbench run <suite>
 * --ycsb workloads/ycsb/workloadX`), and what the simulator does matches what each file says:
 * the operation mix, inserts that grow the keyspace, and workload D's reads of the newest keys.
 * Properties replbench does not use are reported once, never silently dropped.
 *
 * The suite splits the keyspace with range partitioning at key 1000 (= the files' recordcount)
 * over two nodes without replication. With keys in record-number order (the workload D test sets
 * insertorder=ordered) partition 0 (node 0) holds the loaded records 0..999 and partition 1
 * (node 1) only keys that inserts created, so node 1's operations are operations on inserted keys.
 * (With YCSB's default hashed key names, inserted keys spread over both ranges.)
 *
 * Tolerance of the mix: each file runs its own operationcount = 1000 operations (no warm-up),
 * and each operation draws its kind independently, so the count of a kind with proportion p is
 * Binomial(1000, p); its share is asserted within 4 standard deviations, 4·√(p(1−p)/1000)
 * (e.g. ±6.3 pp for p = 0.5, ±2.8 pp for p = 0.95/0.05); kinds with p = 0 must not occur.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT, replbench, suiteFile, tempDir } from './helpers/cli.js';
import { expandSuite } from '../harness/config/suite.js';
import type { CaseOk, CaseResult } from '../reports/schema.js';

const YCSB_DIR = path.resolve(ROOT, 'workloads', 'ycsb');

const SUITE = `name: ycsb-files
seed: 11
cluster: { nodes: 2, partitions: 2, replicationFactor: 1 }
partitioning: { scheme: range, splits: [1000] }
network: { nodeToNode: 500us, clientToNode: 100us }
strategy: async
`;

/** Proportions as the files state them. */
const FILES: Record<string, Partial<Record<'read' | 'update' | 'insert' | 'scan' | 'read-modify-write', number>>> = {
  workloada: { read: 0.5, update: 0.5 },
  workloadb: { read: 0.95, update: 0.05 },
  workloadc: { read: 1 },
  workloadd: { read: 0.95, insert: 0.05 },
  workloade: { scan: 0.95, insert: 0.05 },
  workloadf: { read: 0.5, 'read-modify-write': 0.5 },
};
const KINDS = ['read', 'update', 'insert', 'scan', 'read-modify-write'] as const;

const cache = new Map<string, { result: CaseOk; stderr: string }>();

/** Runs the suite with `--ycsb <file>` (and `extra` arguments) through the CLI; plain runs are reused. */
function runFile(file: string, extra: string[] = []): { result: CaseOk; stderr: string } {
  const cached = extra.length === 0 ? cache.get(file) : undefined;
  if (cached) return cached;
  const out = path.join(tempDir(), 'out');
  const r = replbench(['run', suiteFile(SUITE), '--ycsb', path.join(YCSB_DIR, file), '--out', out, '--workers', '1', ...extra]);
  expect(r.code, r.stderr).toBe(0);
  const results = JSON.parse(readFileSync(path.join(out, 'results.json'), 'utf8')) as { cases: CaseResult[] };
  expect(results.cases).toHaveLength(1);
  const result = results.cases[0]!;
  if (result.status !== 'ok') throw new Error(`${file}: case ${result.status}: ${result.error.message}`);
  const run = { result, stderr: r.stderr };
  if (extra.length === 0) cache.set(file, run);
  return run;
}

describe('the core YCSB workload files run as they are', () => {
  it.each(Object.keys(FILES))('%s: the observed operation mix matches the file', (file) => {
    const m = runFile(file).result.metrics;
    const counts = Object.fromEntries(KINDS.map((k) => [k, m.ops.byKind[k]?.count ?? 0]));
    const failed = KINDS.reduce((s, k) => s + (m.ops.byKind[k]?.failed ?? 0), 0);
    expect(failed).toBe(0);
    const total = KINDS.reduce((s, k) => s + counts[k]!, 0);
    expect(total).toBe(1000); // operationcount from the file
    for (const k of KINDS) {
      const p = FILES[file]![k] ?? 0;
      if (p === 0) expect(counts[k], k).toBe(0);
      else expect(Math.abs(counts[k]! / total - p), `${k}: ${counts[k]} of ${total}`).toBeLessThanOrEqual(4 * Math.sqrt((p * (1 - p)) / total));
    }
  });

  it('workload D: inserts grow the keyspace and reads follow them (latest)', () => {
    const m = runFile('workloadd', ['-p', 'insertorder=ordered']).result.metrics;
    const inserts = m.ops.byKind.insert!.count;
    const reads = m.ops.byKind.read!.count;
    const [, onInserted] = m.load.perNode.ops as [number, number];
    // Every insert creates a key ≥ 1000: all of them land on partition 1 (node 1).
    expect(onInserted).toBeGreaterThanOrEqual(inserts);
    // Reads of keys that exist only because of inserts. Under YCSB's skewed-latest distribution
    // (Zipf over recency) a read hits the newest m of L keys with probability ζ(m)/ζ(L): about
    // 0.45 averaged over a run whose inserts grow from 0 to ≈ 50 over L ≈ 1000. Asserted > 0.25.
    // Measured (seed 11): 38 inserts, 429 of 962 reads (45%) on inserted keys.
    const readsOfInserted = onInserted - inserts;
    expect(readsOfInserted / reads).toBeGreaterThan(0.25);
    // Workload C (no inserts, zipfian) never touches a key beyond the loaded records.
    const c = runFile('workloadc').result.metrics;
    expect(c.load.perNode.ops[1]).toBe(0);
    expect(c.load.perNode.ops[0]).toBe(1000);
  });

  it('properties replbench does not use are reported once, with where they were set', async () => {
    // A copy of workloada with two properties YCSB's client reads but replbench does not model.
    const dir = tempDir();
    const file = path.join(dir, 'workloada-extra');
    writeFileSync(file, `${readFileSync(path.join(YCSB_DIR, 'workloada'), 'utf8')}\nmeasurementtype=hdrhistogram\nexporter=site.ycsb.measurements.exporter.JSONArrayMeasurementsExporter\n`);
    const lines = readFileSync(file, 'utf8').split('\n');
    const lineOf = (key: string) => lines.findIndex((l) => l.startsWith(`${key}=`)) + 1;

    // expandSuite: a two-case matrix yields the warning once, naming both keys and their lines.
    const suite = await expandSuite({ workload: { ycsb: file }, network: { clientToNode: '100us' }, matrix: { strategy: ['sync', 'async'] } }, 'test', { baseDir: dir });
    expect(suite.cases).toHaveLength(2);
    const ignored = suite.warnings.filter((w) => w.includes('ignored'));
    expect(ignored).toHaveLength(1);
    expect(ignored[0]).toContain(`measurementtype (${file}:${lineOf('measurementtype')})`);
    expect(ignored[0]).toContain(`exporter (${file}:${lineOf('exporter')})`);
    expect(ignored[0]).not.toMatch(/readproportion|recordcount|requestdistribution/);

    // The CLI prints it (and -p overrides that are not used are named as -p) once.
    const { stderr } = runFile('workloada', ['--ycsb', file, '-p', 'hdrhistogram.percentiles=95,99']);
    const notes = stderr.split('\n').filter((l) => l.startsWith('note: YCSB properties not used'));
    expect(notes).toHaveLength(1);
    expect(notes[0]).toContain('measurementtype');
    expect(notes[0]).toContain('hdrhistogram.percentiles (workload.properties or -p)');
  });
});
