// The built-in presets ycsb-a … ycsb-f resolve exactly as the shipped core workload files A–F do,
// and as the test fixtures do: the same settings written with every quirk of the Java properties
// format (CRLF line endings, trailing whitespace, `:` and whitespace separators, `!` comments,
// backslash continuations; test/ycsb-fixtures-keep-their-quirks.test.ts checks the bytes).
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { YCSB_PRESET_NAMES, loadYcsbWorkload, ycsbPreset } from '../workloads/ycsb.js';

const shipped = new URL('../workloads/ycsb/', import.meta.url);
const fixtures = new URL('./fixtures/ycsb/', import.meta.url);
const read = (dir: URL, file: string) => loadYcsbWorkload([{ name: file, text: readFileSync(new URL(file, dir), 'utf8') }]);

describe('YCSB presets', () => {
  for (const name of YCSB_PRESET_NAMES) {
    const file = `workload${name.slice(-1)}`;
    it(`${name} equals the shipped ${file}`, () => {
      expect(ycsbPreset(name)).toEqual(read(shipped, file));
    });
    it(`${name} equals the fixture ${file} written with the format's quirks`, () => {
      expect(ycsbPreset(name)).toEqual(read(fixtures, file));
    });
  }

  it('take -p overrides', () => {
    const w = ycsbPreset('ycsb-a', ['recordcount=50000', 'requestdistribution=uniform']);
    expect(w.recordCount).toBe(50000);
    expect(w.requestDistribution).toBe('uniform');
    expect(w.operations.update).toBe(0.5);
  });
});
