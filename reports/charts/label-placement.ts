/**
 * Point labels that never overlap: each label goes to the first of a list of spots around its
 * point (right, left, above, below, then further up or down) where it stays inside the plot and
 * clear of every other point and every label placed before it; a label with no free spot is left
 * out. Works in pixels, with text widths estimated generously (no canvas to measure them).
 */

/** A point to label, in pixels from the plot's top-left corner. */
export interface LabelPoint {
  readonly x: number;
  readonly y: number;
  readonly text: string;
}

/** Where a label went: the anchor (pixels) and its horizontal alignment; the text is vertically centred on `y`. */
export interface PlacedLabel {
  readonly x: number;
  readonly y: number;
  readonly align: 'left' | 'right' | 'center';
}

/** Plot size and text metrics. */
export interface PlacementOptions {
  readonly width: number;
  readonly height: number;
  readonly fontSize: number;
  /** Radius (px) around each point that labels keep clear of. */
  readonly pointRadius: number;
}

interface Box {
  readonly x0: number;
  readonly y0: number;
  readonly x1: number;
  readonly y1: number;
}

/** Estimated width of `text` at `fontSize` in a sans-serif font: generous (0.62 em per character, wide letters more). */
export function textWidth(text: string, fontSize: number): number {
  let em = 0;
  for (const ch of text) em += /[mwMW@%]/.test(ch) ? 0.9 : /[A-Z0-9#&]/.test(ch) ? 0.7 : /[iljt.,:;'|!() \[\]]/.test(ch) ? 0.35 : 0.58;
  return em * fontSize + 2;
}

const overlaps = (a: Box, b: Box) => a.x0 < b.x1 && b.x0 < a.x1 && a.y0 < b.y1 && b.y0 < a.y1;

/** Places labels for `points` (in order: earlier points get the better spots); null where no spot is free. */
export function placeLabels(points: readonly LabelPoint[], opts: PlacementOptions): (PlacedLabel | null)[] {
  const lineHeight = opts.fontSize * 1.25;
  const gap = opts.pointRadius + 3;
  const half = lineHeight / 2;
  const pointBoxes: Box[] = points.map((p) => ({ x0: p.x - opts.pointRadius, y0: p.y - opts.pointRadius, x1: p.x + opts.pointRadius, y1: p.y + opts.pointRadius }));
  const taken: Box[] = [];
  return points.map((p, i) => {
    const w = textWidth(p.text, opts.fontSize);
    const candidates: { label: PlacedLabel; box: Box }[] = [];
    const right = (dy: number) => candidates.push({ label: { x: p.x + gap, y: p.y + dy, align: 'left' }, box: { x0: p.x + gap, y0: p.y + dy - half, x1: p.x + gap + w, y1: p.y + dy + half } });
    const left = (dy: number) => candidates.push({ label: { x: p.x - gap, y: p.y + dy, align: 'right' }, box: { x0: p.x - gap - w, y0: p.y + dy - half, x1: p.x - gap, y1: p.y + dy + half } });
    const centred = (dy: number) => candidates.push({ label: { x: p.x, y: p.y + dy, align: 'center' }, box: { x0: p.x - w / 2, y0: p.y + dy - half, x1: p.x + w / 2, y1: p.y + dy + half } });
    right(0);
    left(0);
    centred(-(gap + half));
    centred(gap + half);
    for (let k = 1; k <= 4; k++) {
      for (const dy of [-k * lineHeight, k * lineHeight]) {
        right(dy);
        left(dy);
      }
    }
    for (const c of candidates) {
      const b = c.box;
      if (b.x0 < 0 || b.y0 < 0 || b.x1 > opts.width || b.y1 > opts.height) continue;
      if (taken.some((t) => overlaps(t, b))) continue;
      if (pointBoxes.some((pb, j) => j !== i && overlaps(pb, b))) continue;
      taken.push(b);
      return c.label;
    }
    return null;
  });
}
