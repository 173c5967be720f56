// Every core workload file in ../shared/ycsb/ (unmodified YCSB copies; workloadd and workloadf have
// CRLF line endings, several lines trailing spaces) reads to the proportions and request
// distribution it states — both in its settings and in its own header comment.
import { readFileSync, readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadYcsbWorkload, parseProperties } from '../workloads/ycsb.js';
import type { OperationKind } from '../workloads/generators.js';

const dir = new URL('../../shared/ycsb/', import.meta.url);
const files = readdirSync(dir).filter((f) => /^workload[a-f]$/.test(f)).sort();

/** What each file states (from its settings lines). */
const expected: Record<string, { ops: Partial<Record<OperationKind, number>>; dist: string; scan?: [number, number, string] }> = {
  workloada: { ops: { read: 0.5, update: 0.5 }, dist: 'zipfian' },
  workloadb: { ops: { read: 0.95, update: 0.05 }, dist: 'zipfian' },
  workloadc: { ops: { read: 1 }, dist: 'zipfian' },
  workloadd: { ops: { read: 0.95, insert: 0.05 }, dist: 'latest' },
  workloade: { ops: { scan: 0.95, insert: 0.05 }, dist: 'zipfian', scan: [1, 100, 'uniform'] },
  workloadf: { ops: { read: 0.5, 'read-modify-write': 0.5 }, dist: 'zipfian' },
};

/** Reads "# Read/update/insert ratio: 95/0/5" and "# Request distribution: latest" from the header. */
function statedInComments(text: string): { ops: Partial<Record<OperationKind, number>>; dist: string } {
  const ratio = /^#\s+([A-Za-z/-]+) ratio: ([\d/]+)\s*$/m.exec(text);
  const dist = /^#\s+Request distribution: (\w+)\s*$/m.exec(text);
  if (!ratio || !dist) throw new Error('header statement not found');
  const names = ratio[1]!.toLowerCase().split('/') as OperationKind[];
  const values = ratio[2]!.split('/').map(Number);
  const total = values.reduce((a, b) => a + b, 0);
  const ops: Partial<Record<OperationKind, number>> = {};
  names.forEach((n, i) => {
    if (values[i]! > 0) ops[n] = values[i]! / total;
  });
  return { ops, dist: dist[1]! };
}

describe('YCSB core workload files', () => {
  it('are all present, and workloadd/workloadf really use CRLF', () => {
    expect(files).toEqual(Object.keys(expected));
    for (const f of files) {
      const text = readFileSync(new URL(f, dir), 'utf8');
      expect(text.includes('\r\n')).toBe(f === 'workloadd' || f === 'workloadf');
      expect(/ +\r?\n/.test(text)).toBe(true); // trailing spaces somewhere
    }
  });

  for (const f of files) {
    it(`${f} reads to the proportions and distribution it states`, () => {
      const text = readFileSync(new URL(f, dir), 'utf8');
      const w = loadYcsbWorkload([{ name: f, text }]);
      const want = expected[f]!;
      const stated = statedInComments(text);
      expect(stated.dist).toBe(want.dist);
      for (const [kind, share] of Object.entries(w.operations) as Array<[OperationKind, number]>) {
        expect(share).toBeCloseTo(want.ops[kind] ?? 0, 12);
        expect(share).toBeCloseTo(stated.ops[kind] ?? 0, 12);
      }
      expect(w.requestDistribution).toBe(want.dist);
      expect(w.keyChooser.distribution).toBe(want.dist === 'zipfian' ? 'scrambled-zipfian' : want.dist);
      expect(w.recordCount).toBe(1000);
      expect(w.operationCount).toBe(1000);
      expect(w.readAllFields).toBe(true);
      expect(w.values).toEqual({ fieldCount: 10, fieldLength: 100, minFieldLength: 1, distribution: 'constant' });
      const [minScan, maxScan, scanDist] = want.scan ?? [1, 1000, 'uniform'];
      expect(w.scan).toEqual({ minScanLength: minScan, maxScanLength: maxScan, distribution: scanDist });
      expect(w.ignored).toEqual([]);
    });
  }

  it('CRLF files carry no stray carriage returns into values', () => {
    const text = readFileSync(new URL('workloadd', dir), 'utf8');
    const props = parseProperties(text, 'workloadd');
    for (const e of props.values()) expect(e.value).not.toMatch(/\r/);
    expect(props.get('requestdistribution')).toEqual({ key: 'requestdistribution', value: 'latest', source: 'workloadd', line: 40 });
  });
});
