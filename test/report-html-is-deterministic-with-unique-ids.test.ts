/**
 * Rendering the same results twice in one process gives byte-identical files, and the inline
 * SVGs in index.html share no element id (vega numbers its clip paths with a process-wide
 * counter; the charts are re-labelled per chart so that clip-path references stay correct).
 */
import { describe, expect, it } from 'vitest';
import { renderReport } from '../reports/render.js';
import { resultsOf } from './support/report-fixture.js';

describe('report files', () => {
  it('are deterministic and index.html has unique element ids', async () => {
    const results = await resultsOf();
    const first = await renderReport(results);
    const second = await renderReport(results);
    expect(second).toEqual(first);
    const html = first.find((f) => f.name === 'index.html')!.content;
    const ids = [...html.matchAll(/\sid="([^"]+)"/g)].map((m) => m[1]!);
    expect(ids.length).toBeGreaterThan(10);
    expect(new Set(ids).size).toBe(ids.length);
    // Every url(#...) reference points at an id on the page.
    const refs = [...html.matchAll(/url\(#([^)]+)\)/g)].map((m) => m[1]!);
    expect(refs.length).toBeGreaterThan(0);
    for (const r of refs) expect(ids).toContain(r);
  });
});
