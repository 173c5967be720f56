/**
 * The YCSB fixtures in test/fixtures/ycsb/ keep, byte for byte, the quirks the properties reader
 * must handle (git must not normalise them: .gitattributes marks the folder -text): CRLF line
 * endings in workloadd and workloadf (as YCSB ships those two) and LF elsewhere, trailing
 * whitespace, `:` and whitespace separators, `!` comments and backslash continuations. What they
 * read to is checked against the presets in test/ycsb-presets-match-core-files.test.ts.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseProperties } from '../workloads/ycsb.js';

const dir = new URL('./fixtures/ycsb/', import.meta.url);
const bytes = (f: string) => readFileSync(new URL(f, dir));
const text = (f: string) => bytes(f).toString('latin1');

/** Count of CR LF pairs, and of LF not preceded by CR. */
function endings(b: Buffer): { crlf: number; lf: number } {
  let crlf = 0;
  let lf = 0;
  for (let i = 0; i < b.length; i++) if (b[i] === 0x0a) (i > 0 && b[i - 1] === 0x0d ? crlf++ : lf++);
  return { crlf, lf };
}

describe('YCSB fixtures', () => {
  it('are one per core workload', () => {
    expect(readdirSync(dir).sort()).toEqual(['workloada', 'workloadb', 'workloadc', 'workloadd', 'workloade', 'workloadf']);
  });

  it('workloadd and workloadf end every line with CR LF; the others with LF alone', () => {
    for (const f of ['workloadd', 'workloadf']) {
      const e = endings(bytes(f));
      expect(e.crlf, f).toBeGreaterThan(10);
      expect(e.lf, f).toBe(0);
    }
    for (const f of ['workloada', 'workloadb', 'workloadc', 'workloade']) {
      const e = endings(bytes(f));
      expect(e.lf, f).toBeGreaterThan(8);
      expect(e.crlf, f).toBe(0);
    }
  });

  it('carry trailing whitespace, on comments and after values, also before CR LF', () => {
    expect(text('workloada')).toMatch(/^recordcount=1000 +\n/m);
    expect(text('workloada')).toMatch(/^readallfields:true\t \n/m);
    expect(text('workloade')).toMatch(/^scanproportion = 0\.95\t\n/m);
    expect(text('workloadd')).toMatch(/^#.* +\r\n/m);
    expect(text('workloadf')).toMatch(/^!.* +\r\n/m);
  });

  it('use `:` and whitespace (space, tab, form feed) separators', () => {
    expect(text('workloada')).toMatch(/^operationcount : 1000\n/m);
    expect(text('workloada')).toMatch(/^readproportion: 0\.5\n/m);
    expect(text('workloadb')).toMatch(/^recordcount 1000\n/m);
    expect(text('workloadb')).toMatch(/^operationcount\t1000\n/m);
    expect(text('workloadb')).toMatch(/^readallfields\f true\n/m);
  });

  it('have `!` comments, also indented', () => {
    expect(text('workloada')).toMatch(/^! /m);
    expect(text('workloada')).toMatch(/^ +! /m);
  });

  it('continue lines with a backslash, also across CR LF, and keep a comment’s backslash inert', () => {
    expect(text('workloadc')).toMatch(/^recordcount=10\\\n +00\n/m);
    expect(text('workloadc')).toMatch(/^read\\\n +proportion=1\n/m);
    expect(text('workloadc')).toMatch(/^! .*\\\nrecordcount/m);
    expect(text('workloadf')).toMatch(/^readmodifywriteproportion=\\\r\n +0\.5\r\n/m);
  });

  it('read to values without stray carriage returns, continuations joined, on the right lines', () => {
    for (const f of ['workloadd', 'workloadf']) {
      for (const e of parseProperties(text(f), f).values()) expect(e.value, `${f} ${e.key}`).not.toMatch(/[\r\n]/);
    }
    expect(parseProperties(text('workloadd'), 'workloadd').get('requestdistribution')).toEqual({ key: 'requestdistribution', value: 'latest', source: 'workloadd', line: 16 });
    expect(parseProperties(text('workloadf'), 'workloadf').get('readmodifywriteproportion')).toEqual({ key: 'readmodifywriteproportion', value: '0.5', source: 'workloadf', line: 11 });
    const c = parseProperties(text('workloadc'), 'workloadc');
    expect([c.get('recordcount')?.value, c.get('readproportion')?.value, c.get('workload')?.value, c.get('requestdistribution')?.value]).toEqual(['1000', '1', 'site.ycsb.workloads.CoreWorkload', 'zipfian']);
  });
});
