/**
 * Point labels are placed where they overlap nothing: each placed label stays inside the plot and
 * clear of every other placed label and every other point; labels of coinciding points stack; a
 * label with no free spot is left out rather than drawn over another.
 */
import { describe, expect, it } from 'vitest';
import { placeLabels, textWidth, type LabelPoint } from '../reports/charts/label-placement.js';
import { Rng } from '../harness/sim/rng.js';

const OPTS = { width: 560, height: 300, fontSize: 10, pointRadius: 6 };

/** The box a placed label occupies (as the placement computes it). */
function box(p: LabelPoint, l: { x: number; y: number; align: string }) {
  const w = textWidth(p.text, OPTS.fontSize);
  const x0 = l.align === 'left' ? l.x : l.align === 'right' ? l.x - w : l.x - w / 2;
  return { x0, x1: x0 + w, y0: l.y - 6.25, y1: l.y + 6.25 };
}

function check(points: readonly LabelPoint[]) {
  const placed = placeLabels(points, OPTS);
  const boxes = placed.flatMap((l, i) => (l ? [{ i, b: box(points[i]!, l) }] : []));
  for (const { b } of boxes) {
    expect(b.x0).toBeGreaterThanOrEqual(0);
    expect(b.x1).toBeLessThanOrEqual(OPTS.width);
    expect(b.y0).toBeGreaterThanOrEqual(0);
    expect(b.y1).toBeLessThanOrEqual(OPTS.height);
  }
  for (const a of boxes) {
    for (const c of boxes) if (a.i < c.i) expect(a.b.x0 < c.b.x1 && c.b.x0 < a.b.x1 && a.b.y0 < c.b.y1 && c.b.y0 < a.b.y1).toBe(false);
    points.forEach((p, j) => {
      if (j === a.i) return;
      const r = OPTS.pointRadius;
      expect(a.b.x0 < p.x + r && p.x - r < a.b.x1 && a.b.y0 < p.y + r && p.y - r < a.b.y1).toBe(false);
    });
  }
  return placed;
}

describe('point label placement', () => {
  it('labels every point of two tight pairs and two lone points (the failover trade-off)', () => {
    const points = [
      { x: 0, y: 14, text: 'sync crash a follower of p0 @5s' },
      { x: 0, y: 15, text: 'sync crash leader of p0 @5s' },
      { x: 0, y: 143, text: 'semi-sync(acks=1) crash a follower of p0 @5s' },
      { x: 0, y: 143.2, text: 'semi-sync(acks=1) crash leader of p0 @5s' },
      { x: 0, y: 283, text: 'async crash a follower of p0 @5s' },
      { x: 527, y: 283, text: 'async crash leader of p0 @5s' },
    ];
    const placed = check(points);
    expect(placed.every((p) => p !== null)).toBe(true);
    expect(placed[5]!.align).toBe('right'); // at the right edge, the label goes to the left of its point
  });

  it('never overlaps on 40 random crowded points, leaving out what does not fit', () => {
    const rng = new Rng(7, 'labels');
    const points = Array.from({ length: 40 }, (_, i) => ({ x: rng.next() * 560, y: rng.next() * 300, text: `case number ${i} with a long name` }));
    const placed = check(points);
    expect(placed.filter(Boolean).length).toBeGreaterThan(5);
    expect(placed.filter((p) => p === null).length).toBeGreaterThan(0);
  });
});
