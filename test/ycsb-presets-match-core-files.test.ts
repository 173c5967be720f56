// The built-in presets ycsb-a … ycsb-f resolve exactly as YCSB's core workload files A–F do.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { YCSB_PRESET_NAMES, loadYcsbWorkload, ycsbPreset } from '../workloads/ycsb.js';

const dir = new URL('../../shared/ycsb/', import.meta.url);

describe('YCSB presets', () => {
  for (const name of YCSB_PRESET_NAMES) {
    it(`${name} equals workload${name.slice(-1)}`, () => {
      const file = `workload${name.slice(-1)}`;
      const fromFile = loadYcsbWorkload([{ name: file, text: readFileSync(new URL(file, dir), 'utf8') }]);
      expect(ycsbPreset(name)).toEqual(fromFile);
    });
  }

  it('take -p overrides', () => {
    const w = ycsbPreset('ycsb-a', ['recordcount=50000', 'requestdistribution=uniform']);
    expect(w.recordCount).toBe(50000);
    expect(w.requestDistribution).toBe('uniform');
    expect(w.operations.update).toBe(0.5);
  });
});
