// The six YCSB core workloads shipped in workloads/ycsb/ (the property values of YCSB's own core
// files) read to the proportions and request distribution each states, both in its settings and in
// its header comment, and point at nothing outside the repository.
import { readFileSync, readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadYcsbWorkload } from '../workloads/ycsb.js';
import type { OperationKind } from '../workloads/generators.js';
import { SHIPPED_YCSB_NAMES } from '../harness/config/ycsb-run.js';

const dir = new URL('../workloads/ycsb/', import.meta.url);
const files = readdirSync(dir).sort();

/** What each file states (YCSB's values). */
const expected: Record<string, { ops: Partial<Record<OperationKind, number>>; dist: string; scan?: [number, number, string] }> = {
  workloada: { ops: { read: 0.5, update: 0.5 }, dist: 'zipfian' },
  workloadb: { ops: { read: 0.95, update: 0.05 }, dist: 'zipfian' },
  workloadc: { ops: { read: 1 }, dist: 'zipfian' },
  workloadd: { ops: { read: 0.95, insert: 0.05 }, dist: 'latest' },
  workloade: { ops: { scan: 0.95, insert: 0.05 }, dist: 'zipfian', scan: [1, 100, 'uniform'] },
  workloadf: { ops: { read: 0.5, 'read-modify-write': 0.5 }, dist: 'zipfian' },
};

const KINDS: readonly OperationKind[] = ['read', 'update', 'insert', 'scan', 'read-modify-write'];

/** Reads "# Read/update/insert/scan/read-modify-write ratio: 95/0/5/0/0" and "# Request distribution: latest" from the header. */
function statedInComments(text: string): { ops: Partial<Record<OperationKind, number>>; dist: string } {
  const ratio = /^#\s+Read\/update\/insert\/scan\/read-modify-write ratio: ([\d/]+)\s*$/m.exec(text);
  const dist = /^#\s+Request distribution: (\w+)\s*$/m.exec(text);
  if (!ratio || !dist) throw new Error('header statement not found');
  const values = ratio[1]!.split('/').map(Number);
  const total = values.reduce((a, b) => a + b, 0);
  const ops: Partial<Record<OperationKind, number>> = {};
  KINDS.forEach((k, i) => {
    if (values[i]! > 0) ops[k] = values[i]! / total;
  });
  return { ops, dist: dist[1]! };
}

describe('the shipped YCSB core workload files', () => {
  it('are the six core workloads, the names --ycsb finds by name', () => {
    expect(files).toEqual(Object.keys(expected));
    expect([...SHIPPED_YCSB_NAMES]).toEqual(files);
  });

  for (const f of Object.keys(expected)) {
    it(`${f} reads to the proportions and distribution it states, with YCSB's record and scan settings`, () => {
      const text = readFileSync(new URL(f, dir), 'utf8');
      expect(text).not.toMatch(/\.\.\/|shared/); // nothing outside the repository
      const w = loadYcsbWorkload([{ name: f, text }]);
      const want = expected[f]!;
      const stated = statedInComments(text);
      expect(stated.dist).toBe(want.dist);
      for (const kind of KINDS) {
        expect(w.operations[kind], kind).toBeCloseTo(want.ops[kind] ?? 0, 12);
        expect(w.operations[kind], kind).toBeCloseTo(stated.ops[kind] ?? 0, 12);
      }
      expect(w.requestDistribution).toBe(want.dist);
      expect(w.keyChooser.distribution).toBe(want.dist === 'zipfian' ? 'scrambled-zipfian' : want.dist);
      expect(w.recordCount).toBe(1000);
      expect(w.operationCount).toBe(1000);
      expect(w.threadCount).toBe(1);
      expect(w.readAllFields).toBe(true);
      expect(w.values).toEqual({ fieldCount: 10, fieldLength: 100, minFieldLength: 1, distribution: 'constant' });
      const [minScan, maxScan, scanDist] = want.scan ?? [1, 1000, 'uniform'];
      expect(w.scan).toEqual({ minScanLength: minScan, maxScanLength: maxScan, distribution: scanDist });
      expect(w.ignored).toEqual([]);
    });
  }
});
