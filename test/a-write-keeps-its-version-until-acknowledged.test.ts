/**
 * The version a write was created with reaches its acknowledgement however long it was in flight:
 * the first creation counts (a second coordinator storing the same write does not change it), a
 * write outlived by more than a ring's worth (65,536) of later ones is still found, and an
 * acknowledged one stays until its slot is needed again (a late second acknowledgement finds it).
 */
import { describe, expect, it } from 'vitest';
import { FirstVersions } from '../harness/metrics/first-versions.js';

describe('first versions', () => {
  it('keep the first creation, survive long flights, and are forgotten once taken', () => {
    const fv = new FirstVersions();
    fv.note(1, 10, null);
    fv.note(1, 99, null); // the same write stored by another coordinator later
    fv.note(2, 0, [1, 0, 2]);
    for (let id = 3; id <= 200_000; id++) fv.note(id, id * 2, null);
    expect(fv.take(1)).toBe(10);
    expect(fv.take(2)).toEqual([1, 0, 2]);
    expect(fv.take(70_000)).toBe(140_000);
    expect(fv.take(200_000)).toBe(400_000);
    // A second acknowledgement soon after still finds it; once the slot is reused, it is gone.
    expect(fv.take(200_000)).toBe(400_000);
    expect(fv.take(1)).toBeUndefined();
    fv.note(200_000 + 65_536, 7, null);
    expect(fv.take(200_000)).toBeUndefined();
    expect(fv.take(300_000)).toBeUndefined();
  });
});
