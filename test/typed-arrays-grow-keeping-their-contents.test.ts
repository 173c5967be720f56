/** grown() copies a typed array into a longer one of the same kind, new elements 0 or the fill given, never shorter. */
import { describe, expect, it } from 'vitest';
import { grown } from '../harness/typed-arrays.js';

describe('grown', () => {
  it('keeps the contents and the kind, and fills the new room', () => {
    const a = Int32Array.from([3, -1, 7]);
    const b = grown(a, 6);
    expect(b).toBeInstanceOf(Int32Array);
    expect(Array.from(b)).toEqual([3, -1, 7, 0, 0, 0]);
    expect(Array.from(grown(a, 5, -1))).toEqual([3, -1, 7, -1, -1]);
    const f = grown(Float64Array.from([0.5, NaN]), 3, NaN);
    expect(f).toBeInstanceOf(Float64Array);
    expect(Array.from(f)).toEqual([0.5, NaN, NaN]);
    expect(grown(Uint8Array.from([1, 2]), 1).length).toBe(2);
  });
});
